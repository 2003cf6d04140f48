-- grain: one row per region text of the file (incoming.region): its normal form, the region it names
--        (region_names) and whether that region reports monthly.
create table region_values as
select v.text, v.normal, n.region_code, n.reporting
from (select text, norm(text) as normal from (select distinct region as text from incoming)) v
left join region_names n on n.text = v.normal
