-- grain: one row per fact cell (a trade type of a month and region) — the database as a statistics file,
-- with the names a clerk would type; a whole-sector cell's 交易类型 is empty.
-- params: none
select
    format('{:04d}-{:02d}', f.year, f.month) as "月份",
    r.region_name as "地区",
    s.sector_name as "板块",
    case when f.trade_type_code <> f.sector_code then t.trade_type_name else '' end as "交易类型",
    f.projects as "项目数",
    f.amount_wan as "交易额（万元）",
    f.reference_wan as "预算/底价（万元）",
    f.savings_wan as "节约资金（万元）",
    f.premium_wan as "增收资金（万元）",
    f.key_projects as "涉重点产业项目数",
    f.key_amount_wan as "涉重点产业金额（万元）"
from fact_trade_monthly f
join dim_region r using (region_code)
join dim_sector s using (sector_code)
join dim_trade_type t using (trade_type_code)
order by f.year, f.month, r.sort_order, s.sort_order, t.sort_order
