-- grain: one row per completed trade (项目明细) in the period, the region and the sector, whose name or
--        number contains $search — one page of them, ordered by $order, with the count of all that match.
-- params: $year $month_from $month_to $region $sector $search $order ('amount' | 'savings' | 'premium' |
--         'date') $limit $offset
with matching as (
    select p.*, r.region_name, s.sector_name
    from fact_project p
    join dim_region r using (region_code)
    join dim_sector s using (sector_code)
    where year(p.deal_date) = $year
      and month(p.deal_date) between $month_from and $month_to
      and ($region is null or $region in (r.region_code, r.parent_code))
      and ($sector is null or p.sector_code = $sector)
      and ($search = '' or contains(p.project_name, $search) or contains(p.project_id, $search))
)

select
    project_id, project_name, sector_name, region_name, deal_date, reference_wan, amount_wan, savings_wan,
    premium_wan, method, is_key_industry,
    count(*) over () as matching
from matching
order by project_order_value($order, amount_wan, savings_wan, premium_wan, deal_date) desc, project_id
limit $limit offset $offset
