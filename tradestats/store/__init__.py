"""The database: versioned DuckDB files behind a pointer (db), the schema and its migrations, the tables
derived at every write (derive), the named queries the pages run (queries) and the statements that write
and derive, the import's too, each a .sql file (statements), the trade types' vocabulary it is built from
(reference) and the JSON-lines logs kept beside it (jsonlog). Imports domain (the vocabulary: a sector's
directions, the rates' bases) and config."""
