-- grain: one row per number of bidders (1 … 9, and 10 for 10 or more; 0 for a tender nobody bid on) of the
--        tenders in the period with a known number — how many tenders, how many of them failed (流标/终止).
--        Read from the stored sums (tender_bidders).
-- params: $year $month_from $month_to $region $sector
select bidders, sum(tenders) as tenders, sum(failed) as failed,
       share_pct(sum(tenders), sum(sum(tenders)) over ()) as share_pct
from tender_bidders
where year = $year
  and in_period_cell(year, month, region_code, city_code, province_code, sector_code,
                     $year, $month_from, $month_to, $region, $sector)
group by bidders
order by bidders
