-- grain: one row per sector text of the file (incoming.sector): its normal form and the sector it names
--        (sector_names).
create table sector_values as
select v.text, v.normal, n.sector_code
from (select text, norm(text) as normal from (select distinct sector as text from incoming)) v
left join sector_names n on n.text = v.normal
