-- grain: one row per text of 是否流标/终止 in the file (incoming.status): the trade's outcome it says, done, failed
--        or stopped (null: not understood).
-- placeholders: done, failed, stopped: project_fields.DONE, FAILED, STOPPED as lists of SQL texts
create table status_values as
select text, case when key in ({done}) then 'done'
                  when key in ({failed}) or contains(key, '流标') then 'failed'
                  when key in ({stopped}) or contains(key, '终止') then 'stopped'
             end as outcome
from (select text, lower(norm(text)) as key from (select distinct status as text from incoming))
