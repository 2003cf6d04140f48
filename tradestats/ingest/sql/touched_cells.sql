-- grain: one row per month, region and sector where the file's projects (incoming_projects) fall, and where
--        those already stored under the same 项目编号 fell before
select distinct year(deal_date) as year, month(deal_date) as month, region_code, sector_code
from incoming_projects
union
select year(deal_date), month(deal_date), region_code, sector_code
from fact_project where project_id in (select project_id from incoming_projects)
