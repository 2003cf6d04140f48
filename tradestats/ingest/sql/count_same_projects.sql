-- grain: one row: how many of the file's projects (incoming_projects) are stored as they are, their optional
--        fields too.
-- placeholders: same_optional: market_import.SAME_PROJECT, the optional fields' comparisons (p against i),
--               made from project_fields.PROJECT_COLUMNS
select count(*) from incoming_projects i join fact_project p using (project_id)
where p.project_name = i.project_name and p.sector_code = i.sector_code
  and p.region_code = i.region_code and p.deal_date = i.deal_date and p.amount_wan = i.amount_wan
  and p.reference_wan is not distinct from i.reference_wan and p.method is not distinct from i.method
  and p.is_key_industry = i.is_key_industry
  and {same_optional}
