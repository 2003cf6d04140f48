-- grain: one row per month the stored failed trades that the file's (incoming_failed) replace were in: the
--        same 项目编号
select distinct year(failed_date), month(failed_date) from fact_tender_failed
where project_id in (select project_id from incoming_failed)
