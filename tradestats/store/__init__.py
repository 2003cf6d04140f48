"""The database: versioned DuckDB files behind a pointer (db), the schema and its migrations, the tables
derived at every write (derive), the named queries the pages run (queries), the trade types' vocabulary it is
built from (reference) and the JSON-lines logs kept beside it (jsonlog). Imports config only."""
