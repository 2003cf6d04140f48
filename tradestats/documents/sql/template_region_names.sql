-- The regions a blank import workbook offers in its 地区 column, cities first: a targets file's — the home city
-- and its county-level units — or a data file's — its county-level units and the province's other cities.
-- params: ? the home city, ? the home city again, ? true for a data file (other cities), false for targets
select region_name from dim_region
where unit_of(level, parent_code, ?) or (level = 'city' and (region_code <> ?) = ?)
order by level <> 'city', sort_order
