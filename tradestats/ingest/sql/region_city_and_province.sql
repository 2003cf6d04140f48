-- The city and province every region rolls up to, as the build derives them.
update dim_region r set
    city_code = case r.level when 'province' then null when 'city' then r.region_code else r.parent_code end,
    province_code = case r.level when 'province' then r.region_code when 'city' then r.parent_code
                    else (select p.parent_code from dim_region p where p.region_code = r.parent_code) end
