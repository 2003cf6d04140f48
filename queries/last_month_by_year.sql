-- grain: one row per year with figures for the region, monthly or of a span of months (a quarter, a 1–N月
--        累计, a year: span_cells) — the last month they reach, and the last month with monthly cells (null
--        when the year has only figures of spans), newest year first. The periods a page can ask for; the
--        months of monthly data alone are months_with_data's.
-- params: $region (null: everything)
with reached as (
    select year, month as month_to, true as monthly
    from fact_cells
    where in_region($region, region_code, city_code, province_code)
    union all
    select year, month_to, false
    from span_cells
    where in_region($region, region_code, city_code, province_code)
)

select year, max(month_to) as last_month, max(month_to) filter (where monthly) as last_monthly_month
from reached
group by year
order by year desc
