-- grain: one row per county-level unit (and 市本级) of $city that has no data for at least one month of
--        months 1..$month_to of $year — which months are missing. A reported zero is not a gap; nor is a
--        month a stored figure of a span of the unit covers (a quarter, a 1–N月 累计: period_cells answers
--        from it); nor is anything missing when the city's data of the year has no county split (only its
--        own total, monthly or of spans).
-- params: $year $month_to $city
with expected as (
    select r.region_code, r.region_name, r.sort_order, m.range as month
    from dim_region r
    cross join range(1, $month_to + 1) m
    where unit_of(r.level, r.parent_code, $city)
      and not exists (from fact_cells where year = $year and region_code = $city)
      and not exists (from span_cells where year = $year and region_code = $city)
),

reported as (
    select distinct region_code, month
    from fact_cells
    where year = $year and city_code = $city
    union
    select distinct s.region_code, m.range
    from span_cells s
    cross join range(1, 13) m
    where s.year = $year and s.city_code = $city and m.range between s.month_from and s.month_to
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
