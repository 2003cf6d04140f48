-- Not a statement: the filter of a derive of some months (those in derive_months), put after
-- `from fact_project p` by derive.py. The months' projects are found by a date range as well: the project
-- table is stored by month, so whole row groups are skipped (by year() and month() alone every row was
-- read: 0.4 s at 10 M).
-- placeholders: first the first month's first day, past the first day after the last month (YYYY-MM-DD,
--               made by derive.py from the months' numbers)
semi join derive_months m on year(p.deal_date) = m.year and month(p.deal_date) = m.month
where p.deal_date >= date '{first}' and p.deal_date < date '{past}'
