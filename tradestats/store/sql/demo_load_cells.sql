-- The demo's monthly cells, each of its sector's whole-sector trade type.
-- params: ? the demo's trade_monthly.csv
insert into fact_trade_monthly by name
select *, sector_code as trade_type_code
from read_csv(?, header = true, types = {'region_code': 'varchar', 'sector_code': 'varchar'})
