-- grain: one row per text of 中标人所在地区 in the file (incoming.winner_region): the region it names, by name
--        (region_names) or as a six-digit code.
create table winner_region_values as
select v.text, coalesce(n.region_code, case when regexp_full_match(v.normal, '[1-9][0-9]{5}')
                                            then v.normal end) as region_code
from (select text, norm(text) as normal from (select distinct winner_region as text from incoming)) v
left join region_names n on n.text = v.normal
