-- grain: one row per year (the period, then the same months a year earlier) — the tenders of the project
--        lists in the region and sector: completed trades, failed or stopped ones (流标/终止) and their rate,
--        average bidders, the cycle from 公告/受理 to 成交 (median, P90), the winners' home-city and province
--        shares by count and amount, and the concentration of the winners by amount (CR4, HHI 0–10000).
--        A measure is null where no tender of the year carries its field.
-- params: $year $month_from $month_to $region $sector
with t as (
    select * from period_tenders($year, $month_from, $month_to, $region, $sector)
),

by_year as (
    select
        year,
        count(*) filter (where outcome = 'done') as projects,
        sum(amount_wan) as amount_wan,
        count(*) as tenders,
        case when bool_or(outcome_known) then count(*) filter (where outcome <> 'done') end as failed,
        round(avg(bidders), 2) as avg_bidders,
        count(bidders) as bidders_known,
        round(quantile_cont(cycle_days, 0.5), 1) as cycle_days_median,
        round(quantile_cont(cycle_days, 0.9), 1) as cycle_days_p90,
        count(cycle_days) as cycles_known,
        count(winner_local) as winners_placed,
        share_pct(count(*) filter (where winner_local), count(winner_local)) as local_share_count_pct,
        share_pct(sum(amount_wan) filter (where winner_local), sum(amount_wan) filter (where winner_local is not null))
            as local_share_amount_pct,
        share_pct(count(*) filter (where winner_in_province), count(winner_in_province)) as province_share_count_pct,
        share_pct(sum(amount_wan) filter (where winner_in_province),
                  sum(amount_wan) filter (where winner_in_province is not null)) as province_share_amount_pct,
        count(distinct winner_key) as winners
    from t
    group by year
),

winner_shares as (
    select year, winner_key, 100.0 * sum(amount_wan) / sum(sum(amount_wan)) over (partition by year) as share
    from t
    where outcome = 'done' and winner_key is not null
    group by year, winner_key
),

concentration as (
    select year,
           round(sum(share) filter (where place <= 4), 2) as cr4_pct,
           round(sum(share * share), 0) as hhi
    from (select *, row_number() over (partition by year order by share desc, winner_key) as place
          from winner_shares)
    group by year
)

select years.year, y.* exclude (year), share_pct(y.failed, y.tenders) as failed_rate_pct, c.cr4_pct, c.hhi
from (select unnest([$year, $year - 1]) as year) years
left join by_year y using (year)
left join concentration c using (year)
order by years.year desc
