-- grain: one row per winner (中标人/受让人: keyed by 统一社会信用代码, else by exact name) or per agency
--        (招标代理机构), $who, among the first $limit by $order ('projects' | 'amount_wan') of the completed
--        trades of the period — count, amount, their shares, 同比, rank (competition ranking) and whether the
--        winner is of the home city. Read from the stored sums (party_scope).
-- params: $year $month_from $month_to $region $sector $who ('winner' | 'agency') $order $limit
with grouped as (
    select party, year, sum(projects) as projects, sum(amount_wan) as amount_wan,
           arg_max(name, last_day) as name, max(credit_code) as credit_code, bool_or(local) as local,
           case $order when 'projects' then sum(projects)::double when 'amount_wan' then sum(amount_wan)::double
                       else error('unknown order ' || $order) end as order_value
    from party_scope
    where who = case when $who in ('winner', 'agency') then $who else error('unknown party ' || $who) end
      and in_period_scope(year, month, scope, province_code, sector_code,
                          $year, $month_from, $month_to, $region, $sector)
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
