-- grain: one row per later row of a repeated 项目编号 (repeated): the start of its message, finished with the
--        row it first came in (project_file.problem).
select sheet_no, row_no, 0, '项目编号“' || project_id || '”与', null, first_sheet, first_row from repeated
