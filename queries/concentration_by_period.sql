-- grain: one row per year (the period, then the same months a year earlier) — how many winners won the
--        completed trades of the region and sector, and how concentrated they are by amount: CR4 (the four
--        largest winners' share, %) and HHI (the sum of the squared shares in %, 0–10000). Read from party_scope.
-- params: $year $month_from $month_to $region $sector
with amounts as materialized (  -- once: a window over the sums would read party_scope twice
    select year, party, sum(amount_wan) as amount_wan
    from party_scope
    where who = 'winner'
      and in_period_scope(year, month, scope, province_code, sector_code,
                          $year, $month_from, $month_to, $region, $sector)
    group by year, party
),

winner_shares as (
    select year, party, 100.0 * amount_wan / sum(amount_wan) over (partition by year) as share
    from amounts
),

concentration as (
    select year, count(*) as winners,
           round(sum(share) filter (where place <= 4), 2) as cr4_pct,
           round(sum(share * share), 0) as hhi
    from (select *, row_number() over (partition by year order by share desc, party) as place
          from winner_shares)
    group by year
)

select years.year, coalesce(c.winners, 0) as winners, c.cr4_pct, c.hhi
from (select unnest([$year, $year - 1]) as year) years
left join concentration c using (year)
order by years.year desc
