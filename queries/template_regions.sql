-- grain: one row per region a blank import workbook offers in its 地区 column, cities first: a targets file's
--        (the home city and its county-level units) or a data file's (its county-level units and the
--        province's other cities).
-- params: $city (the home city) $targets (true: a targets file's)
select region_name from dim_region
where unit_of(level, parent_code, $city) or (level = 'city' and (region_code <> $city) <> $targets)
order by level <> 'city', sort_order
