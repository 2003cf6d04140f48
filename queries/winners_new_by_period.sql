-- grain: one row per kind of winner of the period ('new': no trade won before the period's first day in
--        the data; 'returning': won one before) — how many winners, their trades and amount, and shares.
-- params: $year $month_from $month_to $region $sector
with t as (
    select party, sum(projects) as projects, sum(amount_wan) as amount_wan
    from party_scope
    where who = 'winner' and year = $year
      and in_period_scope(year, month, scope, province_code, sector_code,
                          $year, $month_from, $month_to, $region, $sector)
    group by party
),

earlier as (
    select party
    from party_first
    where who = 'winner' and first_month < $year * 12 + $month_from
),

kinds as (
    select case when e.party is null then 'new' else 'returning' end as kind,
           count(*) as winners, sum(t.projects) as projects, sum(t.amount_wan) as amount_wan
    from t left join earlier e using (party)
    group by kind
)

select kind, case kind when 'new' then '新中标主体' else '曾中标主体' end as name, winners,
       share_pct(winners, sum(winners) over ()) as winners_share_pct, projects, amount_wan,
       share_pct(amount_wan, sum(amount_wan) over ()) as amount_share_pct
from kinds
order by kind
