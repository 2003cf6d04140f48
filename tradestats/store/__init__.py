"""The database: versioned DuckDB files behind a pointer (db), the schema and its migrations, the tables
derived at every write (derive), the named queries the pages run (queries) and the statements that write
and derive, the import's too, each a .sql file (statements)."""
