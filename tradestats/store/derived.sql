-- What is derived from the stored tables (schema.sql): views, macros and the tables db.derive fills. Made
-- anew (create or replace) by every build and upgrade, so they never need a migration.

-- The sum of a figure over cells, null when one of them does not say it (a figure of all sectors together
-- from a file without the column): never the sum of a part shown as the whole.
create or replace macro whole_sum(x) as case when count(x) = count(*) then sum(x) end;

-- A county-level unit of city: one of its counties, or a pseudo-region of the center's own (市本级, 城区 …).
-- Each reports its own monthly cells, as the other cities of the province do theirs (reporting_region).
create or replace macro unit_of(level, parent_code, city) as parent_code = city and level in ('county', 'pseudo');

-- grain: one row per region whose monthly cells a file may hold: the home city's units (home_unit), and the
-- province's other cities (for the ranking).
create or replace view reporting_region as
select r.region_code, unit_of(r.level, r.parent_code, h.home) as home_unit
from dim_region r, (select value as home from app_setting where key = 'home_region') h
where unit_of(r.level, r.parent_code, h.home) or (r.level = 'city' and r.region_code <> h.home);

-- The cells with what every question needs beside them: the city and province they roll up to, the
-- sector's direction, and the base of 节资率 / 增值率 as the rate_basis setting defines it
-- ('reference': 预算/底价; 'amount': 成交金额), counted for purchase and sale sectors respectively.
-- grain: year × span of months × region × sector — the monthly cells (month_from = month_to) and the figures
-- of longer spans (fact_trade_span), a sector's trade types added up here; and the figures of all sectors
-- together (fact_trade_total), sector_code null, with no direction and so no base of a rate.
create or replace view sector_cells_view as
with basis as (
    select coalesce(max(value) filter (where key = 'rate_basis'), 'reference') as rate_basis
    from app_setting
),
trades as (
    select year, month as month_from, month as month_to, * exclude (year, month) from fact_trade_monthly
    union all by name
    select * from fact_trade_span
    union all by name
    select *, null::varchar as sector_code, null::varchar as trade_type_code from fact_trade_total
),
sectors as (
    select year, month_from, month_to, region_code, sector_code, sum(projects)::integer as projects,
           sum(amount_wan)::decimal(18, 6) as amount_wan, sum(reference_wan)::decimal(18, 6) as reference_wan,
           whole_sum(savings_wan)::decimal(18, 6) as savings_wan, whole_sum(premium_wan)::decimal(18, 6) as premium_wan,
           sum(key_projects)::integer as key_projects, sum(key_amount_wan)::decimal(18, 6) as key_amount_wan,
           max(import_id) as import_id
    from trades
    group by all
)
select
    f.*,
    r.city_code,
    r.province_code,
    s.direction,
    case when s.direction = 'purchase'
         then case when b.rate_basis = 'amount' then f.amount_wan else f.reference_wan end
    end as savings_base_wan,
    case when s.direction = 'sale'
         then case when b.rate_basis = 'amount' then f.amount_wan else f.reference_wan end
    end as premium_base_wan
from sectors f
join dim_region r using (region_code)
left join dim_sector s using (sector_code)
cross join basis b;

-- The monthly cells. Pages read its copy, the table fact_cells, which db.derive rewrites with every change
-- of the data. grain: year × month × region × sector.
create or replace view fact_cells_view as
select year, month_from as month, * exclude (year, month_from, month_to)
from sector_cells_view
where month_from = month_to;

-- grain: as fact_cells_view, stored (db.derive): planning a query over the view's joins took most of a
-- page query's time (≈7 of 10 ms for a few thousand cells); over a table it takes a fraction.
create or replace table fact_cells as select * from fact_cells_view limit 0;

-- Whether every month a..b is in a mask of reported months (month m: bit m − 1; true for no month: b < a).
create or replace macro all_reported(mask, a, b) as
    ((mask::integer >> (a - 1)::integer) & ((1::integer << greatest(b - a + 1, 0)::integer) - 1))
        = (1::integer << greatest(b - a + 1, 0)::integer) - 1;

-- grain: year × span of months (more than one) × region × sector — the stored figures of quarters, 1–N月 累计
-- and years, with the monthly cells' columns beside them; stored by db.derive as fact_cells is.
create or replace table span_cells as select * from sector_cells_view where month_from < month_to limit 0;

-- The rule that answers a period from spans, worked out for every period of every year and region that has
-- span figures and whose months do not cover the period: the parts to add up (a stored span, or a month) with
-- their sign — the period as stored ('span'); stored spans and months that add up to it exactly, a stored
-- period_from..k plus the months k+1..period_to ('span_plus_months') or more than one span (two quarters:
-- 'spans'); a stored a..period_to less a..period_from−1, from its months when all are there, else stored
-- ('difference'); else one part with no source ('unknown'). grain: year × period × region × part.
-- split: the rule for a question of sectors (a sector, or the split by sector), which only figures by sector
-- answer; else for the total of all sectors, which figures of all sectors together answer too.
create or replace macro span_parts_of(split) as table
with recursive span_key as (
    select distinct year, region_code, month_from, month_to from span_cells where not split or sector_code is not null
),
chosen_key as (  -- a span chosen over its months at import (fact_trade_span.chosen): it answers for its period
    select distinct year, region_code, month_from, month_to from fact_trade_span where chosen
),
reported as (  -- the months each region reported, as bits
    select year, region_code, bit_or(1::integer << (month - 1)::integer) as mask
    from fact_cells where not split or sector_code is not null group by all
),
period as (
    select a.range::tinyint as period_from, b.range::tinyint as period_to
    from range(1, 13) a, range(1, 13) b where b.range >= a.range
),
open_period as (  -- a year and region with spans, and a period its months do not cover
    select r.year, r.region_code, p.period_from, p.period_to, coalesce(m.mask, 0) as mask
    from (select distinct year, region_code from span_cells) r cross join period p
    left join reported m using (year, region_code)
    where not all_reported(coalesce(m.mask, 0), p.period_from, p.period_to)
       or exists (from chosen_key c where c.year = r.year and c.region_code = r.region_code  -- and periods from
                  and c.month_from = p.period_from and c.month_to <= p.period_to)        -- a chosen span on
),
piece as (  -- what a sum can go on with at a month: a stored span from it, or the month where it was reported
    select year, region_code, month_from as pos, month_to as upto, true as stored from span_key
    union all
    select o.year, o.region_code, m.range, m.range, false
    from (select distinct year, region_code, mask from open_period) o, range(1, 13) m
    where all_reported(o.mask, m.range, m.range)
),
walk as (  -- the ways of adding up a period from its start, piece by piece (stored spans and months)
    select o.year, o.region_code, o.period_from, o.period_to, p.upto as reached, [[p.pos, p.upto]] as pieces,
           p.stored::integer as spans
    from open_period o join piece p on p.year = o.year and p.region_code = o.region_code and p.pos = o.period_from
                                   and p.upto <= o.period_to
    union all
    select w.year, w.region_code, w.period_from, w.period_to, p.upto, list_append(w.pieces, [p.pos, p.upto]),
           w.spans + p.stored::integer
    from walk w join piece p on p.year = w.year and p.region_code = w.region_code and p.pos = w.reached + 1
                            and p.upto <= w.period_to
),
tiled as (  -- a period that stored spans (and months) add up to exactly: the way of fewest pieces
    select year, region_code, period_from, period_to, arg_min(pieces, len(pieces)) as pieces,
           arg_min(spans, len(pieces)) as spans
    from walk where reached = period_to and spans > 0 group by all
),
way as (
    select o.year, o.region_code, o.period_from, o.period_to, any_value(o.mask) as mask,
           bool_or(k.month_from = o.period_from and k.month_to = o.period_to) as exact,
           max(k.month_from) filter (where k.month_to = o.period_to and k.month_from < o.period_from
                                       and (all_reported(o.mask, k.month_from, o.period_from - 1) or j.year is not null))
               as diff_from
    from open_period o
    left join span_key k using (year, region_code)
    left join span_key j on j.year = k.year and j.region_code = k.region_code and j.month_from = k.month_from
                        and j.month_to = o.period_from - 1
    group by all
),
chosen as (
    select w.*, t.pieces, diff_from is not null and all_reported(mask, diff_from, w.period_from - 1) as less_by_months,
           case when exact then 'span' when t.spans = 1 then 'span_plus_months' when t.spans > 1 then 'spans'
                when diff_from is not null then 'difference' else 'unknown' end as basis
    from way w left join tiled t using (year, region_code, period_from, period_to)
),
part as (
    select year, region_code, period_from, period_to, basis, period_from as source_from, period_to as source_to,
           1 as sign
    from chosen where basis = 'span'
    union all
    select year, region_code, period_from, period_to, basis, piece[1], piece[2], 1
    from chosen, unnest(pieces) t(piece) where basis in ('span_plus_months', 'spans')
    union all
    select year, region_code, period_from, period_to, basis, diff_from, period_to, 1
    from chosen where basis = 'difference'
    union all
    select year, region_code, period_from, period_to, basis, m.month, m.month, -1
    from chosen, unnest(range(diff_from, period_from)) m(month) where basis = 'difference' and less_by_months
    union all
    select year, region_code, period_from, period_to, basis, diff_from, period_from - 1, -1
    from chosen where basis = 'difference' and not less_by_months
    union all
    select year, region_code, period_from, period_to, basis, null, null, null
    from chosen where basis = 'unknown'
)
select split as for_split, p.year, p.period_from, p.period_to, p.region_code, r.city_code, r.province_code, p.basis,
       p.source_from::tinyint as source_from, p.source_to::tinyint as source_to, p.sign,
       exists (from chosen_key c where c.year = p.year and c.region_code = p.region_code
               and c.month_from = p.source_from and c.month_to = p.source_to) as chosen
from part p join dim_region r using (region_code);

-- period_rows reads it (db.derive stores it as span_parts).
create or replace view span_parts_view as
select * from span_parts_of(false) union all select * from span_parts_of(true);

create or replace table span_parts as select * from span_parts_view limit 0;

-- grain: year × span of months (one or more) × region × sector — the monthly cells and the spans' figures in
-- one table, which span_parts' sources name (db.derive).
create or replace table period_source as select * from sector_cells_view limit 0;

-- The value a project list is ordered by, largest first ($order: 'amount' | 'savings' | 'premium' | 'date').
create or replace macro project_order_value(order_key, amount_wan, savings_wan, premium_wan, deal_date) as
    case order_key
        when 'savings' then savings_wan
        when 'premium' then premium_wan
        when 'date' then epoch(deal_date)
        else amount_wan
    end;

-- grain: one row per order × month × region × sector × place — the first places of each cell's projects in
-- each order (ties by project_id), kept by db.derive. The first pages of any period's list are among the
-- first places of its cells, so they are read from here instead of sorting the whole project table.
create or replace table project_top as
select ''::varchar as order_key, 0::smallint as year, 0::tinyint as month, 0::integer as place, *
from fact_project limit 0;

-- grain: one row per month × region × sector with projects: how many (the count behind a project list).
create or replace table project_count as
select 0::smallint as year, 0::tinyint as month, region_code, sector_code, 0::bigint as projects
from fact_project limit 0;

-- 同比, 环比 and 占比 in percent, two decimals; no base (null or zero) or no current value gives null,
-- which the pages show as "—".
create or replace macro change_pct(cur, base) as
    case when cur is null or base is null or base = 0 then null
         else round(100.0 * (cur - base) / base, 2) end;

create or replace macro share_pct(part, whole) as
    case when part is null or whole is null or whole = 0 then null
         else round(100.0 * part / whole, 2) end;

-- A cell belongs to a region filter when the filter is its own code, its city's or its province's
-- (null: everything).
create or replace macro in_region(region, region_code, city_code, province_code) as
    region is null or region in (region_code, city_code, province_code);

-- The measures a page can choose, from the sums of a group of cells; the allow-list of $measure.
-- Rates are ratios of sums, never averages of per-cell rates.
create or replace macro measure_value(measure, projects, amount_wan, savings_wan, premium_wan, savings_base_wan,
                           premium_base_wan) as
    case measure
        when 'projects' then projects::double
        when 'amount_wan' then amount_wan::double
        when 'savings_wan' then savings_wan::double
        when 'premium_wan' then premium_wan::double
        when 'savings_rate_pct' then share_pct(savings_wan, savings_base_wan)
        when 'premium_rate_pct' then share_pct(premium_wan, premium_base_wan)
        else error('unknown measure ' || measure)
    end;

-- The sum of a rate's base over cells, null when one of them is a figure of all sectors together (no sector,
-- so no base): the rate of a period with such a figure is unknown, never the rate of its other part.
create or replace macro base_sum(base, sector_code) as
    case when bool_and(sector_code is not null) then sum(base) end;

-- 同比/环比 of a measure: percent change, or for a rate the change in percentage points.
create or replace macro measure_change(measure, cur, base) as
    case when ends_with(measure, '_pct')
         then round(cur - base, 2)
         else change_pct(cur, base) end;

-- The one rule that answers any period, for each region and year: the sum of its monthly cells — unless it has
-- figures of spans that year (span_cells) and its months do not cover the period; then a stored figure of
-- exactly the period ('span'); else a stored a..k plus the months k+1..b ('span_plus_months'); else a stored
-- c..b less c..a-1, stored or from its months ('difference'); else one row with no figures, known = false
-- ('unknown'): a sum over it is unknown, never a part shown as the whole. Worked out by db.derive for every
-- period a..b of every year (period_rows), so that a page's question reads a few rows instead of planning the
-- rule: the months of a region and sector added up (cells: how many; month: the period's when it is one), or
-- the parts of span_parts with their sign (a span's row has its span_from..span_to); basis says which way each
-- row came. A figure of all sectors together (sector_code null) answers for the total; for a sector, or for
-- the split by sector (for_split), it is a row with known = false ('unsplit'). chosen: the row is of a span
-- chosen at import over its months, which are all stored but add up to something else.
-- grain: for_split × year × period × region × sector × part.
create or replace view period_rows_view as
with period as (
    select a.range::tinyint as period_from, b.range::tinyint as period_to
    from range(1, 13) a, range(1, 13) b where b.range >= a.range
),
rows as (
    select s.for_split, p.period_from, p.period_to, c.year, c.region_code, c.sector_code,
           count(*)::integer as cells, sum(c.projects) as projects, sum(c.amount_wan) as amount_wan,
           sum(c.reference_wan) as reference_wan, whole_sum(c.savings_wan) as savings_wan,
           whole_sum(c.premium_wan) as premium_wan, sum(c.key_projects) as key_projects,
           sum(c.key_amount_wan) as key_amount_wan, c.city_code, c.province_code, c.direction,
           sum(c.savings_base_wan) as savings_base_wan, sum(c.premium_base_wan) as premium_base_wan,
           case when p.period_from = p.period_to then p.period_from end as month,
           null::tinyint as span_from, null::tinyint as span_to, 'months' as basis, true as known, false as chosen
    from fact_cells c
    join period p on c.month between p.period_from and p.period_to
    cross join (select unnest([false, true]) as for_split) s
    where not exists (from span_parts x where x.for_split = s.for_split and x.year = c.year
                      and x.region_code = c.region_code and x.period_from = p.period_from and x.period_to = p.period_to)
    group by s.for_split, p.period_from, p.period_to, c.year, c.region_code, c.sector_code, c.city_code,
             c.province_code, c.direction
    union all  -- a part with no source (basis unknown) is a row with no figures: known = false
    select p.for_split, p.period_from, p.period_to, p.year, p.region_code, c.sector_code, 1,
           p.sign * c.projects, p.sign * c.amount_wan, p.sign * c.reference_wan, p.sign * c.savings_wan,
           p.sign * c.premium_wan, p.sign * c.key_projects, p.sign * c.key_amount_wan, p.city_code, p.province_code,
           c.direction, p.sign * c.savings_base_wan, p.sign * c.premium_base_wan,
           case when c.month_from = c.month_to then c.month_from end,
           case when c.month_from < c.month_to then c.month_from end,
           case when c.month_from < c.month_to then c.month_to end, p.basis, p.basis <> 'unknown', p.chosen
    from span_parts p left join period_source c on c.year = p.year and c.region_code = p.region_code
                                               and c.month_from = p.source_from and c.month_to = p.source_to
)
select for_split, period_from, period_to, year, month, region_code, sector_code, cells, projects, amount_wan,
       reference_wan, savings_wan, premium_wan, key_projects, key_amount_wan, city_code, province_code, direction,
       savings_base_wan, premium_base_wan, span_from, span_to,
       case when sector_code is null and known and for_split then 'unsplit' else basis end as basis,
       known and not (sector_code is null and for_split) as known, chosen
from rows;

create or replace table period_rows as select * from period_rows_view limit 0;

-- period_rows of a region (its own code, its city's or province's; null: everything) and a sector (null: every
-- sector) for every period: the rows of the question of a sector, or of the split by sector (split), or of
-- the total; a row that cannot be known stays, so that a sum over it is unknown.
create or replace macro period_rows_of(region, sector, split := false) as table
select * exclude (for_split) from period_rows
where for_split = (split or sector is not null)
  and in_region(region, region_code, city_code, province_code)
  and (sector is null or sector_code = sector or not known or sector_code is null);

-- The rows of a region over months m_from..m_to of a year and of the year before: the input of every question
-- that compares a period with the same months a year earlier (period_rows: the rule). cells: the monthly
-- cells a row adds up (1 for a span's); count(*) counts rows, not cells.
create or replace macro period_cells(p_year, m_from, m_to, region, sector, split := false) as table
select * exclude (period_from, period_to) from period_rows_of(region, sector, split := split)
where year in (p_year, p_year - 1) and period_from = m_from and period_to = m_to;

-- grain: one row per tender of the imported project lists (issue 17) — a completed trade of fact_project
-- (outcome 'done') or a failed or stopped one of fact_tender_failed — dated by its deal (or by its 开标/终止
-- date), with its region's city and province, the base of its 节资率 (as rate_basis says), its cycle in days
-- (公告发布 or else 受理 → 成交), and its winner: keyed by 统一社会信用代码 where given, else by the exact name,
-- and whether it is of the home city (winner_local) and province (winner_in_province), null when unknown.
create or replace view market_tender as
with setting as (
    select coalesce(max(value) filter (where key = 'rate_basis'), 'reference') as rate_basis,
           max(value) filter (where key = 'home_region') as home
    from app_setting
)
select p.project_id, p.project_name, p.sector_code, p.region_code, r.city_code, r.province_code,
       year(p.deal_date) as year, month(p.deal_date) as month, p.deal_date as day, 'done' as outcome,
       coalesce(p.outcome_known, false) as outcome_known, p.method, p.eval_method, p.bidders, p.amount_wan,
       p.savings_wan, p.premium_wan,
       case when d.direction = 'purchase'
            then case when b.rate_basis = 'amount' then p.amount_wan
                      else coalesce(p.reference_wan, p.amount_wan + p.savings_wan) end end as savings_base_wan,
       datediff('day', coalesce(p.announce_date, p.accept_date), p.deal_date) as cycle_days,
       p.winner, p.winner_credit_code, coalesce(p.winner_credit_code, p.winner) as winner_key,
       p.winner_region_code, left(p.winner_region_code, 4) = left(b.home, 4) as winner_local,
       left(p.winner_region_code, 2) = left(b.home, 2) as winner_in_province,
       p.agency, p.funding, p.industry
from fact_project p
join dim_region r using (region_code)
join dim_sector d using (sector_code)
cross join setting b
union all
select f.project_id, f.project_name, f.sector_code, f.region_code, r.city_code, r.province_code,
       year(f.failed_date), month(f.failed_date), f.failed_date, f.outcome, true, f.method, f.eval_method, f.bidders,
       null, null, null, null, null, null, null, null, null, null, null, f.agency, f.funding, f.industry
from fact_tender_failed f
join dim_region r using (region_code);

-- The tenders of a region and sector over months m_from..m_to of a year and of the year before.
-- (The date range lets the scans skip the row groups of other months: the tables are stored by date.)
create or replace macro period_tenders(p_year, m_from, m_to, region, sector) as table
    select *
    from market_tender
    where day >= make_date(p_year - 1, m_from, 1) and day < make_date(p_year, m_to, 1) + interval 1 month
      and year in (p_year, p_year - 1)
      and month between m_from and m_to
      and in_region(region, region_code, city_code, province_code)
      and (sector is null or sector_code = sector);

-- The deal-size band of an amount in 万元 (<100万, 100–400万, 400万–1000万, 1000万–1亿, ≥1亿), as its order.
create or replace macro deal_band(amount_wan) as
    case when amount_wan < 100 then 1 when amount_wan < 400 then 2 when amount_wan < 1000 then 3
         when amount_wan < 10000 then 4 else 5 end;

-- The tenders of market_tender dated in [d_from, d_to), summed per cell, for the stored tables below (kept by
-- db.derive, like project_top): the pages of 交易效率与竞争 and 市场主体 read these, not the project tables.
-- grain: year × month × region × sector × 交易方式 × deal-size band (null: a failed or stopped tender).
create or replace macro tender_cells_between(d_from, d_to) as table
    select year, month, region_code, city_code, province_code, sector_code, coalesce(method, '未填') as method,
           case when outcome = 'done' then deal_band(amount_wan) end as band,
           count(*) as tenders, count(*) filter (where outcome <> 'done') as failed,
           count(*) filter (where outcome_known) as known,
           coalesce(sum(bidders), 0)::bigint as bidders_sum, count(bidders) as bidders_n,
           count(*) filter (where outcome = 'done') as projects,
           coalesce(sum(amount_wan), 0)::decimal(38, 6) as amount_wan,
           sum(savings_wan) filter (where savings_base_wan is not null)::decimal(38, 6) as savings_wan,
           sum(savings_base_wan)::decimal(38, 6) as savings_base_wan,
           count(cycle_days) as cycles_n,
           count(winner_local) as placed_n, count(*) filter (where winner_local) as local_n,
           count(*) filter (where winner_in_province) as province_n,
           sum(amount_wan) filter (where winner_local is not null)::decimal(38, 6) as placed_amount_wan,
           sum(amount_wan) filter (where winner_local)::decimal(38, 6) as local_amount_wan,
           sum(amount_wan) filter (where winner_in_province)::decimal(38, 6) as province_amount_wan
    from market_tender
    where day >= d_from and day < d_to
    group by all;

-- grain: year × month × region × sector × 交易方式 × band × cycle in days — how many completed trades took it.
create or replace macro tender_cycles_between(d_from, d_to) as table
    select year, month, region_code, city_code, province_code, sector_code, coalesce(method, '未填') as method,
           deal_band(amount_wan) as band, cycle_days, count(*) as n
    from market_tender
    where day >= d_from and day < d_to and cycle_days is not null
    group by all;

-- grain: year × month × region × sector × number of bidders (10: 10 or more) — tenders and the failed ones.
create or replace macro tender_bidders_between(d_from, d_to) as table
    select year, month, region_code, city_code, province_code, sector_code, least(bidders, 10) as bidders,
           count(*) as tenders, count(*) filter (where outcome <> 'done') as failed
    from market_tender
    where day >= d_from and day < d_to and bidders is not null
    group by all;

-- grain: party kind ('winner' | 'agency') × year × month × region × sector × party (a winner's key, an
-- agency's name) — its completed trades, amount and savings, its latest name, credit code and place.
create or replace macro party_cells_between(d_from, d_to) as table
    select who, year, month, region_code, city_code, province_code, sector_code, party,
           count(*) as projects, sum(amount_wan)::decimal(38, 6) as amount_wan,
           sum(savings_wan) filter (where savings_base_wan is not null)::decimal(38, 6) as savings_wan,
           sum(savings_base_wan)::decimal(38, 6) as savings_base_wan,
           max(day) as last_day, arg_max(name, day) as name, max(credit_code) as credit_code, bool_or(local) as local
    from (select 'winner' as who, *, winner_key as party, winner as name, winner_credit_code as credit_code,
                 winner_local as local
          from market_tender where outcome = 'done' and winner_key is not null
          union all
          select 'agency', *, agency, agency, null, null
          from market_tender where outcome = 'done' and agency is not null)
    where day >= d_from and day < d_to
    group by all;

-- grain: party kind × year × month × party × 交易方式 — for a party's profile by method.
create or replace macro party_methods_between(d_from, d_to) as table
    select who, year, month, party, coalesce(method, '未填') as method, count(*) as projects,
           sum(amount_wan)::decimal(38, 6) as amount_wan,
           sum(savings_wan) filter (where savings_base_wan is not null)::decimal(38, 6) as savings_wan,
           sum(savings_base_wan)::decimal(38, 6) as savings_base_wan
    from (select 'winner' as who, *, winner_key as party from market_tender
          where outcome = 'done' and winner_key is not null
          union all
          select 'agency', *, agency from market_tender where outcome = 'done' and agency is not null)
    where day >= d_from and day < d_to
    group by all;

create or replace table tender_cell as select * from tender_cells_between(date '0001-01-01', date '0001-01-01');
create or replace table tender_cycle as select * from tender_cycles_between(date '0001-01-01', date '0001-01-01');
create or replace table tender_bidders as select * from tender_bidders_between(date '0001-01-01', date '0001-01-01');
create or replace table party_cell as select * from party_cells_between(date '0001-01-01', date '0001-01-01');
create or replace table party_method as select * from party_methods_between(date '0001-01-01', date '0001-01-01');

-- party_cell added up per region filter a page may set (issue 17 item 7: a city's period reads one row per
-- party, sector and month, not one per county of it): grain who × scope (a region's code, its city's and its
-- province's: in_region's three) × year × month × sector × party. Stored by scope, so a page's filter skips
-- the other scopes' row groups. Kept by db.derive after party_cell, from it.
create or replace macro party_scopes_between(d_from, d_to) as table
    select who, scope, province_code, year, month, sector_code, party,
           sum(projects)::bigint as projects, sum(amount_wan)::decimal(38, 6) as amount_wan,
           max(last_day) as last_day, arg_max(name, last_day) as name, max(credit_code) as credit_code,
           bool_or(local) as local
    from (select *, unnest(list_distinct([region_code, city_code, province_code])) as scope from party_cell)
    where make_date(year, month, 1) >= d_from and make_date(year, month, 1) < d_to
    group by all;

create or replace table party_scope as select * from party_scopes_between(date '0001-01-01', date '0001-01-01');

-- tender_cycle added up per region filter, as party_scope is party_cell's (its counties' histograms, summed
-- per city and province too): grain scope × year × month × sector × 交易方式 × band × cycle in days. Stored by
-- scope. The questions by county (market_by_dimension by region) read tender_cycle itself.
create or replace macro tender_cycle_scopes_between(d_from, d_to) as table
    select scope, province_code, year, month, sector_code, method, band, cycle_days, sum(n)::bigint as n
    from (select *, unnest(list_distinct([region_code, city_code, province_code])) as scope from tender_cycle)
    where make_date(year, month, 1) >= d_from and make_date(year, month, 1) < d_to
    group by all;

create or replace table tender_cycle_scope as
select * from tender_cycle_scopes_between(date '0001-01-01', date '0001-01-01');

-- grain: one row per party kind × party — the first month (year × 12 + month) it completed a trade in, in all
-- the data (whichever region or sector): whether a period's winner is new. Rewritten whole by db.derive.
create or replace table party_first as
select who, party, min(year * 12 + month) as first_month from party_cell group by all limit 0;

-- A row of party_scope or tender_cycle_scope belongs to a period (the months m_from..m_to of p_year and the year before), a region
-- filter (null: all, the sum of the provinces' rows) and a sector.
create or replace macro in_period_scope(year, month, scope, province_code, sector_code, p_year, m_from, m_to,
                                        region, sector) as
    year in (p_year, p_year - 1) and month between m_from and m_to
    and (scope = region or region is null and scope = province_code) and (sector is null or sector_code = sector);

-- A stored cell of the sums above belongs to a period (the months m_from..m_to of p_year and the year before),
-- a region and a sector.
create or replace macro in_period_cell(year, month, region_code, city_code, province_code, sector_code,
                                       p_year, m_from, m_to, region, sector) as
    year in (p_year, p_year - 1) and month between m_from and m_to
    and in_region(region, region_code, city_code, province_code) and (sector is null or sector_code = sector);

-- quantile_cont(v, q) of the values a histogram (v, n) holds: the value at place (N − 1) × q, between
-- neighbours interpolated (lo, hi: the values at the places around it; h: the place).
create or replace macro histogram_quantile(lo, hi, h) as lo + (h - floor(h)) * (hi - lo);
