-- grain: one row per county (or pseudo-region) of the city with a target of the measure for all sectors:
--        its 1–N月 累计, target and 完成率, highest 完成率 first.
-- params: $year $month $city $measure
with targets as (
    select t.*
    from fact_target t join dim_region r using (region_code)
    where t.year = $year and r.parent_code = $city and t.sector_code = '' and t.measure = $measure
),

sums as (
    select t.region_code, sum(c.projects) as projects, sum(c.amount_wan) as amount_wan,
           sum(c.savings_wan) as savings_wan, sum(c.premium_wan) as premium_wan
    from targets t
    left join fact_cells c on c.year = t.year and c.month between 1 and $month and c.region_code = t.region_code
    group by all
),

actual as (
    select region_code, measure_value($measure, projects, amount_wan, savings_wan, premium_wan, null, null) as actual
    from sums
)

select r.region_code, r.region_name, r.short_name, t.target, coalesce(a.actual, 0) as actual,
       round(100.0 * coalesce(a.actual, 0) / t.target, 2) as completion_pct
from targets t
join actual a using (region_code)
join dim_region r using (region_code)
order by completion_pct desc, r.sort_order
