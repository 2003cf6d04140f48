-- grain: one row per date text of the file (incoming: 成交日期 and the optional dates a sheet has): its day, or null.
-- placeholders: optional_dates: a union of the distinct texts of each optional date column (project_fields.DATES)
create table date_values as
select text, day_of(text) as day
from (select distinct deal_date as text from incoming{optional_dates})
