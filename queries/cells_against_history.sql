-- grain: one row per region × sector with data in month $month of $year — the county-level units (and 市本级)
--        of $city, or the city itself when it reports only its total: the month's amount and count beside
--        their averages over the $months months before it in which the cell had any (zero months left out).
-- params: $year $month $months $city
with cur as (
    select region_code, sector_code, sum(amount_wan) as amount_wan, sum(projects) as projects
    from fact_cells
    where year = $year and month = $month and city_code = $city
    group by all
),

history as (
    select f.region_code, f.sector_code,
           avg(f.amount_wan) filter (where f.amount_wan > 0) as amount_avg_wan,
           count(*) filter (where f.amount_wan > 0) as amount_months,
           avg(f.projects) filter (where f.projects > 0) as projects_avg,
           count(*) filter (where f.projects > 0) as projects_months
    from fact_cells f
    join cur using (region_code, sector_code)
    where (f.year * 12 + f.month) between ($year * 12 + $month - $months) and ($year * 12 + $month - 1)
    group by all
)

select
    c.region_code,
    r.region_name,
    c.sector_code,
    s.sector_name,
    c.amount_wan,
    h.amount_avg_wan,
    coalesce(h.amount_months, 0) as amount_months,
    c.projects,
    h.projects_avg,
    coalesce(h.projects_months, 0) as projects_months
from cur c
left join history h using (region_code, sector_code)
join dim_region r using (region_code)
join dim_sector s using (sector_code)
order by r.sort_order, s.sort_order
