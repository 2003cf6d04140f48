-- grain: one row per indicator of region $region published for $year or the year before — its value in
--        each of the two years (null where the report does not give it).
-- params: $year $region
select
    category,
    indicator,
    unit,
    max(value) filter (where year = $year - 1) as value_prev,
    max(value) filter (where year = $year) as value,
    min(sort_order) as sort_order
from fact_indicator
where region_code = $region and year in ($year, $year - 1)
group by category, indicator, unit
order by sort_order
