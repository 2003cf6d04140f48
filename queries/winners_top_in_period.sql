-- grain: one row per winner (中标人/受让人: keyed by 统一社会信用代码, else by exact name) or per agency
--        (招标代理机构), $who, among the first $limit by $order ('projects' | 'amount_wan') of the completed
--        trades of the period — count, amount, their shares, 同比, rank (competition ranking) and whether the
--        winner is of the home city.
-- params: $year $month_from $month_to $region $sector $who ('winner' | 'agency') $order $limit
with t as (
    select *, case $who when 'winner' then winner_key when 'agency' then agency
                        else error('unknown party ' || $who) end as party
    from period_tenders($year, $month_from, $month_to, $region, $sector)
    where outcome = 'done'
),

grouped as (
    select party, year, count(*) as projects, sum(amount_wan) as amount_wan,
           arg_max(case $who when 'winner' then winner else agency end, day) as name,
           max(winner_credit_code) filter (where $who = 'winner') as credit_code,
           bool_or(winner_local) filter (where $who = 'winner') as local,
           case $order when 'projects' then count(*)::double when 'amount_wan' then sum(amount_wan)::double
                       else error('unknown order ' || $order) end as order_value
    from t
    where party is not null
    group by party, year
),

cur as (
    select *, share_pct(projects, sum(projects) over ()) as projects_share_pct,
           share_pct(amount_wan, sum(amount_wan) over ()) as amount_share_pct,
           rank() over (order by order_value desc) as rank
    from grouped where year = $year
),

prev as (select * from grouped where year = $year - 1)

select cur.rank, cur.party as key, cur.name, cur.credit_code, cur.local, cur.projects,
       change_pct(cur.projects, prev.projects) as projects_yoy_pct, cur.projects_share_pct,
       cur.amount_wan, change_pct(cur.amount_wan, prev.amount_wan) as amount_yoy_pct, cur.amount_share_pct
from cur
left join prev using (party)
where cur.rank <= $limit
order by cur.rank, cur.amount_wan desc, cur.party
