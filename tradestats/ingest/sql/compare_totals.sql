-- grain: one row per figure of all sectors of the file (incoming_totals) whose period and place has no stored
--        cells by sector: whether one is stored for its period and region, and whether it is the same
--        (unsplit.VALUES; a place: the same region, or the home city and one of its units; h is the home city)
select f.year is not null as existed,
       f.projects is not distinct from i.projects and f.amount_wan is not distinct from i.amount_wan
       and f.reference_wan is not distinct from i.reference_wan and f.savings_wan is not distinct from i.savings_wan
       and f.premium_wan is not distinct from i.premium_wan and f.key_projects is not distinct from i.key_projects
       and f.key_amount_wan is not distinct from i.key_amount_wan as same
from incoming_totals i cross join (select value as home from app_setting where key = 'home_region') h
left join fact_trade_total f using (year, month_from, month_to, region_code)
where not exists (from fact_trade_monthly m where m.year = i.year and i.month_from = i.month_to
                  and m.month = i.month_from
                  and (m.region_code = i.region_code
                      or (m.region_code = h.home
                          and i.region_code in (select region_code from dim_region where city_code = h.home))
                      or (i.region_code = h.home
                          and m.region_code in (select region_code from dim_region where city_code = h.home))))
  and not exists (from fact_trade_span s where s.year = i.year and s.month_from = i.month_from
                  and s.month_to = i.month_to
                  and (s.region_code = i.region_code
                      or (s.region_code = h.home
                          and i.region_code in (select region_code from dim_region where city_code = h.home))
                      or (i.region_code = h.home
                          and s.region_code in (select region_code from dim_region where city_code = h.home))))
