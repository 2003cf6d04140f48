"""The Streamlit layer: the only part of the package that imports streamlit (tests/test_layers.py)."""
