-- grain: one row per year × period (month, quarter, or the whole year) of $year_from..$year_to — a measure
--        in the period (当期) and from the start of its year (累计), with 同比 of both and 环比 (against
--        the period before, across the year boundary). Periods without data have null values.
-- params: $year_from $year_to $grain ('month' | 'quarter' | 'year') $region $sector $measure
with calendar as (
    select y.range as year, p.range as period
    from range($year_from - 1, $year_to + 1) y
    cross join range(1, case $grain when 'month' then 13 when 'quarter' then 5 else 2 end) p
),

by_period as (
    select
        year,
        case $grain when 'month' then month when 'quarter' then (month + 2) // 3 else 1 end as period,
        count(*) as cells,
        sum(projects) as projects,
        sum(amount_wan) as amount_wan,
        sum(savings_wan) as savings_wan,
        sum(premium_wan) as premium_wan,
        sum(savings_base_wan) as savings_base_wan,
        sum(premium_base_wan) as premium_base_wan
    from fact_cells
    where year between $year_from - 1 and $year_to
      and in_region($region, region_code, city_code, province_code)
      and ($sector is null or sector_code = $sector)
    group by all
),

running as (
    select
        c.year,
        c.period,
        b.cells,
        measure_value($measure, b.projects, b.amount_wan, b.savings_wan, b.premium_wan,
                      b.savings_base_wan, b.premium_base_wan) as value,
        case when b.cells is not null then measure_value($measure,
            sum(b.projects) over ytd, sum(b.amount_wan) over ytd, sum(b.savings_wan) over ytd,
            sum(b.premium_wan) over ytd, sum(b.savings_base_wan) over ytd, sum(b.premium_base_wan) over ytd)
        end as value_ytd
    from calendar c
    left join by_period b using (year, period)
    window ytd as (partition by c.year order by c.period)
),

compared as (
    select
        r.*,
        measure_change($measure, r.value, p.value) as yoy_pct,
        measure_change($measure, r.value_ytd, p.value_ytd) as ytd_yoy_pct,
        measure_change($measure, r.value, lag(r.value) over (order by r.year, r.period)) as mom_pct
    from running r
    left join running p on p.year = r.year - 1 and p.period = r.period
)

select year, period, cells, value, value_ytd, yoy_pct, ytd_yoy_pct, mom_pct
from compared
where year >= $year_from
order by year, period
