-- grain: one row per trade type with data in the period or the same months a year earlier — count and
--        amount with their 同比, and the share of its sector's amount. A sector's cells given as a whole
--        (by a file that reports sectors only) are its whole-sector type, named by the sector.
-- params: $year $month_from $month_to $region (null: everything) $sector (null: every sector)
with by_type as (
    select f.trade_type_code, f.sector_code, f.year, sum(f.projects) as projects, sum(f.amount_wan) as amount_wan
    from fact_trade_monthly f
    join dim_region r using (region_code)
    where f.year in ($year, $year - 1)
      and f.month between $month_from and $month_to
      and in_region($region, f.region_code, r.city_code, r.province_code)
      and ($sector is null or f.sector_code = $sector)
    group by all
),

shared as (
    select *, share_pct(amount_wan, sum(amount_wan) over (partition by sector_code, year)) as share_of_sector_pct
    from by_type
),

cur as (select * from shared where year = $year),
prev as (select * from shared where year = $year - 1)

select
    t.trade_type_code,
    t.trade_type_name,
    t.trade_type_code = t.sector_code as whole_sector,
    s.sector_code,
    s.sector_name,
    cur.projects,
    change_pct(cur.projects, prev.projects) as projects_yoy_pct,
    cur.amount_wan,
    change_pct(cur.amount_wan, prev.amount_wan) as amount_yoy_pct,
    cur.share_of_sector_pct
from cur
full join prev using (trade_type_code)
join dim_trade_type t using (trade_type_code)
join dim_sector s on s.sector_code = t.sector_code
order by s.sort_order, t.sort_order
