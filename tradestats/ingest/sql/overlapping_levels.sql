-- grain: one row per (at most 5) pair of a figure of the file (given_keys) and a stored one (after the file's
--        cells by sector, split_keys, replace stored figures of all sectors) in overlapping months, one of
--        the home city itself and the other of one of its units (counties, 市本级): the city's figure would add
--        both. given_city: the file's is the city's. h is the home city.
with stored as (
    select year, month as month_from, month as month_to, region_code from fact_trade_monthly
    union select year, month_from, month_to, region_code from fact_trade_span
    union select year, month_from, month_to, region_code
          from fact_trade_total f, (select value as home from app_setting where key = 'home_region') h
          where not exists (from split_keys i where i.year = f.year and i.month_from = f.month_from
                            and i.month_to = f.month_to
                            and (i.region_code = f.region_code
                                or (i.region_code = h.home
                                    and f.region_code in (select region_code from dim_region where city_code = h.home))
                                or (f.region_code = h.home
                                    and i.region_code in (select region_code from dim_region where city_code = h.home))))
),
unit as (select region_code from dim_region, (select value as home from app_setting where key = 'home_region') h
         where city_code = h.home and region_code <> h.home)
select distinct g.year, g.month_from, g.month_to, s.year, s.month_from, s.month_to,
       g.region_code = h.home as given_city
from given_keys g cross join (select value as home from app_setting where key = 'home_region') h
join stored s on s.year = g.year and s.month_from <= g.month_to and g.month_from <= s.month_to
where (g.region_code = h.home and s.region_code in (from unit))
   or (s.region_code = h.home and g.region_code in (from unit))
order by all limit 5
