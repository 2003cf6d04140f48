-- grain: one row per county-level unit (and 市本级) of $city that has no data for at least one month of
--        months 1..$month_to of $year — which months are missing. A reported zero is not a gap; nor is
--        anything missing when the city's data of the year has no county split (only its own total).
-- params: $year $month_to $city
with expected as (
    select r.region_code, r.region_name, r.sort_order, m.range as month
    from dim_region r
    cross join range(1, $month_to + 1) m
    where unit_of(r.level, r.parent_code, $city)
      and not exists (from fact_cells where year = $year and region_code = $city)
),

reported as (
    select distinct region_code, month
    from fact_cells
    where year = $year and city_code = $city
)

select
    e.region_code,
    e.region_name,
    list(e.month order by e.month) as missing_months,
    count(*) as missing
from expected e
anti join reported r using (region_code, month)
group by e.region_code, e.region_name, e.sort_order
order by e.sort_order
