-- grain: one row per 绩效指标 of the file (incoming_indicators): its key, whether it is the same as the
--        stored one (value and unit) and whether one is stored
select i.year, i.region_code, i.category, i.indicator, f.value = i.value and f.unit = i.unit as same,
       f.year is not null as existed
from incoming_indicators i
left join fact_indicator f using (year, region_code, category, indicator)
