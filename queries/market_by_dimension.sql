-- grain: one row per dimension of $by (a list of 'sector' | 'method' | 'region' | 'month' | 'band': the deal-size
--        band; several in one query, as the page asks for three) and value of it, with tenders in the period or
--        the same months a year earlier — tenders, failed ones (流标/终止) and their rate, average bidders, the
--        cycle from 公告/受理 to 成交 (median, P90), completed trades, their amount and 节资率 (purchase sectors),
--        each with its 同比 (rates and shares: the change in percentage points). Rows by dimension in $by's
--        order. Region: the county (or 市本级) of the trade. Read from the stored sums (tender_cell,
--        tender_cycle_scope; by county tender_cycle).
-- params: $year $month_from $month_to $region $sector $by
with dims as (select unnest(list_distinct($by::varchar[])) as dimension),  -- one given twice counts once

cells as (
    select dimension,
           case dimension when 'sector' then sector_code
                          when 'method' then method
                          when 'region' then region_code
                          when 'month' then month::varchar
                          when 'band' then band::varchar
                          else error('unknown dimension ' || dimension) end as key,
           t.*
    from (select * from tender_cell
          where in_period_cell(year, month, region_code, city_code, province_code, sector_code,
                               $year, $month_from, $month_to, $region, $sector)) t
    cross join dims
),

histogram as (  -- by county from tender_cycle, else from its sums per region filter (fewer rows)
    select 'region' as dimension, region_code as key, year, cycle_days as v, sum(n) as n
    from tender_cycle
    where list_contains($by::varchar[], 'region')
      and in_period_cell(year, month, region_code, city_code, province_code, sector_code,
                         $year, $month_from, $month_to, $region, $sector)
    group by all
    union all
    select dimension,
           case dimension when 'sector' then sector_code when 'method' then method
                          when 'month' then month::varchar when 'band' then band::varchar end as key,
           year, cycle_days as v, sum(n) as n
    from (select * from tender_cycle_scope
          where in_period_scope(year, month, scope, province_code, sector_code,
                                $year, $month_from, $month_to, $region, $sector)) t
    cross join dims
    where dimension <> 'region'
    group by all
),

cycles as (
    select dimension, key, year,
           round(histogram_quantile(min(v) filter (where up_to > floor(last * 0.5)),
                                    min(v) filter (where up_to > ceil(last * 0.5)), any_value(last) * 0.5), 1)
               as cycle_days_median,
           round(histogram_quantile(min(v) filter (where up_to > floor(last * 0.9)),
                                    min(v) filter (where up_to > ceil(last * 0.9)), any_value(last) * 0.9), 1)
               as cycle_days_p90
    from (select *, sum(n) over (partition by dimension, key, year order by v) as up_to,
                 sum(n) over (partition by dimension, key, year) - 1 as last
          from histogram)
    group by dimension, key, year
),

grouped as (
    select
        g.dimension, g.key, g.year, g.tenders, g.failed, g.avg_bidders, c.cycle_days_median, c.cycle_days_p90,
        g.projects, g.amount_wan, g.savings_rate_pct
    from (select dimension, key, year, sum(tenders) as tenders, case when sum(known) > 0 then sum(failed) end as failed,
                 round(sum(bidders_sum) / nullif(sum(bidders_n), 0), 2) as avg_bidders,
                 sum(projects) as projects, sum(amount_wan) as amount_wan,
                 share_pct(sum(savings_wan), sum(savings_base_wan)) as savings_rate_pct
          from cells
          where key is not null
          group by dimension, key, year) g
    left join cycles c using (dimension, key, year)
),

shared as (
    select *, share_pct(failed, tenders) as failed_rate_pct,
           share_pct(projects, sum(projects) over (partition by dimension, year)) as projects_share_pct,
           share_pct(amount_wan, sum(amount_wan) over (partition by dimension, year)) as amount_share_pct
    from grouped
),

cur as (select * from shared where year = $year),
prev as (select * from shared where year = $year - 1)

select
    dimension,
    key,
    case dimension when 'sector' then s.sector_name
                   when 'region' then r.region_name
                   when 'month' then key || '月'
                   when 'band' then ['100万元以下', '100万–400万元', '400万–1000万元', '1000万–1亿元',
                                     '1亿元及以上'][key::integer]
                   else key end as name,
    coalesce(cur.tenders, 0) as tenders,
    change_pct(cur.tenders, prev.tenders) as tenders_yoy_pct,
    cur.failed,
    cur.failed_rate_pct,
    round(cur.failed_rate_pct - prev.failed_rate_pct, 2) as failed_rate_change_pp,
    cur.avg_bidders,
    change_pct(cur.avg_bidders, prev.avg_bidders) as avg_bidders_yoy_pct,
    cur.cycle_days_median,
    change_pct(cur.cycle_days_median, prev.cycle_days_median) as cycle_days_median_yoy_pct,
    cur.cycle_days_p90,
    coalesce(cur.projects, 0) as projects,
    change_pct(cur.projects, prev.projects) as projects_yoy_pct,
    cur.projects_share_pct,
    coalesce(cur.amount_wan, 0) as amount_wan,
    change_pct(cur.amount_wan, prev.amount_wan) as amount_yoy_pct,
    cur.amount_share_pct,
    cur.savings_rate_pct,
    round(cur.savings_rate_pct - prev.savings_rate_pct, 2) as savings_rate_change_pp
from cur
full join prev using (dimension, key)
left join dim_sector s on dimension = 'sector' and s.sector_code = key
left join dim_region r on dimension = 'region' and r.region_code = key
order by list_position($by::varchar[], dimension),
         case dimension when 'sector' then s.sort_order
                        when 'region' then r.sort_order
                        when 'month' then key::integer
                        when 'band' then key::integer
                        else -coalesce(cur.projects, 0) end, key
