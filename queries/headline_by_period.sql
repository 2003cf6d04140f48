-- grain: one row — a region's headline figures over months $month_from..$month_to of $year, each beside
--        the same months of the year before and its 同比; how they were reached (period_cells' basis, or
--        'mixed') and the regions whose figures cannot be known for the period (then the sums are null);
--        unsplit: some figure is of all sectors together (fact_trade_total), so the rates are unknown;
--        unsplit_regions: for a sector, the regions that have only such figures (so the sector's is unknown).
-- params: $year $month_from $month_to $region (null: everything) $sector (null: every sector)
with sums as (
    select
        year,
        sum(cells)::bigint as cells,
        bool_and(known) as known,
        sum(projects) as projects,
        sum(amount_wan) as amount_wan,
        whole_sum(savings_wan) as savings_wan,
        whole_sum(premium_wan) as premium_wan,
        sum(key_projects) as key_projects,
        sum(key_amount_wan) as key_amount_wan,
        base_sum(savings_base_wan, sector_code) as savings_base_wan,
        base_sum(premium_base_wan, sector_code) as premium_base_wan,
        min(basis) as basis,
        max(basis) as basis_max,
        -- list() and list_distinct after: a distinct aggregate splits the plan into a fan-out (~4 ms a call)
        list(region_code) filter (where not known and basis <> 'unsplit') as unknown_regions,
        list(region_code) filter (where basis = 'unsplit') as unsplit_regions,
        list([span_from, span_to]) filter (where span_from is not null) as spans,
        bool_or(known and sector_code is null) as unsplit,
        bool_or(chosen) as chosen
    from period_cells($year, $month_from, $month_to, $region, $sector)
    group by year
),

totals as (  -- a figure that cannot be known for the period has none: never a part shown as the whole
    select
        year, cells, known,
        case when known then projects end as projects,
        case when known then amount_wan end as amount_wan,
        case when known then savings_wan end as savings_wan,
        case when known then premium_wan end as premium_wan,
        case when known then key_projects end as key_projects,
        case when known then key_amount_wan end as key_amount_wan,
        case when known then savings_base_wan end as savings_base_wan,
        case when known then premium_base_wan end as premium_base_wan,
        case when not known then 'unknown' when basis = basis_max then basis else 'mixed' end as basis,
        list_sort(list_distinct(unknown_regions)) as unknown_regions,
        list_sort(list_distinct(unsplit_regions)) as unsplit_regions,
        list_sort(list_distinct(spans)) as spans,
        unsplit, chosen
    from sums
),

cur as (select * from totals where year = $year),
prev as (select * from totals where year = $year - 1)

select
    coalesce(cur.cells, 0) as cells,
    cur.projects,
    change_pct(cur.projects, prev.projects) as projects_yoy_pct,
    cur.amount_wan,
    change_pct(cur.amount_wan, prev.amount_wan) as amount_yoy_pct,
    cur.savings_wan,
    change_pct(cur.savings_wan, prev.savings_wan) as savings_yoy_pct,
    cur.premium_wan,
    change_pct(cur.premium_wan, prev.premium_wan) as premium_yoy_pct,
    cur.key_projects,
    cur.key_amount_wan,
    share_pct(cur.savings_wan, cur.savings_base_wan) as savings_rate_pct,
    share_pct(cur.premium_wan, cur.premium_base_wan) as premium_rate_pct,
    prev.projects as projects_prev,
    prev.amount_wan as amount_prev_wan,
    coalesce(cur.basis, 'months') as basis,
    coalesce(prev.basis, 'months') as basis_prev,
    cur.unknown_regions,
    cur.spans,
    prev.spans as spans_prev,
    prev.unknown_regions as unknown_regions_prev,
    coalesce(cur.unsplit, false) as unsplit,
    cur.unsplit_regions,
    coalesce(cur.chosen, false) as chosen,
    coalesce(prev.chosen, false) as chosen_prev
from (select 1) as one
left join cur on true
left join prev on true
