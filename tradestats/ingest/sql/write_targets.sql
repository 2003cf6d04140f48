-- Store a file's targets (incoming_targets), each replacing the stored one of its year, region, sector and
-- measure.
-- params: ? the import_id
insert or replace into fact_target
select year, region_code, sector_code, measure, target, ?
from incoming_targets
