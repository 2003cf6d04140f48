-- grain: one row per month, region and sector of a relation of projects (fact_project's columns): the monthly
--        cell they sum into, of the sector's whole-sector trade type (a project list knows no trade types) —
--        what a project list's import and the generator write into fact_trade_monthly. A reference price left
--        out is the amount with the savings or premium.
-- placeholders: projects the relation's name (derive.cells_of_projects), never input. Not a statement: a
--               subquery the callers put in theirs.
select year(deal_date)::smallint as year, month(deal_date)::tinyint as month, region_code,
       sector_code as trade_type_code, sector_code,
       count(*)::integer as projects, sum(amount_wan) as amount_wan,
       sum(coalesce(reference_wan, amount_wan + savings_wan - premium_wan)) as reference_wan,
       sum(savings_wan) as savings_wan, sum(premium_wan) as premium_wan,
       (count(*) filter (where is_key_industry))::integer as key_projects,
       coalesce(sum(amount_wan) filter (where is_key_industry), 0) as key_amount_wan
from {projects} group by all
