-- grain: one row per later row of a repeated 项目编号 among the rows without other problems (checked), with the
--        sheet and row it first came in. Grouped by its hash first, which is quicker than by the text: only the
--        few rows that share one are compared.
create table repeated as
with candidates as (
    select * from checked
    where valid and hash(project_id) in (
        select hash(project_id) from checked where valid group by all having count(*) > 1))
select c.sheet_no, c.row_no, c.project_id, f.first.sheet_no as first_sheet, f.first.row_no as first_row
from (select project_id, min({'sheet_no': sheet_no, 'row_no': row_no}) as first
      from candidates group by project_id having count(*) > 1) f
join candidates c using (project_id)
where (c.sheet_no, c.row_no) <> (f.first.sheet_no, f.first.row_no)
