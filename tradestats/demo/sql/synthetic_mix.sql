-- The sector mix of synthetic projects with each sector's range of a draw in per mille (lo .. hi).
-- placeholder: mix — generate.mix's values (the deployment's sector_mix.csv)
create temp table mix as
select *, sum(per_mille) over (order by sector_code) - per_mille as lo,
       sum(per_mille) over (order by sector_code) as hi
from ({mix})
