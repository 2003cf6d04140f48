-- The touched months' projects as they will be (merged_projects): those stored, replaced by the file's
-- (incoming_projects) where it has them. Only the months' stored projects are read, by a date range: the project
-- table is stored by month, so whole row groups are skipped.
-- placeholders: first the first day of the first touched month, past the first day after the last one
--               (YYYY-MM-DD, from import_touched_range.sql: a view takes no parameters)
create or replace temp view merged_projects as
select * exclude (import_id) from fact_project p
where deal_date >= date '{first}' and deal_date < date '{past}'
  and project_id not in (select project_id from incoming_projects)
union all by name
select * from incoming_projects
