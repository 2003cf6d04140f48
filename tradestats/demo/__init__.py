"""Synthetic data: `tradestats generate` — millions of projects and their monthly cells for benchmarks
(generate), with the project lists' optional fields (generate_market). Imports ingest (the project fields'
rules), store and config."""
