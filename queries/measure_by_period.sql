-- grain: one row per year × period (month, quarter, or the whole year) of $year_from..$year_to — a measure
--        in the period (当期) and from the start of its year (累计), with 同比 of both and 环比 (against
--        the period before, across the year boundary). Each value by period_cells' one rule (period_rows),
--        for every period at once: a region's months; where it has figures of spans its months do not cover,
--        a stored span, a span plus months, or a difference of two; else unknown — null, never a part shown
--        as the whole, as is a sector's (or a rate's) where a region gave only all sectors together. Periods
--        without data have null values.
-- params: $year_from $year_to $grain ('month' | 'quarter' | 'year') $region $sector $measure
with calendar as (
    select y.range as year, p.range as period,
           case $grain when 'month' then p.range when 'quarter' then 3 * p.range - 2 else 1 end as first_month,
           case $grain when 'month' then p.range when 'quarter' then 3 * p.range else 12 end as last_month
    from range($year_from - 1, $year_to + 1) y
    cross join range(1, case $grain when 'month' then 13 when 'quarter' then 5 else 2 end) p
),

asked as (  -- every span of months a value is asked of: the periods, and the 累计 through each
    select year, first_month as period_from, last_month as period_to from calendar
    union
    select year, 1, last_month from calendar
),

rows as (  -- period_cells' rows of every asked span
    select r.* from period_rows_of($region, $sector) r semi join asked a using (year, period_from, period_to)
),

sums as (
    select
        year, period_from, period_to,
        sum(cells)::bigint as cells,
        bool_and(known) as known,
        sum(projects) as projects,
        sum(amount_wan) as amount_wan,
        whole_sum(savings_wan) as savings_wan,
        whole_sum(premium_wan) as premium_wan,
        base_sum(savings_base_wan, sector_code) as savings_base_wan,
        base_sum(premium_base_wan, sector_code) as premium_base_wan
    from rows
    group by all
),

running as (
    select
        c.year,
        c.period,
        case when p.known then p.cells end as cells,
        case when p.known then measure_value($measure, p.projects, p.amount_wan, p.savings_wan, p.premium_wan,
                                             p.savings_base_wan, p.premium_base_wan) end as value,
        case when p.cells is not null and y.known then measure_value($measure, y.projects, y.amount_wan,
            y.savings_wan, y.premium_wan, y.savings_base_wan, y.premium_base_wan) end as value_ytd
    from calendar c
    left join sums p on p.year = c.year and p.period_from = c.first_month and p.period_to = c.last_month
    left join sums y on y.year = c.year and y.period_from = 1 and y.period_to = c.last_month
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
