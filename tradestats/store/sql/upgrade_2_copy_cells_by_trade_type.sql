-- Upgrade step 2: the old cells, each its sector's whole-sector trade type.
insert into fact_trade_monthly by name
select *, sector_code as trade_type_code from fact_trade_monthly_v1
