-- grain: one page of the completed trades (项目明细) in the period, the region and the sector, ordered by
--        $order — read from the cells' top lists (project_top), so valid for pages within their first places
--        (derive.TOP_PLACES) and without a search; with the count of all the period's projects
--        (project_count). Returns exactly what projects_in_period returns for such a page.
-- params: $year $month_from $month_to $region $sector $order ('amount' | 'savings' | 'premium' | 'date')
--         $limit $offset
with matching as (
    select t.*, r.region_name, s.sector_name
    from project_top t
    join dim_region r using (region_code)
    join dim_sector s using (sector_code)
    where t.order_key = $order
      and t.year = $year
      and t.month between $month_from and $month_to
      and t.place <= $offset + $limit
      and ($region is null or $region in (r.region_code, r.parent_code))
      and ($sector is null or t.sector_code = $sector)
),

counted as (
    select coalesce(sum(c.projects), 0)::bigint as matching
    from project_count c
    join dim_region r using (region_code)
    where c.year = $year
      and c.month between $month_from and $month_to
      and ($region is null or $region in (r.region_code, r.parent_code))
      and ($sector is null or c.sector_code = $sector)
)

select
    project_id, project_name, sector_name, region_name, deal_date, reference_wan, amount_wan, savings_wan,
    premium_wan, method, is_key_industry,
    counted.matching
from matching, counted
order by project_order_value($order, amount_wan, savings_wan, premium_wan, deal_date) desc, project_id
limit $limit offset $offset
