-- grain: one row per figure of all sectors of the file (incoming_totals) whose period and place has stored
--        cells by sector (of a month or a span): its key, the region's name, its projects and amount and the
--        stored split's sums (a place: the same region, or the home city and one of its units; h is the home city)
with stored_split as (
    select year, month as month_from, month as month_to, region_code, projects, amount_wan from fact_trade_monthly
    union all
    select year, month_from, month_to, region_code, projects, amount_wan from fact_trade_span
)
select i.year, i.month_from, i.month_to, i.region_code, any_value(r.region_name), any_value(i.projects),
       any_value(i.amount_wan), sum(s.projects), sum(s.amount_wan)
from incoming_totals i cross join (select value as home from app_setting where key = 'home_region') h
join stored_split s on s.year = i.year and s.month_from = i.month_from and s.month_to = i.month_to
                   and (s.region_code = i.region_code
                       or (s.region_code = h.home
                           and i.region_code in (select region_code from dim_region where city_code = h.home))
                       or (i.region_code = h.home
                           and s.region_code in (select region_code from dim_region where city_code = h.home)))
join dim_region r on r.region_code = i.region_code
group by all order by all
