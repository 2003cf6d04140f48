-- grain: one row per month the file's cells (incoming) fall in: the home city's amount before the import and
--        after it (the stored cells neither replaced nor displaced, with the file's)
-- params: $home the home city's region_code
with touched as (select distinct year, month from incoming),
before as (
    select t.year, t.month, coalesce(sum(c.amount_wan), 0) as before
    from touched t left join fact_cells c on c.year = t.year and c.month = t.month and c.city_code = $home
    group by all),
kept as (  -- the stored cells neither replaced nor displaced
    select f.year, f.month, sum(f.amount_wan) as kept
    from fact_trade_monthly f join dim_region r using (region_code) join touched t using (year, month)
    anti join incoming i using (year, month, region_code, trade_type_code)
    anti join displaced d using (year, month, region_code, trade_type_code)
    where r.city_code = $home group by all),
arriving as (
    select i.year, i.month, sum(i.amount_wan) filter (where r.city_code = $home) as arriving
    from incoming i join dim_region r using (region_code) group by all)
select b.year, b.month, b.before, coalesce(k.kept, 0) + coalesce(a.arriving, 0) as after
from before b left join kept k using (year, month) left join arriving a using (year, month)
order by b.year, b.month
