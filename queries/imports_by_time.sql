-- grain: one row per import that changed the data, newest first.
-- params: none
select import_id, imported_at, imported_by, kind, file_name, sha256, rows_read, cells_added, cells_changed,
       cells_unchanged, months, note
from import_log
order by import_id desc
