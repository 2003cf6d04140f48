-- grain: one row — how many cells of months $month_from..$month_to of $year the city $city holds for its
--        county-level units (and pseudo-regions such as 市本级), and how many for itself as a whole (a city
--        whose files give only its total: its data has no county split). Figures of spans of months
--        (span_cells: a quarter, a 1–N月 累计, a year) that overlap the months count as cells too.
-- params: $year $month_from $month_to $city
with cells as (
    select region_code from fact_cells
    where year = $year and month between $month_from and $month_to and city_code = $city
    union all
    select region_code from span_cells
    where year = $year and month_from <= $month_to and month_to >= $month_from and city_code = $city
)

select
    count(*) filter (where region_code <> $city) as county_cells,
    count(*) filter (where region_code = $city) as city_cells
from cells
