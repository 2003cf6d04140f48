-- grain: one row per year with data for the region — its last month with data, newest year first.
-- params: $region (null: everything)
select year, max(month) as last_month
from fact_cells
where in_region($region, region_code, city_code, province_code)
group by year
order by year desc
