"""Synthetic data: the one set of distributions (distributions) that the demo data set's script
(data/demo/generate.py) and `tradestats generate` both draw from; `tradestats generate` — millions of projects and
their monthly cells for benchmarks (generate), with the project lists' optional fields (generate_market). Imports
ingest (the project fields' rules), store and config."""
