-- grain: one row per target of the file (incoming_targets): whether one is stored for its year, region,
--        sector and measure, and whether it is the same (to 6 decimals)
select f.year is not null as existed, round(f.target::double, 6) = round(i.target, 6) as same
from incoming_targets i
left join fact_target f using (year, region_code, sector_code, measure)
