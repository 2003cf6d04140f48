-- Rewrite period_rows: period_cells' rule worked out for every period of every year, region and sector,
-- stored in the order the pages' questions read it.
insert into period_rows
select * from period_rows_view
order by for_split, year, period_from, period_to, region_code, sector_code
