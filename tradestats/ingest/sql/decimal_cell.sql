-- The rule for a number as it is, without a unit (98.5, 98.5%, -3, 1,200), as DuckDB macros
-- (rules.decimal_columns): its value and its problem (null: none). Arguments: s, the cell's text; parts, what
-- decimal_parts made of it.
-- placeholders: max_value: rules.MAX_VALUE
create macro decimal_parts(s) as regexp_extract(replace(norm(s), ',', ''), '^(-?[0-9]+(?:\.[0-9]+)?)%?$', 1);
create macro decimal_exact(parts) as try_cast(nullif(parts, '') as decimal(38, 18));
create macro decimal_problem(s, parts) as case
    when nullif(parts, '') is null then '“' || s || '”不是数字' || number_hint(s) || '。'
    when decimal_exact(parts) is null or abs(decimal_exact(parts)) >= {max_value} then '数值太大（' || s || '），请检查。'
    end;
