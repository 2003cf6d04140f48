-- The rule for a period cell as DuckDB macros (rules.period_columns): a month (month_cell.sql) or a span of
-- months of one year, its [year, first month, last month] (span_of, on the text as norm leaves it; null for a
-- month) and its problem (null: none), the span's last month not after today's.
-- Arguments: s, the cell's text; parts, what month_parts made of it; span, what period_span made of it; today,
-- the day of the import.
-- placeholders: span_range, span_range_bare, span_quarter, span_up_to, span_year: rules.SPAN_RANGE,
--               SPAN_RANGE_BARE, SPAN_QUARTER, SPAN_UP_TO and SPAN_YEAR (regular expressions)
create macro quarter_of(text) as case regexp_extract(text, '{span_quarter}', 2)
    when '一' then 1 when '二' then 2 when '三' then 3 when '四' then 4
    else try_cast(regexp_extract(text, '{span_quarter}', 2) as int) end;
create macro span_of(text) as case
    when regexp_full_match(text, '{span_range}')
        then [regexp_extract(text, '{span_range}', 1)::int, regexp_extract(text, '{span_range}', 2)::int,
              regexp_extract(text, '{span_range}', 3)::int]
    when regexp_full_match(text, '{span_range_bare}')
        then [regexp_extract(text, '{span_range_bare}', 1)::int, regexp_extract(text, '{span_range_bare}', 2)::int,
              regexp_extract(text, '{span_range_bare}', 3)::int]
    when regexp_full_match(text, '{span_quarter}') and (text like '%季%' or text ilike '%q%')
        then [regexp_extract(text, '{span_quarter}', 1)::int, 3 * quarter_of(text) - 2, 3 * quarter_of(text)]
    when regexp_full_match(text, '{span_up_to}')
        then [regexp_extract(text, '{span_up_to}', 1)::int, 1, regexp_extract(text, '{span_up_to}', 2)::int]
    when regexp_full_match(text, '{span_year}') then [regexp_extract(text, '{span_year}', 1)::int, 1, 12]
    end;
create macro period_span(s) as span_of(norm(s));
create macro period_problem(s, parts, span, today) as case
    when span is null then month_problem_worded(s, parts, today,
        '不是月份或期间（应写作 2024-03、2024年3月 或 Excel 日期；累计、季度或全年写作 2024年1-9月、2024年第三季度、2024年）')
    when span[2] not between 1 and 12 or span[3] not between 1 and 12 or span[2] > span[3] or span[1] < 2000
        then '“' || s || '”不是有效的期间（月份应在1到12之间，从小到大）。'
    when (span[1], span[3]) > (year(today), month(today))
        then '“' || s || '”还没有结束（' || span[1] || '年' || span[3] || '月还没有到），不能导入未来的数据。'
    end;
