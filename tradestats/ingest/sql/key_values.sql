-- grain: one row per text of 是否重点产业 in the file (incoming.is_key): the key it is compared by (是/否).
create table key_values as
select text, lower(norm(text)) as key from (select distinct is_key as text from incoming)
