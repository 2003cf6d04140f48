-- grain: one row per project of derive_values that may be in its cell's top list of some order: its value is
--        at or above the cell's top_places-th largest in that order (bound_*), with, per order, whether it
--        is above it or tied with it (derive_reached).
-- placeholders: top_places derive.TOP_PLACES
create or replace temp table derive_reached as
with bounds as (
    select cell,
           list_last(max(v_amount, {top_places})) as bound_amount,
           list_last(max(v_savings, {top_places})) as bound_savings,
           list_last(max(v_premium, {top_places})) as bound_premium,
           list_last(max(v_date, {top_places})) as bound_date
    from derive_values group by cell)
select v.*,
       v.v_amount = b.bound_amount as tied_amount, v.v_amount > b.bound_amount as above_amount,
       v.v_savings = b.bound_savings as tied_savings, v.v_savings > b.bound_savings as above_savings,
       v.v_premium = b.bound_premium as tied_premium, v.v_premium > b.bound_premium as above_premium,
       v.v_date = b.bound_date as tied_date, v.v_date > b.bound_date as above_date
from derive_values v join bounds b using (cell)
where v.v_amount >= b.bound_amount or v.v_savings >= b.bound_savings or v.v_premium >= b.bound_premium
   or v.v_date >= b.bound_date
