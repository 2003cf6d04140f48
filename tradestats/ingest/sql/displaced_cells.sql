-- grain: one row per stored cell the file's cells (incoming) give way to: a sector's month and region holds
--        its whole-sector cell or cells of its trade types, never both, so the file's level replaces the
--        other one's (other types at the file's level stay)
select distinct f.year, f.month, f.region_code, f.trade_type_code, f.amount_wan
from fact_trade_monthly f
join (select distinct year, month, region_code, sector_code, trade_type_code = sector_code as whole
      from incoming) i using (year, month, region_code, sector_code)
where (f.trade_type_code = f.sector_code) <> i.whole
