-- grain: one row per setting that says what built the database: its schema (version, or an earlier release's
--        hash), its data set and the derived.sql that made its views
select key, value from app_setting where key in ('schema', 'schema_version', 'dataset', 'derived')
