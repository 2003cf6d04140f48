-- grain: one row per completed trade of a valid project list (checked: no problems), in the file's order, as
--        fact_project holds it: 节资 for a purchase, 溢价 for a sale, from the file or as the difference.
-- placeholders: optional: project_fields.records, the optional fields' columns; done: with 是否流标/终止, a WHERE
--               keeping the completed trades, else nothing
select c.project_id, c.project_name, c.sector_code, c.region_code, c.deal_date, c.reference_wan,
       c.amount_wan,
       (case when d.purchase then coalesce(c.savings_wan, c.reference_wan - c.amount_wan, 0) else 0 end)
           ::decimal(18, 6) as savings_wan,
       (case when not d.purchase then coalesce(c.premium_wan, c.amount_wan - c.reference_wan, 0) else 0
        end)::decimal(18, 6) as premium_wan,
       c.method, c.key_industry as is_key_industry
       {optional}
from checked c join sector_direction d using (sector_code)
{done}
order by c.sheet_no, c.row_no  -- as the file has them
