-- grain: one row per span of the file (incoming_spans, summed over its sectors) whose months are all there and
--        add up to something else: each month's stored cells, else its stored figure of all sectors together,
--        else the file's own monthly total (file_totals); with the region's name and both figures
with given as (
    select year, month_from, month_to, region_code, sum(projects) as projects, sum(amount_wan) as amount_wan
    from incoming_spans group by all),
month_figure as (  -- each month's: its stored cells, else its stored total, else the file's total
    select year, month, region_code, projects, amount_wan from (
        select year, month, region_code, 1 as rank, sum(projects) as projects, sum(amount_wan) as amount_wan
        from fact_trade_monthly group by all
        union all
        select year, month_from, region_code, 2, projects, amount_wan from fact_trade_total
        where month_from = month_to
        union all
        select year, month_from, region_code, 3, projects, amount_wan from file_totals)
    qualify rank = min(rank) over (partition by year, month, region_code)),
months as (
    select g.year, g.month_from, g.month_to, g.region_code, count(distinct f.month) as months,
           sum(f.projects) as projects, sum(f.amount_wan) as amount_wan
    from given g join month_figure f on f.year = g.year and f.region_code = g.region_code
     and f.month between g.month_from and g.month_to
    group by all)
select g.year, g.month_from, g.month_to, r.region_name, g.projects, g.amount_wan, m.projects, m.amount_wan
from given g join months m using (year, month_from, month_to, region_code)
join dim_region r using (region_code)
where m.months = g.month_to - g.month_from + 1
  and (g.projects <> m.projects or abs(g.amount_wan - m.amount_wan) > 0.01)
order by all
