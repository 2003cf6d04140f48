-- grain: one row per value of $by ('month': YYYY-MM | 'sector' | 'region' | 'method') of the completed
--        trades of one winner (matched by its key: 统一社会信用代码, else exact name) or agency, $who, in all
--        the data — count, amount and 节资率 (its average discount, purchase sectors).
-- params: $who ('winner' | 'agency') $key $by
with t as (
    select *, case $by when 'month' then strftime(day, '%Y-%m')
                       when 'sector' then sector_code
                       when 'region' then region_code
                       when 'method' then coalesce(method, '未填')
                       else error('unknown dimension ' || $by) end as group_key
    from market_tender
    where outcome = 'done'
      and case $who when 'winner' then winner_key when 'agency' then agency
                    else error('unknown party ' || $who) end = $key
)

select group_key as key,
       case $by when 'sector' then (select sector_name from dim_sector where sector_code = group_key)
                when 'region' then (select region_name from dim_region where region_code = group_key)
                else group_key end as name,
       count(*) as projects, sum(amount_wan) as amount_wan,
       share_pct(sum(savings_wan) filter (where savings_base_wan is not null), sum(savings_base_wan)) as savings_rate_pct
from t
group by group_key
order by case when $by = 'month' then group_key end, amount_wan desc, group_key
