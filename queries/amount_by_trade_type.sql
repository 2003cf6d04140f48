-- grain: one row per trade type with data in the period or the same months a year earlier — count and
--        amount with their 同比, and the share of its sector's amount. A sector's cells given as a whole
--        (by a file that reports sectors only) are its whole-sector type, named by the sector. Each year by
--        period_cells' rule at the grain of trade types (the parts of span_parts for a split, their sources'
--        types); a year with a region whose split cannot be known for the period (no figure, or only all
--        sectors together) has no types.
-- params: $year $month_from $month_to $region (null: everything) $sector (null: every sector)
with parts as (
    select * exclude (for_split) from span_parts
    where year in ($year, $year - 1) and period_from = $month_from and period_to = $month_to and for_split
      and in_region($region, region_code, city_code, province_code)
),

type_source as (  -- the stored figures of trade types: months and spans
    select year, month as month_from, month as month_to, region_code, sector_code, trade_type_code, projects,
           amount_wan
    from fact_trade_monthly
    union all
    select year, month_from, month_to, region_code, sector_code, trade_type_code, projects, amount_wan
    from fact_trade_span
),

months as (  -- the regions not answered from spans: their months; one given only as all sectors is unknown
    select f.year, f.region_code, f.sector_code, f.trade_type_code, f.projects, f.amount_wan, true as known
    from fact_trade_monthly f
    where f.year in ($year, $year - 1) and f.month between $month_from and $month_to
    union all
    select t.year, t.region_code, null, null, null, null, false
    from fact_trade_total t
    where t.year in ($year, $year - 1) and t.month_from = t.month_to and t.month_from between $month_from and $month_to
),

rows as (
    select m.*, 1 as sign
    from months m join dim_region r using (region_code)
    anti join parts p on p.year = m.year and p.region_code = m.region_code
    where in_region($region, m.region_code, r.city_code, r.province_code)
    union all
    select p.year, p.region_code, s.sector_code, s.trade_type_code, s.projects, s.amount_wan, p.basis <> 'unknown',
           p.sign
    from parts p left join type_source s on s.year = p.year and s.region_code = p.region_code
                                         and s.month_from = p.source_from and s.month_to = p.source_to
),

known_year as (  -- a year whose every region's split is known for the period
    select year from rows group by year having bool_and(known)
),

by_type as (
    select trade_type_code, sector_code, year, sum(sign * projects) as projects, sum(sign * amount_wan) as amount_wan
    from rows semi join known_year using (year)
    where $sector is null or sector_code = $sector
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
