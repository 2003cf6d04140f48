-- grain: one row per sector with data in the period or the same months a year earlier — count, amount,
--        share of the region's amount, each with its 同比.
-- params: $year $month_from $month_to $region (null: everything)
with cells as (
    select * from period_cells($year, $month_from, $month_to, $region)
),

by_sector as (
    select
        sector_code,
        sum(projects) filter (where year = $year) as projects,
        sum(projects) filter (where year = $year - 1) as projects_prev,
        sum(amount_wan) filter (where year = $year) as amount_wan,
        sum(amount_wan) filter (where year = $year - 1) as amount_prev_wan,
        sum(savings_wan) filter (where year = $year) as savings_wan,
        sum(premium_wan) filter (where year = $year) as premium_wan
    from cells
    group by sector_code
)

select
    s.sector_code,
    s.sector_name,
    s.direction,
    s.color,
    b.projects,
    change_pct(b.projects, b.projects_prev) as projects_yoy_pct,
    b.amount_wan,
    change_pct(b.amount_wan, b.amount_prev_wan) as amount_yoy_pct,
    share_pct(b.amount_wan, sum(b.amount_wan) over ()) as share_pct,
    share_pct(b.amount_prev_wan, sum(b.amount_prev_wan) over ()) as share_prev_pct,
    b.savings_wan,
    b.premium_wan
from by_sector b
join dim_sector s using (sector_code)
order by s.sort_order
