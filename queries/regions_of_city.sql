-- grain: one row per region — the city $city itself first, then its county-level units in their order.
-- params: $city
select region_code, region_name, short_name, level
from dim_region
where region_code = $city or unit_of(level, parent_code, $city)
order by region_code <> $city, sort_order
