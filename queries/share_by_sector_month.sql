-- grain: one row per sector × month of $year with data — the sector's amount and its share of the month's
--        amount (the shares of a month add up to 100).
-- params: $year $region (null: everything)
with by_month as (
    select month, sector_code, sum(amount_wan) as amount_wan
    from fact_cells
    where year = $year
      and in_region($region, region_code, city_code, province_code)
    group by all
)

select
    b.month,
    s.sector_code,
    s.sector_name,
    s.color,
    b.amount_wan,
    share_pct(b.amount_wan, sum(b.amount_wan) over (partition by b.month)) as share_pct
from by_month b
join dim_sector s using (sector_code)
order by b.month, s.sort_order
