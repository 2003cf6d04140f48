-- The demo's 绩效指标, in the file's order.
-- params: ? the demo's indicators.csv
insert into fact_indicator
select year, region_code, category, indicator, value, unit, quote, row_number() over ()
from read_csv(?, header = true, types = {'region_code': 'varchar', 'value': 'decimal(18, 4)'})
