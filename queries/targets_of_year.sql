-- grain: one row per target of the year — where (the city or a county), which sector (empty: all), which
--        measure, the target in 万元 (or 宗) — as a clerk would type them.
-- params: $year
select r.region_name, coalesce(s.sector_name, '') as sector_name, t.measure, t.target
from fact_target t
join dim_region r using (region_code)
left join dim_sector s on s.sector_code = t.sector_code
where t.year = $year
order by r.sort_order, t.sector_code <> '', s.sort_order,
         case t.measure when 'amount_wan' then 1 when 'projects' then 2 when 'savings_wan' then 3 else 4 end
