-- grain: one row per region × sector — the home city and each of its county-level units (and 市本级), for all
--        sectors (sector_code null) and for each sector with data: the 1–$month月 累计 of the measures of
--        $year beside the same months of the year before, and their 同比. A region or sector with no cell in
--        $year has no current value (and so no 同比): not reporting is another rule's concern.
-- params: $year $month $city
with cells as (
    select year, region_code, sector_code, projects, amount_wan, savings_wan, premium_wan, known
    from period_cells($year, 1, $month, $city, null)
    where region_code <> $city  -- a city that reports only its total is counted once, below
    union all  -- the city as a whole
    select year, $city, sector_code, projects, amount_wan, savings_wan, premium_wan, known
    from period_cells($year, 1, $month, $city, null)
),

sums as (  -- a region (or the city) with figures that cannot be known for the months has none
    select region_code, sector_code, year,
           sum(projects) as projects, sum(amount_wan) as amount_wan,
           sum(savings_wan) as savings_wan, sum(premium_wan) as premium_wan
    from (select *, bool_and(known) over (partition by region_code, year) as whole_known from cells)
    group by grouping sets ((region_code, sector_code, year), (region_code, year))
    having bool_and(whole_known) and (grouping(sector_code) = 1 or sector_code is not null)
),

cur as (select * from sums where year = $year),
prev as (select * from sums where year = $year - 1)

select
    cur.region_code,
    r.region_name,
    cur.sector_code,
    s.sector_name,
    cur.projects, prev.projects as projects_prev, change_pct(cur.projects, prev.projects) as projects_yoy_pct,
    cur.amount_wan, prev.amount_wan as amount_prev_wan, change_pct(cur.amount_wan, prev.amount_wan) as amount_yoy_pct,
    cur.savings_wan, prev.savings_wan as savings_prev_wan, change_pct(cur.savings_wan, prev.savings_wan) as savings_yoy_pct,
    cur.premium_wan, prev.premium_wan as premium_prev_wan, change_pct(cur.premium_wan, prev.premium_wan) as premium_yoy_pct
from cur
left join prev on prev.region_code = cur.region_code and prev.sector_code is not distinct from cur.sector_code
join dim_region r on r.region_code = cur.region_code
left join dim_sector s on s.sector_code = cur.sector_code
order by r.region_code <> $city, r.sort_order, cur.sector_code nulls first, s.sort_order
