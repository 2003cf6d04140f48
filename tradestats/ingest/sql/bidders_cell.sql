-- The rule for 投标人数 as DuckDB macros (project_fields.parsed and problems): a whole number of bidders
-- (3, 3家, 3个, 3人, 3.0), as digits (bidders_digits: '' when the cell says none), and its problem (null: none).
-- Arguments: s, the cell's text; digits, what bidders_digits made of it.
-- placeholders: max_bidders: project_fields.MAX_BIDDERS
create or replace macro bidders_digits(s) as
    case when not is_blank(s) then regexp_extract(norm(s), '^(-?[0-9]{{1,12}})(?:\.0+)?(家|个|人)?$', 1) end;
create or replace macro bidders_problem(s, digits) as case
    when is_blank(s) then null
    when digits is null or digits = '' then '“' || s || '”不是人数（应填写 0、1、2 …）。'
    when try_cast(digits as hugeint) < 0 then '投标人数“' || s || '”不能为负数。'
    when try_cast(digits as hugeint) > {max_bidders} then '投标人数“' || s || '”过大，请检查。'
    end;
