-- grain: one row per sector with completed trades of known winners in the period or a year earlier — how
--        concentrated its winners are by amount: CR4 (the four largest winners' share, %) and HHI (the sum of
--        the squared shares in %, 0–10000), with the number of winners; the year before beside them.
-- params: $year $month_from $month_to $region $sector
with amounts as materialized (  -- once: a window over the sums would read party_scope twice
    select sector_code, year, party, sum(amount_wan) as amount_wan
    from party_scope
    where who = 'winner'
      and in_period_scope(year, month, scope, province_code, sector_code,
                          $year, $month_from, $month_to, $region, $sector)
    group by sector_code, year, party
),

shares as (
    select sector_code, year, party,
           100.0 * amount_wan / sum(amount_wan) over (partition by sector_code, year) as share
    from amounts
),

measured as (
    select sector_code, year, count(*) as winners,
           round(sum(share) filter (where place <= 4), 2) as cr4_pct, round(sum(share * share), 0) as hhi
    from (select *, row_number() over (partition by sector_code, year order by share desc, party) as place
          from shares)
    group by sector_code, year
),

cur as (select * from measured where year = $year),
prev as (select * from measured where year = $year - 1)

select s.sector_code, s.sector_name, cur.winners, cur.cr4_pct, round(cur.cr4_pct - prev.cr4_pct, 2) as cr4_change_pp,
       cur.hhi, prev.hhi as hhi_prev
from cur
left join prev using (sector_code)
join dim_sector s using (sector_code)
order by s.sort_order
