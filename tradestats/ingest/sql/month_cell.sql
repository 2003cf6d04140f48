-- The rule for a month cell as DuckDB macros (rules.month_columns): a month (2024-03, 2024年3月, 202403, a day
-- of it or a date cell) not after today, its year and month, and its problem (null: none).
-- Arguments: s, the cell's text; parts, what month_parts (text_rules.sql) made of it; today, the day of the
-- import; not_a_month, what to say of text that is no month (after its “text”); problem, value: a cell's
-- problem and the value it has when it has none (unless_problem, for the rules after this one too).
-- placeholders: ambiguous_month: rules.AMBIGUOUS_MONTH
create macro unless_problem(problem, value) as case when problem is null then value end;
create macro month_year(parts) as coalesce(nullif(parts.y, ''), nullif(parts.y2, ''))::int;
create macro month_number(parts) as coalesce(nullif(parts.m, ''), nullif(parts.m2, ''))::int;
create macro month_problem_worded(s, parts, today, not_a_month) as case
    when regexp_full_match(norm(s), '{ambiguous_month}')
        then '“' || s || '”不是月份（像是写成数字的 ' || norm(s) || '0？请把月份列设为文本，写作 2024-10 或 2024年10月）。'
    when month_year(parts) is null then '“' || s || '”' || not_a_month || '。'
    when month_number(parts) not between 1 and 12 or month_year(parts) < 2000 then '“' || s || '”不是有效的月份。'
    when (month_year(parts), month_number(parts)) > (year(today), month(today))
        then month_year(parts) || '年' || month_number(parts) || '月还没有到，不能导入未来月份的数据。'
    end;
create macro month_problem(s, parts, today) as
    month_problem_worded(s, parts, today, '不是月份（应写作 2024-03、2024年3月 或 Excel 日期）');
