-- grain: one row per cell of the file (incoming): its key, the stored cell's values (old_*, plans.VALUES)
--        and whether one is stored
select i.year, i.month, i.region_code, i.trade_type_code,
       f.projects as old_projects, f.amount_wan as old_amount_wan, f.reference_wan as old_reference_wan,
       f.savings_wan as old_savings_wan, f.premium_wan as old_premium_wan, f.key_projects as old_key_projects,
       f.key_amount_wan as old_key_amount_wan,
       f.year is not null as existed
from incoming i
left join fact_trade_monthly f using (year, month, region_code, trade_type_code)
