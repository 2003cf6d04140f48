-- The rule for a money cell as DuckDB macros (rules.money_columns): a plain number (no unit, no comma, at most
-- 6 decimals, the common case) is taken as it is, without the slower general way; any other is read by
-- number_parts with its unit, or the header's; its problem (null: none) and its value in 万元.
-- Arguments: s, the cell's text ('' when blank); header_unit, its header's unit (null: 万元); plain, parts,
-- number, unit: what money_plain, money_parts, money_number and cell_unit made of it; label, the column's name
-- (SQL text); required: whether a blank is a problem; problem: what money_problem said.
-- placeholders: plain_number: rules.PLAIN_NUMBER; blank_hint: rules.BLANK_HINT
create macro negative(label, s) as label || '不能为负数（' || s || '）。';
create macro blank_problem(label, required) as case when required then label || '为空{blank_hint}。' end;
create macro money_too_large(s) as '数值太大（' || s || '），超过可存储的范围，请检查单位或数值。';
create macro money_plain(s) as regexp_full_match(s, '{plain_number}');
create macro money_parts(s, plain) as case when not plain and s <> '' then number_parts(s) end;
create macro money_number(s, plain, parts) as case when plain then s else nullif(parts.n, '') end;
create macro cell_unit(plain, parts, header_unit) as
    case when plain then header_unit else money_unit(parts.u, header_unit) end;
create macro money_exact(s, plain, parts) as try_cast(money_number(s, plain, parts) as decimal(38, 18));
create macro money_problem(s, header_unit, plain, parts, label, required) as case
    when plain and known_unit(header_unit) then
        case when s::decimal(18, 6) < 0 then negative(label, s)
             when s::decimal(18, 6) >= unit_ceiling(header_unit) then money_too_large(s) end
    when is_blank(s) then blank_problem(label, required)
    when money_number(s, plain, parts) is null then '“' || s || '”不是数字' || number_hint(s) || '。'
    when not known_unit(cell_unit(plain, parts, header_unit))
        then '无法识别单位“' || cell_unit(plain, parts, header_unit) || '”（金额单位应为 元、万元 或 亿元）。'
    when money_exact(s, plain, parts) is null
         or abs(money_exact(s, plain, parts)) >= unit_ceiling(cell_unit(plain, parts, header_unit))
        then money_too_large(s)
    when money_exact(s, plain, parts) < 0 then negative(label, s)
    end;
create macro money_wan(s, problem, plain, number, unit) as case
    when problem is not null or is_blank(s) then null
    when plain and coalesce(unit, '万元') = '万元' then s::decimal(18, 6)
    else round_even(number::decimal(38, 18) * unit_factor(unit), 6)::decimal(18, 6)
    end;
