-- grain: one row per region and per trade type: its code and its name (for the preview)
select region_code, region_name from dim_region
union all
select trade_type_code, trade_type_name from dim_trade_type
