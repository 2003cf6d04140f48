-- The rule for an optional date of a project list (公告发布日期, 受理日期, 开标日期, 终止日期) as DuckDB macros
-- (project_fields.problems): what is wrong with it (null: nothing): not a day, after today, or after the
-- deal's 成交日期 (a completed trade's) or the 开标日期 it comes before.
-- Arguments: s, the cell's text; day, the day date_values read in it; label, the column's name (SQL text);
-- today, the day of the import; outcome, the row's (null: done); deal_day, open_day: the days it may not come
-- after (null: none to compare with).
create or replace macro later(label, day, other, other_day) as
    label || '“' || strftime(day, '%Y年%m月%d日') || '”晚于' || other || '“' || strftime(other_day, '%Y年%m月%d日')
    || '”。';
create or replace macro date_problem(s, day, label, today, outcome, deal_day, open_day) as case
    when not is_blank(s) and day is null then '“' || s || '”不是日期（应写作 2024-03-05、2024年3月5日 或 Excel 日期）。'
    when day > today then label || strftime(day, '%Y年%m月%d日') || '还没有到。'
    when coalesce(outcome, 'done') = 'done' and day > deal_day then later(label, day, '成交日期', deal_day)
    when day > open_day then later(label, day, '开标日期', open_day)
    end;
