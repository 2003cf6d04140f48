-- The rule for 是否流标/终止 as DuckDB macros (project_fields.problems): what is wrong with a row's outcome, and
-- a problem a failed or stopped trade does not have when it leaves its cell blank (unless_failed).
-- Arguments: outcome, what status_values made of the cell (done, failed, stopped; null: not understood);
-- status, the cell's text; open_day, stop_day: the row's 开标日期 and 终止日期 (null when the list has no such
-- column); problem, s: a field's problem and its cell's text.
create or replace macro status_problem(outcome, status, open_day, stop_day) as case
    when outcome is null then '“' || status || '”应填“是”或“否”（或 成交、流标、终止）。'
    when outcome <> 'done' and open_day is null and stop_day is null then '流标或终止的项目要有开标日期或终止日期。'
    end;
create or replace macro unless_failed(problem, outcome, s) as
    case when outcome <> 'done' and is_blank(s) then null else problem end;
