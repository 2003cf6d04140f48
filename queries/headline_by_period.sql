-- grain: one row — a region's headline figures over months $month_from..$month_to of $year, each beside
--        the same months of the year before and its 同比.
-- params: $year $month_from $month_to $region (null: everything) $sector (null: every sector)
with totals as (
    select
        year,
        count(*) as cells,
        sum(projects) as projects,
        sum(amount_wan) as amount_wan,
        sum(savings_wan) as savings_wan,
        sum(premium_wan) as premium_wan,
        sum(key_projects) as key_projects,
        sum(key_amount_wan) as key_amount_wan,
        sum(savings_base_wan) as savings_base_wan,
        sum(premium_base_wan) as premium_base_wan
    from period_cells($year, $month_from, $month_to, $region, $sector)
    group by year
),

cur as (select * from totals where year = $year),
prev as (select * from totals where year = $year - 1)

select
    coalesce(cur.cells, 0) as cells,
    cur.projects,
    change_pct(cur.projects, prev.projects) as projects_yoy_pct,
    cur.amount_wan,
    change_pct(cur.amount_wan, prev.amount_wan) as amount_yoy_pct,
    cur.savings_wan,
    change_pct(cur.savings_wan, prev.savings_wan) as savings_yoy_pct,
    cur.premium_wan,
    change_pct(cur.premium_wan, prev.premium_wan) as premium_yoy_pct,
    cur.key_projects,
    cur.key_amount_wan,
    share_pct(cur.savings_wan, cur.savings_base_wan) as savings_rate_pct,
    share_pct(cur.premium_wan, cur.premium_base_wan) as premium_rate_pct,
    prev.projects as projects_prev,
    prev.amount_wan as amount_prev_wan
from (select 1) as one
left join cur on true
left join prev on true
