-- grain: one row per year × period (month, quarter, or the whole year) of $year_from..$year_to — a measure
--        in the period (当期) and from the start of its year (累计), with 同比 of both and 环比 (against
--        the period before, across the year boundary). Periods without data have null values; so have periods
--        (and 累计 through them) with a month that a region of $region has figures of a span for (a quarter, a
--        1–N月 累计, a year: span_cells) but no monthly cell: the sum of the months would be a part shown as the
--        whole (period_cells' rule; the page says where its figures came from spans).
-- params: $year_from $year_to $grain ('month' | 'quarter' | 'year') $region $sector $measure
with calendar as (
    select y.range as year, p.range as period,
           case $grain when 'month' then p.range when 'quarter' then 3 * p.range - 2 else 1 end as first_month,
           case $grain when 'month' then p.range when 'quarter' then 3 * p.range else 12 end as last_month
    from range($year_from - 1, $year_to + 1) y
    cross join range(1, case $grain when 'month' then 13 when 'quarter' then 5 else 2 end) p
),

-- year × month that a region's span covers and that region has no monthly cell for (whatever the sector,
-- as period_cells decides per region; for a sector, no cell by sector)
unmonthly as (
    select distinct s.year, m.range as month
    from span_cells s
    cross join range(1, 13) m
    where s.year between $year_from - 1 and $year_to
      and in_region($region, s.region_code, s.city_code, s.province_code)
      and m.range between s.month_from and s.month_to
      and not exists (from fact_cells c where c.year = s.year and c.region_code = s.region_code and c.month = m.range
                                          and ($sector is null or c.sector_code is not null))
    union  -- for a sector: a month a region gave only as all sectors together (fact_trade_total)
    select distinct year, month
    from fact_cells
    where $sector is not null and sector_code is null and year between $year_from - 1 and $year_to
      and in_region($region, region_code, city_code, province_code)
),

gap as (
    select c.year, c.period,
           exists (from unmonthly u where u.year = c.year and u.month between c.first_month and c.last_month)
               as in_period,
           exists (from unmonthly u where u.year = c.year and u.month <= c.last_month) as in_ytd
    from calendar c
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
        base_sum(savings_base_wan, sector_code) as savings_base_wan,
        base_sum(premium_base_wan, sector_code) as premium_base_wan,
        bool_and(sector_code is not null) as split_known
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
        case when not g.in_period then b.cells end as cells,
        case when not g.in_period then measure_value($measure, b.projects, b.amount_wan, b.savings_wan,
                                                      b.premium_wan, b.savings_base_wan, b.premium_base_wan)
        end as value,
        case when b.cells is not null and not g.in_ytd then measure_value($measure,
            sum(b.projects) over ytd, sum(b.amount_wan) over ytd, sum(b.savings_wan) over ytd,
            sum(b.premium_wan) over ytd,
            case when bool_and(b.split_known) over ytd then sum(b.savings_base_wan) over ytd end,
            case when bool_and(b.split_known) over ytd then sum(b.premium_base_wan) over ytd end)
        end as value_ytd
    from calendar c
    join gap g using (year, period)
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
