-- grain: one row per region — the home city and those of its county-level units that have a target of $year.
-- params: $year $city
select distinct r.region_code, r.region_name, r.sort_order
from fact_target t
join dim_region r using (region_code)
where t.year = $year and (r.region_code = $city or r.parent_code = $city)
order by r.region_code <> $city, r.sort_order
