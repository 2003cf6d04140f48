-- grain: one row per sector, in display order.
-- params: none
select sector_code, sector_name, direction, color from dim_sector order by sort_order
