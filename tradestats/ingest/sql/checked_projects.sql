-- grain: one row per row of the project list that is not blank (incoming): its fields parsed (the few-valued
--        columns joined from date_values, region_values, sector_values, key_values and the optional fields'
--        tables), each field's problem (null: none), its values and whether it is valid.
-- params: $today (no later 成交日期), $yes and $no (是否重点产业 as rules.YES and rules.NO, with 重点)
-- placeholders: money_parts: the money fields' parts (rules.money_columns), each with a trailing comma, or
--               nothing; optional_parsed, optional_joins: project_fields.parsed and joins; project_id_label,
--               project_name_label: project_file.NAMES; deal_date_unless_failed: with 是否流标/终止, a WHEN clause
--               leaving a blank 成交日期 of a failed or stopped trade alone; money_problems, money_values: the
--               money fields' problems and values in 万元; optional_problems: the optional fields' problems, each
--               with a leading comma; problem_columns: the fields' problems but amount's; amount_problem: amount's,
--               none for a failed or stopped trade without 成交金额; optional_values: project_fields.values;
--               valid_problems: each problem but amount's is null; amount_unless_failed: with 是否流标/终止, an OR
--               for a failed or stopped trade without 成交金额
create table checked as
with parsed as (
    select i.*, strip(i.project_id) as id, strip(i.project_name) as name,
           {money_parts}
           d.day, r.region_code, r.reporting, r.normal as region_normal, s.sector_code,
           s.normal as sector_normal, k.key{optional_parsed}
    from incoming i
    join date_values d on d.text = i.deal_date
    join region_values r on r.text = i.region
    join sector_values s on s.text = i.sector
    join key_values k on k.text = i.is_key{optional_joins}
    where not i.blank),
judged as (
    select p.*,
           case when p.id = '' then '{project_id_label}为空。' end as project_id_problem,
           case when p.name = '' then '{project_name_label}为空。' end as project_name_problem,
           case {deal_date_unless_failed}
                when p.day is null
                then '“' || p.deal_date || '”不是日期（应写作 2024-03-05、2024年3月5日 或 Excel 日期）。'
                when p.day > $today then strftime(p.day, '%Y年%m月%d日') || '还没有到，不能导入未来的成交。'
           end as deal_date_problem,
           case when p.region_code is null then '未知的地区“' || p.region || '”'
                when not p.reporting then '“' || p.region || '”不是按月上报数据的地区。'
           end as region_problem,
           case when p.sector_code is null then '未知的板块或交易类型“' || p.sector || '”' end as sector_problem,
           {money_problems},
           case when not list_contains($yes, p.key) and not list_contains($no, p.key)
                then '“' || p.is_key || '”应填“是”或“否”。'
           end as is_key_problem
           {optional_problems}
    from parsed p)
select sheet_no, row_no, id as project_id, name as project_name, day as deal_date, region_code, sector_code,
       nullif(strip(method), '') as method, list_contains($yes, key) as key_industry, region_normal,
       sector_normal, {problem_columns},
       {amount_problem},  -- 流标/终止: no deal
       {money_values}{optional_values},
       {valid_problems}
       and (amount_problem is null {amount_unless_failed})
       as valid
from judged
