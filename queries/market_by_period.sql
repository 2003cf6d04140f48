-- grain: one row per year (the period, then the same months a year earlier) — the tenders of the project
--        lists in the region and sector: completed trades, failed or stopped ones (流标/终止) and their rate,
--        average bidders, the cycle from 公告/受理 to 成交 (median, P90), the winners' home-city and province
--        shares by count and amount (the winners' concentration: concentration_by_period). A measure is
--        null where no tender of the year carries its field. Read from the stored sums (tender_cell,
--        tender_cycle_scope).
-- params: $year $month_from $month_to $region $sector
with cells as (
    select * from tender_cell
    where in_period_cell(year, month, region_code, city_code, province_code, sector_code,
                         $year, $month_from, $month_to, $region, $sector)
),

by_year as (
    select
        year,
        sum(projects) as projects,
        sum(amount_wan) filter (where projects > 0) as amount_wan,
        sum(tenders) as tenders,
        case when sum(known) > 0 then sum(failed) end as failed,
        round(sum(bidders_sum) / nullif(sum(bidders_n), 0), 2) as avg_bidders,
        sum(bidders_n) as bidders_known,
        sum(cycles_n) as cycles_known,
        sum(placed_n) as winners_placed,
        share_pct(sum(local_n), sum(placed_n)) as local_share_count_pct,
        share_pct(sum(local_amount_wan), sum(placed_amount_wan)) as local_share_amount_pct,
        share_pct(sum(province_n), sum(placed_n)) as province_share_count_pct,
        share_pct(sum(province_amount_wan), sum(placed_amount_wan)) as province_share_amount_pct
    from cells
    group by year
),

histogram as (
    select year, cycle_days as v, sum(n) as n
    from tender_cycle_scope
    where in_period_scope(year, month, scope, province_code, sector_code,
                          $year, $month_from, $month_to, $region, $sector)
    group by year, cycle_days
),

placed as (
    select *, sum(n) over (partition by year order by v) as up_to, sum(n) over (partition by year) - 1 as last
    from histogram
),

cycles as (
    select year,
           round(histogram_quantile(min(v) filter (where up_to > floor(last * 0.5)),
                                    min(v) filter (where up_to > ceil(last * 0.5)), any_value(last) * 0.5), 1)
               as cycle_days_median,
           round(histogram_quantile(min(v) filter (where up_to > floor(last * 0.9)),
                                    min(v) filter (where up_to > ceil(last * 0.9)), any_value(last) * 0.9), 1)
               as cycle_days_p90
    from placed
    group by year
)

select years.year, y.projects, y.amount_wan, y.tenders, y.failed, y.avg_bidders, y.bidders_known,
       c.cycle_days_median, c.cycle_days_p90, y.cycles_known, y.winners_placed, y.local_share_count_pct,
       y.local_share_amount_pct, y.province_share_count_pct, y.province_share_amount_pct,
       share_pct(y.failed, y.tenders) as failed_rate_pct
from (select unnest([$year, $year - 1]) as year) years
left join by_year y using (year)
left join cycles c using (year)
order by years.year desc
