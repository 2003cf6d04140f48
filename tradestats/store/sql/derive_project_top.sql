-- grain: one row per order (amount, savings, premium, date: derive.ORDERS, numbered 0–3 in that order), cell
--        and place up to top_places: the project there (project_top). In each order a list (cell * 4 + the
--        order's number) takes the projects above the cell's bound, then of those tied with it the ones with
--        the smallest project_ids; ranked, then fetched whole by rowid.
-- placeholders: top_places derive.TOP_PLACES; order_by empty (an import appends its months as they
--               come), or derive.TOP_ORDER (a whole derive stores the rows by order, cell and place)
insert into project_top
with ranked as (
    select o, rid, year, month,
           row_number() over (partition by list order by v desc, project_id)::integer as place
    from ((
        with first_tied as (
            select cell, unnest(ids) as project_id
            from (select cell, min(project_id, {top_places}) as ids
                  from derive_reached where tied_amount group by cell))
        select 0 as o, cell * 4 + 0 as list, rid, year, month, project_id, v_amount as v
        from derive_reached where above_amount
        union all
        select 0, cell * 4 + 0, rid, year, month, project_id, v_amount
        from derive_reached semi join first_tied using (cell, project_id) where tied_amount) union all (
        with first_tied as (
            select cell, unnest(ids) as project_id
            from (select cell, min(project_id, {top_places}) as ids
                  from derive_reached where tied_savings group by cell))
        select 1 as o, cell * 4 + 1 as list, rid, year, month, project_id, v_savings as v
        from derive_reached where above_savings
        union all
        select 1, cell * 4 + 1, rid, year, month, project_id, v_savings
        from derive_reached semi join first_tied using (cell, project_id) where tied_savings) union all (
        with first_tied as (
            select cell, unnest(ids) as project_id
            from (select cell, min(project_id, {top_places}) as ids
                  from derive_reached where tied_premium group by cell))
        select 2 as o, cell * 4 + 2 as list, rid, year, month, project_id, v_premium as v
        from derive_reached where above_premium
        union all
        select 2, cell * 4 + 2, rid, year, month, project_id, v_premium
        from derive_reached semi join first_tied using (cell, project_id) where tied_premium) union all (
        with first_tied as (
            select cell, unnest(ids) as project_id
            from (select cell, min(project_id, {top_places}) as ids
                  from derive_reached where tied_date group by cell))
        select 3 as o, cell * 4 + 3 as list, rid, year, month, project_id, v_date as v
        from derive_reached where above_date
        union all
        select 3, cell * 4 + 3, rid, year, month, project_id, v_date
        from derive_reached semi join first_tied using (cell, project_id) where tied_date))
    qualify place <= {top_places})
select case r.o when 0 then 'amount' when 1 then 'savings' when 2 then 'premium' when 3 then 'date' end as order_key,
       r.year, r.month, r.place, p.*
from ranked r join fact_project p on p.rowid = r.rid
{order_by}
