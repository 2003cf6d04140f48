-- grain: one row per county-level unit (or 市本级) of $city × month of $year (1..$month) without a cell of that
--        month, while others of the city's units reported it: how many did, and of how many. A month a stored
--        figure of a span of the unit covers (a quarter, a 1–N月 累计) is reported. Nothing when the city's
--        data of the year has no county split (only its own total, monthly or of spans).
-- params: $year $month $city
with units as (
    select region_code, region_name, sort_order
    from dim_region
    where unit_of(level, parent_code, $city)
      and not exists (from fact_cells where year = $year and region_code = $city)
      and not exists (from span_cells where year = $year and region_code = $city)
),

reported as (
    select distinct region_code, month
    from fact_cells
    where year = $year and month <= $month and city_code = $city
    union
    select distinct s.region_code, m.range
    from span_cells s
    cross join range(1, $month + 1) m
    where s.year = $year and s.city_code = $city and m.range between s.month_from and s.month_to
),

by_month as (
    select month, count(*) as reported from reported group by month
)

select
    u.region_code,
    u.region_name,
    m.month,
    m.reported,
    (select count(*) from units) as units
from units u
cross join by_month m
anti join reported r on r.region_code = u.region_code and r.month = m.month
order by u.sort_order, m.month
