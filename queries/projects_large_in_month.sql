-- grain: one row per project of month $month of $year in a county-level unit (or 市本级) of $city whose amount
--        is more than $min_share percent of that unit's amount of the month (all sectors, the monthly cells),
--        in a unit and month with at least $min_projects projects; largest share first.
-- params: $year $month $city $min_share $min_projects
with months as (
    select region_code, sum(amount_wan) as month_amount_wan, sum(projects) as month_projects
    from fact_cells
    where year = $year and month = $month and city_code = $city
    group by region_code
)

select
    p.project_id,
    p.project_name,
    p.region_code,
    r.region_name,
    p.sector_code,
    p.deal_date,
    p.amount_wan,
    m.month_amount_wan,
    m.month_projects,
    round(100.0 * p.amount_wan / m.month_amount_wan, 2) as share_pct
from fact_project p
join months m using (region_code)
join dim_region r using (region_code)
where p.deal_date >= make_date($year, $month, 1) and p.deal_date < make_date($year, $month, 1) + interval 1 month
  and m.month_amount_wan > 0 and m.month_projects >= $min_projects
  and round(100.0 * p.amount_wan / m.month_amount_wan, 2) > $min_share  -- as the share is shown
order by share_pct desc, p.project_id
