-- grain: one row per region and trade type of the file's cells (incoming): its average monthly amount over
--        the 12 months before each cell's month, of the months with an amount (a type's own months: a type
--        is a fraction of its sector)
select i.region_code, i.trade_type_code, avg(f.amount_wan) as usual
from (select distinct region_code, trade_type_code, year, month from incoming) i
join fact_trade_monthly f on f.region_code = i.region_code and f.trade_type_code = i.trade_type_code
 and (f.year * 12 + f.month) between (i.year * 12 + i.month - 12) and (i.year * 12 + i.month - 1)
 and f.amount_wan > 0
group by all
