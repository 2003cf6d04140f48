-- grain: one row per kind of winner of the period ('new': no trade won before the period's first day in
--        the data; 'returning': won one before) — how many winners, their trades and amount, and shares.
-- params: $year $month_from $month_to $region $sector
with t as (
    select winner_key, count(*) as projects, sum(amount_wan) as amount_wan
    from period_tenders($year, $month_from, $month_to, $region, $sector)
    where outcome = 'done' and winner_key is not null and year = $year
    group by winner_key
),

earlier as (
    select distinct winner_key
    from market_tender
    where outcome = 'done' and winner_key is not null and day < make_date($year, $month_from, 1)
),

kinds as (
    select case when e.winner_key is null then 'new' else 'returning' end as kind,
           count(*) as winners, sum(t.projects) as projects, sum(t.amount_wan) as amount_wan
    from t left join earlier e using (winner_key)
    group by kind
)

select kind, case kind when 'new' then '新中标主体' else '曾中标主体' end as name, winners,
       share_pct(winners, sum(winners) over ()) as winners_share_pct, projects, amount_wan,
       share_pct(amount_wan, sum(amount_wan) over ()) as amount_share_pct
from kinds
order by kind
