-- grain: one row: how many stored figures of all sectors together the file's cells by sector (incoming_split:
--        their periods and regions) replace — those of the same period and place (the same region, or the
--        home city and one of its units: h is the home city)
select count(*) from fact_trade_total f, (select value as home from app_setting where key = 'home_region') h
where exists (from incoming_split i where i.year = f.year and i.month_from = f.month_from
              and i.month_to = f.month_to
              and (i.region_code = f.region_code
                  or (i.region_code = h.home
                      and f.region_code in (select region_code from dim_region where city_code = h.home))
                  or (f.region_code = h.home
                      and i.region_code in (select region_code from dim_region where city_code = h.home))))
