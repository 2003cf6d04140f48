"""The database: versioned DuckDB files behind a pointer (db), the schema and its migrations, the tables
derived at every write (derive) and the named queries the pages run (queries)."""
