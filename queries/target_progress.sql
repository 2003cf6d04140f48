-- grain: one row per target of the year for the region (a county's, or the city's), all sectors or one:
--        the 1–N月 累计 of its measure, the target, and 完成率 (%, two decimals). 序时进度 is added by
--        tradestats.domain.targets (it depends on a setting, not on the data).
-- params: $year $month (the months 1..month) $region
with targets as (
    select * from fact_target where year = $year and region_code = $region
),

cells as (  -- the 1–N月 累计 by period_cells' rule: from months, or from a stored 累计
    select * from period_cells($year, 1, $month, $region, null) where year = $year
),

sums as (
    select t.sector_code, t.measure, sum(c.projects) as projects, sum(c.amount_wan) as amount_wan,
           sum(c.savings_wan) as savings_wan, sum(c.premium_wan) as premium_wan
    from targets t
    left join cells c on t.sector_code = '' or c.sector_code = t.sector_code
    group by all
),

actual as (  -- unknown when a region's 累计 cannot be known from what is stored
    select sector_code, measure,
           case when coalesce((select bool_and(known) from cells), true)
                then coalesce(measure_value(measure, projects, amount_wan, savings_wan, premium_wan, null, null), 0)
           end as actual
    from sums
)

select
    t.region_code,
    nullif(t.sector_code, '') as sector_code,
    s.sector_name,
    t.measure,
    t.target,
    a.actual,
    round(100.0 * a.actual / t.target, 2) as completion_pct
from targets t
join actual a using (sector_code, measure)
left join dim_sector s on s.sector_code = t.sector_code
order by t.sector_code <> '', s.sort_order,
         case t.measure when 'amount_wan' then 1 when 'projects' then 2 when 'savings_wan' then 3 else 4 end
