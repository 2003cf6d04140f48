-- The demo's failed and stopped trades (流标/终止).
-- params: ? the demo's failed_tenders.csv
insert into fact_tender_failed by name
select *
from read_csv(?, header = true, types = {'region_code': 'varchar', 'method': 'varchar', 'agency': 'varchar',
                                         'funding': 'varchar', 'bidders': 'integer'})
