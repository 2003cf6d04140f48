-- grain: one row per completed trade of one winner (by its key: 统一社会信用代码, else exact name) or
--        agency, $who, newest first, at most $limit — with its name, the party's name and credit code as the
--        trade wrote them.
-- params: $who ('winner' | 'agency') $key $limit
select t.day as deal_date, t.project_id, t.project_name, s.sector_name, r.region_name, t.method, t.bidders,
       t.amount_wan, t.savings_wan, t.winner, t.winner_credit_code, t.agency
from market_tender t
join dim_sector s using (sector_code)
join dim_region r using (region_code)
where t.outcome = 'done'
  and case $who when 'winner' then t.winner_key when 'agency' then t.agency
                else error('unknown party ' || $who) end = $key
order by t.day desc, t.project_id
limit $limit
