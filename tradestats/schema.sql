-- The database: reference tables (dim_*), the monthly fact cells (fact_*), settings and the shared
-- formulas as macros. Money is DECIMAL 万元; six decimals keep project-level 元 and 分 exact when
-- project records roll up into the cells.

create table dim_sector (
    sector_code varchar primary key,
    sector_name varchar not null,
    direction   varchar not null check (direction in ('purchase', 'sale', 'either')),
    color       varchar not null,
    sort_order  integer not null
);

-- city_code and province_code are derived from parent_code on load, so that a cell of any level
-- rolls up to its 市州 and province without a recursive query.
create table dim_region (
    region_code   varchar primary key,
    region_name   varchar not null,
    short_name    varchar not null,
    level         varchar not null check (level in ('province', 'city', 'county', 'pseudo')),
    parent_code   varchar,
    city_code     varchar,
    province_code varchar,
    sort_order    integer not null
);

create table app_setting (
    key   varchar primary key,
    value varchar not null
);

-- grain: one row per year × month × region × sector. A region is either a county-level unit of a
-- city that reports by county, or a city that reports only its total; never both for one city.
create table fact_trade_monthly (
    year           smallint not null,
    month          tinyint not null check (month between 1 and 12),
    region_code    varchar not null references dim_region (region_code),
    sector_code    varchar not null references dim_sector (sector_code),
    projects       integer not null check (projects >= 0),
    amount_wan     decimal(18, 6) not null check (amount_wan >= 0),
    reference_wan  decimal(18, 6),
    savings_wan    decimal(18, 6) not null default 0,
    premium_wan    decimal(18, 6) not null default 0,
    key_projects   integer not null default 0 check (key_projects between 0 and projects),
    key_amount_wan decimal(18, 6) not null default 0,
    import_id      integer not null default 0,  -- the import that wrote the cell; 0: built from data/
    primary key (year, month, region_code, sector_code)
);

-- grain: one row per completed trade (项目明细). Its months, regions and sectors roll up into
-- fact_trade_monthly when it is imported, so every page reads the cells and never this table.
-- No key constraints: keeping a primary key and two foreign keys up to date took 3.7 of the 4.3 s of writing
-- a million-row list. Every writer ensures them instead: an import refuses a repeated project_id and
-- unknown regions and sectors and replaces stored projects by id; generate numbers its rows.
create table fact_project (
    project_id      varchar not null,
    project_name    varchar not null,
    sector_code     varchar not null,
    region_code     varchar not null,
    deal_date       date not null,
    reference_wan   decimal(18, 6),
    amount_wan      decimal(18, 6) not null,
    savings_wan     decimal(18, 6) not null default 0,
    premium_wan     decimal(18, 6) not null default 0,
    method          varchar,
    is_key_industry boolean not null default false,
    import_id       integer not null default 0
);

-- grain: one row per year × region × indicator — the center's own performance indicators (绩效指标) and
-- its budget execution, as its reports publish them. An indicator a report does not give is absent.
create table fact_indicator (
    year       smallint not null,
    region_code varchar not null references dim_region (region_code),
    category   varchar not null,
    indicator  varchar not null,
    value      decimal(18, 4) not null,
    unit       varchar not null,
    quote      varchar,  -- the report's words the value comes from
    sort_order integer not null,
    primary key (year, region_code, category, indicator)
);

-- grain: one row per import that changed the data, in the order they were made.
create table import_log (
    import_id       integer primary key,
    imported_at     timestamp not null,
    imported_by     varchar not null,
    kind            varchar not null,
    file_name       varchar not null,
    sha256          varchar not null,
    rows_read       integer not null,
    cells_added     integer not null,
    cells_changed   integer not null,
    cells_unchanged integer not null,
    months          varchar not null  -- the months touched: 2024-03, 2024-04
);

-- The cells with what every question needs beside them: the city and province they roll up to, the
-- sector's direction, and the base of 节资率 / 增值率 as the rate_basis setting defines it
-- ('reference': 预算/底价; 'amount': 成交金额), counted for purchase and sale sectors respectively.
-- Pages read its copy, the table fact_cells, which db.derive rewrites with every change of the data.
create view fact_cells_view as
with basis as (
    select coalesce(max(value) filter (where key = 'rate_basis'), 'reference') as rate_basis
    from app_setting
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
from fact_trade_monthly f
join dim_region r using (region_code)
join dim_sector s using (sector_code)
cross join basis b;

-- grain: as fact_cells_view, stored (db.derive): planning a query over the view's joins took most of a
-- page query's time (≈7 of 10 ms for a few thousand cells); over a table it takes a fraction.
create table fact_cells as select * from fact_cells_view limit 0;

-- The value a project list is ordered by, largest first ($order: 'amount' | 'savings' | 'premium' | 'date').
create macro project_order_value(order_key, amount_wan, savings_wan, premium_wan, deal_date) as
    case order_key
        when 'savings' then savings_wan
        when 'premium' then premium_wan
        when 'date' then epoch(deal_date)
        else amount_wan
    end;

-- grain: one row per order × month × region × sector × place — the first places of each cell's projects in
-- each order (ties by project_id), kept by db.derive. The first pages of any period's list are among the
-- first places of its cells, so they are read from here instead of sorting the whole project table.
create table project_top as
select ''::varchar as order_key, 0::smallint as year, 0::tinyint as month, 0::integer as place, *
from fact_project limit 0;

-- grain: one row per month × region × sector with projects: how many (the count behind a project list).
create table project_count as
select 0::smallint as year, 0::tinyint as month, region_code, sector_code, 0::bigint as projects
from fact_project limit 0;

-- 同比, 环比 and 占比 in percent, two decimals; no base (null or zero) or no current value gives null,
-- which the pages show as "—".
create macro change_pct(cur, base) as
    case when cur is null or base is null or base = 0 then null
         else round(100.0 * (cur - base) / base, 2) end;

create macro share_pct(part, whole) as
    case when part is null or whole is null or whole = 0 then null
         else round(100.0 * part / whole, 2) end;

-- A cell belongs to a region filter when the filter is its own code, its city's or its province's
-- (null: everything).
create macro in_region(region, region_code, city_code, province_code) as
    region is null or region in (region_code, city_code, province_code);

-- The measures a page can choose, from the sums of a group of cells; the allow-list of $measure.
-- Rates are ratios of sums, never averages of per-cell rates.
create macro measure_value(measure, projects, amount_wan, savings_wan, premium_wan, savings_base_wan,
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

-- 同比/环比 of a measure: percent change, or for a rate the change in percentage points.
create macro measure_change(measure, cur, base) as
    case when ends_with(measure, '_pct')
         then round(cur - base, 2)
         else change_pct(cur, base) end;

-- The cells of a region over months m_from..m_to of a year and of the year before: the input of every
-- question that compares a period with the same months a year earlier.
create macro period_cells(p_year, m_from, m_to, region, sector) as table
    select *
    from fact_cells
    where year in (p_year, p_year - 1)
      and month between m_from and m_to
      and in_region(region, region_code, city_code, province_code)
      and (sector is null or sector_code = sector);
