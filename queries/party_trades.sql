-- grain: one row per completed trade of one winner (by its key: 统一社会信用代码, else exact name) or
--        agency, $who, newest first, at most $limit — with its name, the party's name and credit code as the
--        trade wrote them. Only the months that hold its latest $limit trades (party_cell) are read.
-- params: $who ('winner' | 'agency') $key $limit
with months as (
    select year, month, sum(projects) as projects
    from party_cell
    where who = case when $who in ('winner', 'agency') then $who else error('unknown party ' || $who) end
      and party = $key
    group by year, month
),

since as (
    select coalesce(min(make_date(year, month, 1)) filter (where later < $limit), date '9999-12-31') as day
    from (select *, coalesce(sum(projects) over (order by year desc, month desc
                                                 rows between unbounded preceding and 1 preceding), 0) as later
          from months)
)

select p.deal_date, p.project_id, p.project_name, s.sector_name, r.region_name, p.method, p.bidders,
       p.amount_wan, p.savings_wan, p.winner, p.winner_credit_code, p.agency
from fact_project p
join dim_sector s using (sector_code)
join dim_region r using (region_code)
where p.deal_date >= (select day from since)
  and case $who when 'winner' then coalesce(p.winner_credit_code, p.winner) when 'agency' then p.agency end = $key
order by p.deal_date desc, p.project_id
limit $limit
