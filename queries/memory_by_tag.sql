-- grain: one row per part of DuckDB's own memory accounting holding 1 MB or more (its buffer pool's tables,
--        indexes …), largest first: where the server's database memory goes (benchmarks/server_memory.py).
-- params: none
select tag, memory_usage_bytes >> 20 as mb from duckdb_memory() where memory_usage_bytes >> 20 > 0 order by mb desc
