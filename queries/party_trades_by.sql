-- grain: one row per value of $by ('month': YYYY-MM | 'sector' | 'region' | 'method') of the completed
--        trades of one winner (matched by its key: 统一社会信用代码, else exact name) or agency, $who, in all
--        the data — count, amount and 节资率 (its average discount, purchase sectors). Read from
--        the stored sums (party_cell, party_method).
-- params: $who ('winner' | 'agency') $key $by
with cells as (
    select case $by when 'month' then strftime(make_date(year, month, 1), '%Y-%m')
                    when 'sector' then sector_code
                    when 'region' then region_code end as group_key,
           projects, amount_wan, savings_wan, savings_base_wan
    from party_cell
    where who = case when $who in ('winner', 'agency') then $who else error('unknown party ' || $who) end
      and party = $key and $by <> 'method'
    union all
    select method, projects, amount_wan, savings_wan, savings_base_wan
    from party_method
    where who = $who and party = $key and $by = 'method'
)

select group_key as key,
       case $by when 'sector' then (select sector_name from dim_sector where sector_code = group_key)
                when 'region' then (select region_name from dim_region where region_code = group_key)
                when 'month' then group_key when 'method' then group_key
                else error('unknown dimension ' || $by) end as name,
       sum(projects) as projects, sum(amount_wan) as amount_wan,
       share_pct(sum(savings_wan), sum(savings_base_wan)) as savings_rate_pct
from cells
group by group_key
order by case when $by = 'month' then group_key end, amount_wan desc, group_key
