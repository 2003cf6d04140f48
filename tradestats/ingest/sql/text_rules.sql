-- The text rules as DuckDB macros (rules.macros): NFKC without white space (norm), strip, blanks, numbers with
-- their units, a formula's hint, days and months, for every kind of file.
-- placeholders: nfkc_stable, space, number, day, month, span_range_bare, dash: rules.NFKC_STABLE, SPACE, NUMBER,
--               DAY, MONTH, SPAN_RANGE_BARE, DASH (regular expressions); spaces: rules.SPACES as SQL text;
--               formula_hint, dash_hint: rules.FORMULA_HINT, DASH_HINT; units: the
--               units of rules.UNITS as a list of SQL texts; factor, ceiling: a WHEN clause per unit, its factor
--               to 万元 and rules.MAX_VALUE 万元 in it
create macro nfkc_text(s) as case when regexp_full_match(s, '{nfkc_stable}') then s else nfkc(s) end;
create macro norm(s) as regexp_replace(nfkc_text(s), '{space}+', '', 'g');
create macro strip(s) as  -- DuckDB's trim(s, characters) is slow
    case when s <> '' and (contains({spaces}, left(s, 1)) or contains({spaces}, right(s, 1)))
         then regexp_replace(s, '^{space}+|{space}+$', '', 'g') else s end;
create macro is_blank(s) as regexp_full_match(s, '{space}*');  -- NFKC turns nothing else into space
create macro number_parts(s) as regexp_extract(replace(norm(s), ',', ''), '{number}', ['n', 'u']);
create macro number_hint(s) as  -- what to write instead of a cell that is no number
    case when starts_with(replace(norm(s), ',', ''), '=') then '{formula_hint}'
         when regexp_full_match(norm(s), '{dash}') then '{dash_hint}' else '' end;
create macro money_unit(cell_unit, header_unit) as
    case when cell_unit in ({units}) then cell_unit else header_unit end;
create macro known_unit(u) as u is null or u in ({units});
create macro unit_factor(u) as case coalesce(u, '万元') {factor} end;
create macro unit_ceiling(u) as case coalesce(u, '万元') {ceiling} end;  -- rules.MAX_VALUE 万元 in the unit
create macro day_from(p) as case when p.y >= '0001' then try(make_date(p.y::int, p.m::int, p.d::int)) end;
create macro day_of(s) as  -- a day as people and workbooks write it, or null
    day_from(regexp_extract(strip(nfkc_text(s)), '{day}', ['y', 'm', 'd']));
create macro month_parts(s) as case
    -- months 1 to 9 written without 月 (2024年1-9) are not a day of January
    when regexp_full_match(norm(s), '{span_range_bare}') then {{'y': '', 'm': '', 'y2': '', 'm2': ''}}
    else regexp_extract(norm(s), '{month}', ['y', 'm', 'y2', 'm2']) end;
