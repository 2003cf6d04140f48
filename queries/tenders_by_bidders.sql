-- grain: one row per number of bidders (1 … 9, and 10 for 10 or more; 0 for a tender nobody bid on) of the
--        tenders in the period with a known number — how many tenders, how many of them failed (流标/终止).
-- params: $year $month_from $month_to $region $sector
select least(bidders, 10) as bidders, count(*) as tenders, count(*) filter (where outcome <> 'done') as failed,
       share_pct(count(*), sum(count(*)) over ()) as share_pct
from period_tenders($year, $month_from, $month_to, $region, $sector)
where year = $year and bidders is not null
group by all
order by bidders
