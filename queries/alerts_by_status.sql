-- grain: one row per 预警 (alert) — of month $month of $year (null: every month) and status $status (null: any),
--        with the region's and sector's names; the newest month first, red before yellow, then as raised.
-- params: $year $month $status
select
    a.*,
    r.region_name,
    s.sector_name
from alert a
left join dim_region r using (region_code)
left join dim_sector s using (sector_code)
where ($year is null or a.year = $year)
  and ($month is null or a.month = $month)
  and ($status is null or a.status = $status)
order by a.year desc, a.month desc, a.level = 'yellow', a.alert_id
