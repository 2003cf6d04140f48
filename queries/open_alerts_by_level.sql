-- grain: one row per level (red, yellow) — how many 预警 are open (neither acknowledged nor closed).
-- params: none
select l.level, count(a.alert_id) as alerts
from (values ('red'), ('yellow')) l(level)
left join alert a on a.level = l.level and a.status = 'open'
group by l.level
order by l.level = 'yellow'
