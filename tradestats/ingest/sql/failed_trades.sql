-- grain: one row per failed or stopped trade (流标/终止) of the checked rows (checked), in the file's order, with
--        fact_tender_failed's columns but failed_date.
-- placeholders: optional: the optional fields' columns, typed null for a field no sheet has (project_fields.failed)
select project_id, project_name, sector_code, region_code, outcome, reference_wan, method,
       {optional},
       key_industry as is_key_industry
from checked where outcome <> 'done'
order by sheet_no, row_no
