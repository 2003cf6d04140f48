-- grain: one row per checked row (checked) with a problem in one field: its message, the text to suggest a name
--        for (region, sector) and no first row (that is a repeated 项目编号's, repeated_project_problems.sql).
-- placeholders: ord: the field's place in project_file.CHECKED; field: the field; hint: the column of its
--               normal text, or null
select sheet_no, row_no, {ord} as ord, {field}_problem as message, {hint} as hint,
       null::integer as first_sheet, null::integer as first_row
from checked where {field}_problem is not null
