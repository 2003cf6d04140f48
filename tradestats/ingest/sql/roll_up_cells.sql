-- grain: one row per touched cell (touched_cells: month, region and sector): the sums of its projects as they
--        will be (none: zeros), of the sector's whole-sector trade type.
-- placeholders: cells: cells_of_projects.sql of merged_projects (derive.cells_of_projects)
select t.year, t.month, t.region_code, t.sector_code as trade_type_code, t.sector_code,
       coalesce(s.projects, 0) as projects,
       coalesce(s.amount_wan, 0) as amount_wan, coalesce(s.reference_wan, 0) as reference_wan,
       coalesce(s.savings_wan, 0) as savings_wan, coalesce(s.premium_wan, 0) as premium_wan,
       coalesce(s.key_projects, 0) as key_projects, coalesce(s.key_amount_wan, 0) as key_amount_wan
from touched_cells t left join ({cells}) s
    using (year, month, region_code, sector_code)
order by all
