-- The province's other cities (params: ? the home city), where a firm of the province is.
select region_code from dim_region where level = 'city' and region_code <> ? order by region_code
