-- grain: one row — 环比: a region's headline measures over months $month_from..$month_to of $year against
--        months $prev_from..$prev_to of $prev_year (the period before), each by period_cells' one rule; null
--        where either side cannot be known or the base is zero.
-- params: $year $month_from $month_to $prev_year $prev_from $prev_to $region (null: everything)
with cells as (
    select true as current, * from period_cells($year, $month_from, $month_to, $region, null) where year = $year
    union all
    select false, * from period_cells($prev_year, $prev_from, $prev_to, $region, null) where year = $prev_year
),

sums as (  -- a side with a part that cannot be known has no figures
    select current,
           case when bool_and(known) then sum(projects) end as projects,
           case when bool_and(known) then sum(amount_wan) end as amount_wan,
           case when bool_and(known) then whole_sum(savings_wan) end as savings_wan,
           case when bool_and(known) then whole_sum(premium_wan) end as premium_wan
    from cells
    group by current
),

cur as (select * from sums where current),
prev as (select * from sums where not current)

select
    change_pct(cur.projects, prev.projects) as projects_pop_pct,
    change_pct(cur.amount_wan, prev.amount_wan) as amount_pop_pct,
    change_pct(cur.savings_wan, prev.savings_wan) as savings_pop_pct,
    change_pct(cur.premium_wan, prev.premium_wan) as premium_pop_pct
from (select 1) as one
left join cur on true
left join prev on true
