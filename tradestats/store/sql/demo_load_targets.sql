-- The demo's annual targets (a target of the region as a whole has no sector: '').
-- params: ? the demo's targets.csv
insert into fact_target
select year, region_code, coalesce(sector_code, ''), measure, target_wan, 0
from read_csv(?, header = true, types = {'region_code': 'varchar', 'sector_code': 'varchar',
                                         'target_wan': 'decimal(18, 6)'})
