-- $n synthetic projects from $first over $years years, each value a hash of the row number and $seed.
-- placeholders, filled by generate.fill from demo/distributions (never from input): sigma and half_variance (the
-- deal size's lognormal), normal (a standard normal draw), deal_date, method, cycle_days, columns (the optional
-- fields' select list), units (how many regions), join (the winner's pool), min_deal (万元)
insert into fact_project by name
with draws as (
    select i, hash(i, $seed) as h1, hash(i, $seed + 1) as h2, hash(i, $seed + 2) as h3,
           -- a deal's size about its sector's mean: lognormal with mean 1
           exp({sigma} * {normal} - {half_variance}) as size,
           hash(i, $seed + 4) as h4, hash(i, $seed + 5) as h5, hash(i, $seed + 6) as h6,
           hash(i, $seed + 7) as h7, hash(i, $seed + 8) as h8, hash(i, $seed + 9) as h9,
           hash(i, $seed + 10) as h10, hash(i, $seed + 11) as h11
    from range($n) t(i)
), picked as (
    select draws.*, m.sector_code, m.margin, d.direction, d.sector_name, un.region_code,
           {deal_date} as deal_date,
           greatest({min_deal}, round(m.mean_wan * size, 2)) as amount,
           (h3 >> 16) % 1000 < m.key_per_mille as is_key_industry,
           {method} as method
    from draws
    join mix m on h3 % 1000 >= m.lo and h3 % 1000 < m.hi
    join dim_sector d using (sector_code)
    join units un on un.idx = h2 % {units}
), m as (
    select *, {cycle_days} as gap_days from picked
)
select
    'G' || lpad(i::varchar, 9, '0') as project_id,
    sector_name || '合成项目' || i as project_name,
    m.sector_code,
    m.region_code,
    deal_date,
    round(amount * (1 + margin), 2)::decimal(18, 6) as reference_wan,
    amount::decimal(18, 6) as amount_wan,
    case when direction = 'purchase' then round(amount * margin, 2) else 0 end::decimal(18, 6) as savings_wan,
    case when direction = 'sale' then round(amount * margin, 2) else 0 end::decimal(18, 6) as premium_wan,
    method,
    is_key_industry,
    0 as import_id,
    {columns}
from m
{join}
order by deal_date, project_id
