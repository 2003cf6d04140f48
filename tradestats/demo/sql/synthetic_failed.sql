-- $n synthetic failed and stopped trades (流标/终止) from $first over $years years, hashed from $seed.
-- placeholders, filled by generate_market.failed (never from input): stopped (whether a draw is stopped),
-- bidders (a failed tender's), deal_date (the date's draw), sector (the sector's draw), units (how many regions)
insert into fact_tender_failed by name
select 'F' || lpad(i::varchar, 9, '0') as project_id, s.sector_name || '合成流标项目' || i as project_name,
       s.sector_code, un.region_code, failed_date,
       case when {stopped} then 'stopped' else 'failed' end as outcome,
       case when {stopped} then 0 else {bidders} end as bidders,
       case when {stopped} then null else failed_date end as open_date,
       case when {stopped} then failed_date end as stop_date,
       0 as import_id
from (select i, {deal_date} as failed_date from range($n) t(i))
join dim_sector s on s.sector_code = ({sector})
join units un on un.idx = hash(i, $seed + 24) % {units}
