-- The rule for a year cell as DuckDB macros (rules.year_columns): a year (2024, 2024年) from 2000 to last, and
-- its problem (null: none). Arguments: s, the cell's text; parts, what year_parts made of it; last, the last
-- year allowed.
create macro year_parts(s) as nullif(regexp_extract(norm(s), '^([0-9]{4})年?$', 1), '')::int;
create macro year_problem(s, parts, last) as
    case when parts is null or parts not between 2000 and last then '“' || s || '”不是有效的年份。' end;
