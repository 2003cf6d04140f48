-- grain: one row per region × year — the home city and each of its county-level units: 节资率 and 增值率 of
--        month $month in $year and the $years years before it (ratios of sums, on the rate basis of the settings).
-- params: $year $month $years $city
with cells as (
    select year, region_code, sector_code, savings_wan, premium_wan, savings_base_wan, premium_base_wan
    from fact_cells
    where city_code = $city and month = $month and year between $year - $years and $year and region_code <> $city
    union all  -- the city as a whole
    select year, $city, sector_code, savings_wan, premium_wan, savings_base_wan, premium_base_wan
    from fact_cells
    where city_code = $city and month = $month and year between $year - $years and $year
)

select
    c.region_code,
    r.region_name,
    c.year,
    share_pct(sum(c.savings_wan), base_sum(c.savings_base_wan, c.sector_code)) as savings_rate_pct,
    share_pct(sum(c.premium_wan), base_sum(c.premium_base_wan, c.sector_code)) as premium_rate_pct
from cells c
join dim_region r using (region_code)
group by c.region_code, r.region_name, r.sort_order, c.year
order by c.region_code <> $city, r.sort_order, c.year
