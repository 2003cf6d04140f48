-- grain: one row per region some stored figure is of (a month's, a span's or all sectors')
select region_code from fact_trade_monthly
union select region_code from fact_trade_span
union select region_code from fact_trade_total
