-- grain: one row per sector with data in the period or the same months a year earlier — count, amount,
--        share of the region's amount, savings or gains and their rate, each with its 同比 (for shares and
--        rates: the change in percentage points).
-- params: $year $month_from $month_to $region (null: everything) $sector (null: every sector)
with cells as (  -- a year with a region whose figures cannot be known for the period, or are known only as all
               -- sectors together (no split), has no sector's either
    select * from period_cells($year, $month_from, $month_to, $region, $sector, split := true)
    qualify bool_and(known) over (partition by year)
),

by_sector as (
    select
        sector_code,
        year,
        sum(projects) as projects,
        sum(amount_wan) as amount_wan,
        sum(savings_wan) as savings_wan,
        sum(premium_wan) as premium_wan,
        share_pct(sum(savings_wan), sum(savings_base_wan)) as savings_rate_pct,
        share_pct(sum(premium_wan), sum(premium_base_wan)) as premium_rate_pct
    from cells
    group by sector_code, year
),

shared as (
    select *, share_pct(amount_wan, sum(amount_wan) over (partition by year)) as share_pct
    from by_sector
),

cur as (select * from shared where year = $year),
prev as (select * from shared where year = $year - 1)

select
    s.sector_code,
    s.sector_name,
    s.direction,
    s.color,
    cur.projects,
    change_pct(cur.projects, prev.projects) as projects_yoy_pct,
    cur.amount_wan,
    change_pct(cur.amount_wan, prev.amount_wan) as amount_yoy_pct,
    cur.share_pct,
    prev.share_pct as share_prev_pct,
    round(cur.share_pct - prev.share_pct, 2) as share_change_pp,
    cur.savings_wan,
    change_pct(cur.savings_wan, prev.savings_wan) as savings_yoy_pct,
    cur.savings_rate_pct,
    round(cur.savings_rate_pct - prev.savings_rate_pct, 2) as savings_rate_change_pp,
    cur.premium_wan,
    change_pct(cur.premium_wan, prev.premium_wan) as premium_yoy_pct,
    cur.premium_rate_pct,
    round(cur.premium_rate_pct - prev.premium_rate_pct, 2) as premium_rate_change_pp
from cur
full join prev using (sector_code)
join dim_sector s using (sector_code)
order by s.sort_order
