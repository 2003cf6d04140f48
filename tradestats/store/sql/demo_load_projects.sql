-- The demo's project list (是否涉重点产业 written 是/否).
-- params: ? the demo's projects.csv
insert into fact_project by name
select * replace (is_key_industry = '是' as is_key_industry)
from read_csv(?, header = true, types = {'region_code': 'varchar', 'is_key_industry': 'varchar', 'method': 'varchar',
                                         'winner_credit_code': 'varchar', 'winner_region_code': 'varchar'})
