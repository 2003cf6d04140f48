-- grain: one row per completed trade (项目明细) in the period, the region and the sector, whose name or
--        number contains $search — one page of them, ordered by $order, with the count of all that match.
--        Reads the project table: the project page asks it only for a search or a page past the cells'
--        top lists (projects_top_in_period answers the first pages).
-- params: $year $month_from $month_to $region $sector $search $order ('amount' | 'savings' | 'premium' |
--         'date') $limit $offset
with matching as (
    select p.*
    from fact_project p
    join dim_region r using (region_code)
    -- A date range, not year()/month(): the table is stored by date, so whole row groups are skipped.
    where p.deal_date >= make_date($year, $month_from, 1)
      and p.deal_date < make_date($year, $month_to, 1) + interval 1 month
      and ($region is null or $region in (r.region_code, r.parent_code))
      and ($sector is null or p.sector_code = $sector)
      and ($search = '' or contains(p.project_name, $search) or contains(p.project_id, $search))
),

counted as (select count(*) as matching from matching),

page as (
    select *
    from matching
    order by project_order_value($order, amount_wan, savings_wan, premium_wan, deal_date) desc, project_id
    limit $limit offset $offset
)

select
    p.project_id, p.project_name, s.sector_name, r.region_name, p.deal_date, p.reference_wan, p.amount_wan,
    p.savings_wan, p.premium_wan, p.method, p.is_key_industry,
    counted.matching
from page p
join dim_region r using (region_code)
join dim_sector s using (sector_code)
cross join counted
order by project_order_value($order, p.amount_wan, p.savings_wan, p.premium_wan, p.deal_date) desc, p.project_id
