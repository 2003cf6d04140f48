-- grain: one row per figure of a span of the file (incoming_spans): whether one is stored for its span, region
--        and trade type, and whether it is the same (plans.VALUES and the choice of the span over its months)
select f.year is not null as existed,
       f.projects is not distinct from i.projects and f.amount_wan is not distinct from i.amount_wan
       and f.reference_wan is not distinct from i.reference_wan and f.savings_wan is not distinct from i.savings_wan
       and f.premium_wan is not distinct from i.premium_wan and f.key_projects is not distinct from i.key_projects
       and f.key_amount_wan is not distinct from i.key_amount_wan and f.chosen is not distinct from i.chosen as same
from incoming_spans i left join fact_trade_span f using (year, month_from, month_to, region_code, trade_type_code)
