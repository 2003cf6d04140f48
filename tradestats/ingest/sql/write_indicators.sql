-- Store a file's 绩效指标 (incoming_indicators), each replacing the stored one of its year, region, category and
-- indicator and keeping its place; a new one placed after the stored ones, in the file's order.
insert or replace into fact_indicator
select i.year, i.region_code, i.category, i.indicator, i.value, i.unit, null,
       coalesce(f.sort_order, (select coalesce(max(sort_order), 0) from fact_indicator)
                + row_number() over ())
from incoming_indicators i
left join fact_indicator f using (year, region_code, category, indicator)
