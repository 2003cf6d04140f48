-- The rule for a count cell as DuckDB macros (rules.count_columns): a whole number (3宗 and 3个 are 3), its
-- problem (null: none) and its value. Arguments as money_cell.sql's: s, the cell's text ('' when blank); parts,
-- what count_parts made of it; label, the column's name (SQL text); required: whether a blank is a problem;
-- problem: what count_problem said. Uses negative and blank_problem (money_cell.sql).
-- placeholders: max_count: rules.MAX_COUNT
create macro count_parts(s) as case when s <> '' then number_parts(s) end;
create macro count_exact(parts) as try_cast(nullif(parts.n, '') as decimal(38, 18));
create macro count_problem(s, parts, label, required) as case
    when is_blank(s) then blank_problem(label, required)
    when nullif(parts.n, '') is null then '“' || s || '”不是数字' || number_hint(s) || '。'
    when count_exact(parts) <> trunc(count_exact(parts)) then '“' || s || '”不是整数。'
    when count_exact(parts) is null or abs(count_exact(parts)) > {max_count} then '数值太大（' || s || '），请检查。'
    when count_exact(parts) < 0 then negative(label, s)
    end;
create macro count_value(s, problem, parts) as
    case when problem is null and not is_blank(s) then count_exact(parts)::bigint end;
