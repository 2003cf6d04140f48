-- grain: one row per project derived: its cell (month, region and sector as one integer: grouping by one
--        integer is twice as quick as by four columns) and its value in each order of the project list
--        (derive.ORDERS: amount, savings, premium, date), into derive_values.
-- placeholders: only empty (every project), or derive_projects_of_months.sql (the months of derive_months)
create or replace temp table derive_values as
with regions as (select region_code, row_number() over (order by region_code) as n from dim_region),
sectors as (select sector_code, row_number() over (order by sector_code) as n from dim_sector)
select p.rowid as rid, year(p.deal_date)::smallint as year, month(p.deal_date)::tinyint as month,
       ((year(p.deal_date) * 12 + month(p.deal_date)) * (select count(*) + 1 from regions) + r.n)
           * (select count(*) + 1 from sectors) + s.n as cell,
       p.project_id,
       project_order_value('amount', p.amount_wan, p.savings_wan, p.premium_wan, p.deal_date) as v_amount,
       project_order_value('savings', p.amount_wan, p.savings_wan, p.premium_wan, p.deal_date) as v_savings,
       project_order_value('premium', p.amount_wan, p.savings_wan, p.premium_wan, p.deal_date) as v_premium,
       project_order_value('date', p.amount_wan, p.savings_wan, p.premium_wan, p.deal_date) as v_date
from fact_project p join regions r using (region_code) join sectors s using (sector_code) {only}
