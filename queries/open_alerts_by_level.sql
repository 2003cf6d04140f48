-- grain: one row per level (red, yellow) — how many 预警 are open (neither acknowledged nor closed), of a county
-- when region names one, else all of them (the city's and its counties').
-- params: $region (a county's code, or null: all)
select l.level, count(a.alert_id) as alerts
from (values ('red'), ('yellow')) l(level)
left join alert a on a.level = l.level and a.status = 'open' and ($region is null or a.region_code = $region)
group by l.level
order by l.level = 'yellow'
