"""The baseline of benchmarks/browser.py: the least a Streamlit app can do for a filter change."""

import streamlit as st

choice = st.selectbox("选项", [f"选项{i}" for i in range(1, 13)])
st.write(f"已选择{choice}")
