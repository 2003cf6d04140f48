-- grain: one row per year × month with data of the region (and sector) up to $year: the measure's 累计
--        from January to that month, the year's total (its December 累计, null while the year has no
--        December), the share of the year done by that month (累计 ÷ 全年, a fraction) and how many months
--        of the year have data. The profile of the year-end estimate (tradestats.domain.estimate): a complete
--        year has all 12 months. Additive measures only (项目数, 交易额, 节约资金, 增收资金).
-- params: $year $region $sector $measure
with by_month as (
    select
        year,
        month,
        sum(projects) as projects,
        sum(amount_wan) as amount_wan,
        sum(savings_wan) as savings_wan,
        sum(premium_wan) as premium_wan
    from fact_cells
    where year <= $year
      and in_region($region, region_code, city_code, province_code)
      and ($sector is null or sector_code = $sector)
    group by all
),

running as (
    select
        year,
        month,
        measure_value($measure, sum(projects) over ytd, sum(amount_wan) over ytd, sum(savings_wan) over ytd,
                      sum(premium_wan) over ytd, null, null) as value_ytd,
        count(*) over (partition by year) as months_with_data
    from by_month
    window ytd as (partition by year order by month)
),

years as (
    select year, max(value_ytd) filter (where month = 12) as year_value
    from running
    group by year
)

select
    r.year,
    r.month,
    r.value_ytd,
    y.year_value,
    case when y.year_value > 0 then r.value_ytd / y.year_value end as share,
    r.months_with_data
from running r
join years y using (year)
order by r.year, r.month
