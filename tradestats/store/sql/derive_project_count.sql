-- grain: one row per month, region and sector: how many projects it has (project_count).
-- placeholders: only empty (every project), or derive_projects_of_months.sql (the months of derive_months)
insert into project_count
select year(deal_date) as year, month(deal_date) as month, region_code, sector_code, count(*) as projects
from fact_project p {only}
group by all order by all
