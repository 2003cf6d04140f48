-- The counties of the home city (params: ? the home city), where a home firm of the synthetic pools is.
select region_code from dim_region where parent_code = ? and level = 'county' order by region_code
