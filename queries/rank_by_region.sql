-- grain: one row per region directly under $parent (the cities of a province, or the county-level units
--        and 市本级 of a city) — a measure over the period and the same months a year earlier, with
--        competition ranks (1, 2, 2, 4; highest first) in both years.
-- params: $year $month_from $month_to $parent $sector (null: every sector) $measure (see measure_value)
with by_region as (
    select
        case when city_code = $parent then region_code else city_code end as region_code,
        year,
        case when bool_and(known)  -- a region whose figures cannot be known for the period has no value
             then measure_value($measure, sum(projects), sum(amount_wan), whole_sum(savings_wan), whole_sum(premium_wan),
                                base_sum(savings_base_wan, sector_code), base_sum(premium_base_wan, sector_code))
             end as value
    from period_cells($year, $month_from, $month_to, $parent, $sector)
    group by all
),

ranked as (
    select
        region_code,
        year,
        value,
        case when value is not null then rank() over (partition by year order by value desc nulls last) end
            as rank,
        count(value) over (partition by year) as rank_of
    from by_region
),

cur as (select * from ranked where year = $year),
prev as (select * from ranked where year = $year - 1)

select
    r.region_code,
    r.region_name,
    r.short_name,
    cur.value,
    prev.value as value_prev,
    measure_change($measure, cur.value, prev.value) as value_yoy_pct,
    cur.rank,
    coalesce(max(cur.rank_of) over (), 0) as rank_of,
    prev.rank as rank_prev
from dim_region r
left join cur using (region_code)
left join prev using (region_code)
where r.parent_code = $parent and r.level in ('city', 'county', 'pseudo')
order by cur.rank nulls last, r.sort_order
