-- The regions synthetic projects go to, numbered from 0 (a draw picks one by its number): every region whose
-- monthly cells a file may hold.
create temp table units as
select row_number() over (order by region_code) - 1 as idx, region_code
from reporting_region
