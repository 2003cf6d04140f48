-- The rule for a 统一社会信用代码 as DuckDB macros (project_fields.problems): 18 characters of
-- project_fields.CHARSET, the 18th the check character of the others (GB 32100-2015), and its problem (null:
-- none). Arguments: code, a well-formed code or the first 17 characters of one; credit, the cell as
-- upper(norm) leaves it; s, the cell's text.
-- placeholders: charset: project_fields.CHARSET; terms: the sum of each of the first 17 characters' place in
--               it times its weight (project_fields.WEIGHTS)
create or replace macro credit_check(code) as '{charset}'[(31 - ({terms}) % 31) % 31 + 1];
create or replace macro credit_problem(credit, s) as case
    when credit = '' then null
    when not regexp_full_match(credit, '[0-9A-HJ-NPQRTUWXY]{{18}}')
        then '“' || s || '”不是统一社会信用代码（应为18位数字或大写字母，不含 I、O、S、V、Z）。'
    when credit_check(credit) <> right(credit, 1) then '统一社会信用代码“' || s
        || '”的校验位不对（按前17位应为“' || credit_check(credit) || '”），请核对。'
    end;
