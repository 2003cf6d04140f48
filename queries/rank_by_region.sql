-- grain: one row per region directly under $parent (the cities of a province, or the county-level units
--        and 市本级 of a city) — a measure over the period and the same months a year earlier, with
--        competition ranks (1, 2, 2, 4; highest first) in both years.
-- params: $year $month_from $month_to $parent $measure ('amount_wan' | 'projects')
with cells as (
    select
        year,
        case when city_code = $parent then region_code else city_code end as region_code,
        case $measure when 'projects' then projects::decimal(38, 6) else amount_wan end as value
    from fact_cells
    where year in ($year, $year - 1)
      and month between $month_from and $month_to
      and $parent in (city_code, province_code)
),

by_region as (
    select
        region_code,
        sum(value) filter (where year = $year) as value,
        sum(value) filter (where year = $year - 1) as value_prev
    from cells
    group by region_code
)

select
    r.region_code,
    r.region_name,
    r.short_name,
    b.value,
    b.value_prev,
    change_pct(b.value, b.value_prev) as value_yoy_pct,
    case when b.value is not null then rank() over (order by b.value desc nulls last) end as rank,
    count(b.value) over () as rank_of,
    case when b.value_prev is not null then rank() over (order by b.value_prev desc nulls last) end
        as rank_prev
from dim_region r
left join by_region b using (region_code)
where r.parent_code = $parent and r.level in ('city', 'county', 'pseudo')
order by rank nulls last, r.sort_order
