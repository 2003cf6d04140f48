-- grain: one row per year × month with data, for $year and the year before — the monthly trend.
-- params: $year $region (null: everything)
select
    year,
    month,
    sum(projects) as projects,
    sum(amount_wan) as amount_wan,
    sum(savings_wan) as savings_wan,
    sum(premium_wan) as premium_wan
from fact_cells
where year in ($year, $year - 1)
  and in_region($region, region_code, city_code)
group by year, month
order by year, month
