-- grain: one row per cell of a wide row's 上年同期 (incoming_prev) already stored: whether the file's
--        projects and amount are the stored ones
select i.year, i.month, i.region_code, i.trade_type_code,
       f.projects = i.projects and f.amount_wan = i.amount_wan as same
from incoming_prev i join fact_trade_monthly f using (year, month, region_code, trade_type_code)
