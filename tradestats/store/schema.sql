-- The database's stored tables: reference tables (dim_*), the monthly fact cells and project records
-- (fact_*), settings and the import log — what an upgrade must carry over (tradestats/store/migrations.py turns an
-- older release's tables into these). Views, macros and the derived tables are in derived.sql, made anew
-- on every build and upgrade. Money is DECIMAL 万元; six decimals keep project-level 元 and 分 exact when
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
-- A sector's trade types (交易类型) as centers publish them (土地使用权 and 探矿权 under 自然资源 …), from
-- trade_types.csv; each sector also has its whole-sector type (code and name the sector's own), which
-- the cells of a file that reports sectors only carry.
create table dim_trade_type (
    trade_type_code varchar primary key,
    trade_type_name varchar not null,
    sector_code     varchar not null references dim_sector (sector_code),
    sort_order      integer not null
);

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

-- grain: one row per year × month × region × trade type; a sector's figures are the sum of its types.
-- A region is either a county-level unit of a city that reports by county, or a city that reports only
-- its total; never both for one city. sector_code is the type's sector when the cell was written.
create table fact_trade_monthly (
    year           smallint not null,
    month          tinyint not null check (month between 1 and 12),
    region_code    varchar not null references dim_region (region_code),
    sector_code    varchar not null references dim_sector (sector_code),
    trade_type_code varchar not null references dim_trade_type (trade_type_code),
    projects       integer not null check (projects >= 0),
    amount_wan     decimal(18, 6) not null check (amount_wan >= 0),
    reference_wan  decimal(18, 6),
    savings_wan    decimal(18, 6) not null default 0,
    premium_wan    decimal(18, 6) not null default 0,
    key_projects   integer not null default 0 check (key_projects between 0 and projects),
    key_amount_wan decimal(18, 6) not null default 0,
    import_id      integer not null default 0,  -- the import that wrote the cell; 0: built from data/
    primary key (year, month, region_code, trade_type_code)
);

-- grain: one row per year × span of months (month_from..month_to, more than one month) × region × trade type —
-- a figure a file gives for a quarter, a 1–N月 累计 or a year, stored as it is: never spread over months, never
-- in place of a monthly cell (the months, where all of a span's are there, answer for it: derived.sql's
-- period_cells).
create table fact_trade_span (
    year            smallint not null,
    month_from      tinyint not null check (month_from between 1 and 12),
    month_to        tinyint not null check (month_to between 1 and 12 and month_to > month_from),
    region_code     varchar not null references dim_region (region_code),
    sector_code     varchar not null references dim_sector (sector_code),
    trade_type_code varchar not null references dim_trade_type (trade_type_code),
    projects        integer not null check (projects >= 0),
    amount_wan      decimal(18, 6) not null check (amount_wan >= 0),
    reference_wan   decimal(18, 6),
    savings_wan     decimal(18, 6) not null default 0,
    premium_wan     decimal(18, 6) not null default 0,
    key_projects    integer not null default 0 check (key_projects between 0 and projects),
    key_amount_wan  decimal(18, 6) not null default 0,
    import_id       integer not null default 0,
    chosen          boolean not null default false,  -- answers for its period though its months are all stored
    primary key (year, month_from, month_to, region_code, trade_type_code)
);

-- grain: one row per year × span of months (month_from..month_to: one month or more) × region — the figures of
-- all sectors together, as a file gives them when it has no sector or trade type column, or only its 合计:
-- stored as such, never guessed into sectors. A span and region has either these or sector cells, never both
-- (an import keeps it so); a page asking for a sector, or for the split, finds the period unknown.
create table fact_trade_total (
    year            smallint not null,
    month_from      tinyint not null check (month_from between 1 and 12),
    month_to        tinyint not null check (month_to between 1 and 12 and month_to >= month_from),
    region_code     varchar not null references dim_region (region_code),
    projects        integer not null check (projects >= 0),
    amount_wan      decimal(18, 6) not null check (amount_wan >= 0),
    reference_wan   decimal(18, 6),
    savings_wan     decimal(18, 6),  -- null: the file does not say
    premium_wan     decimal(18, 6),
    key_projects    integer not null default 0 check (key_projects between 0 and projects),
    key_amount_wan  decimal(18, 6) not null default 0,
    import_id       integer not null default 0,
    primary key (year, month_from, month_to, region_code)
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
    import_id       integer not null default 0,
    -- optional fields of the project list (schema 5; NULL where the file had no such column)
    eval_method        varchar,  -- 评标办法
    bidders            integer,  -- 投标人数 / 竞买人数 (>= 0: checked by the import; ALTER cannot add a CHECK)
    announce_date      date,  -- 公告发布日期
    accept_date        date,  -- 受理日期
    open_date          date,  -- 开标日期
    winner             varchar,  -- 中标人 / 受让人
    winner_credit_code varchar,  -- its 统一社会信用代码
    winner_region      varchar,  -- 中标人所在地区 as the file wrote it
    winner_region_code varchar,  -- that place's GB/T 2260 code, else where the credit code was registered
    agency             varchar,  -- 招标代理机构
    funding            varchar,  -- 资金来源
    industry           varchar,  -- 项目类型 / 行业
    outcome_known      boolean  -- the file said whether trades failed (是否流标/终止): its failed ones are known
);

-- grain: one row per failed or stopped trade (流标/终止) of a project list — a tender that opened (or was
-- stopped) with no deal: dated by its 开标日期 or 终止日期; counted in 流标率, never in 宗数 or 交易额.
create table fact_tender_failed (
    project_id      varchar not null,
    project_name    varchar not null,
    sector_code     varchar not null,
    region_code     varchar not null,
    failed_date     date not null,
    outcome         varchar not null check (outcome in ('failed', 'stopped')),
    reference_wan   decimal(18, 6),
    method          varchar,
    eval_method     varchar,
    bidders         integer check (bidders >= 0),
    announce_date   date,
    accept_date     date,
    open_date       date,
    stop_date       date,
    agency          varchar,
    funding         varchar,
    industry        varchar,
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

-- grain: one row per year × region × sector × measure — the annual targets leadership sets (目标), for the
-- city or a county, for all sectors (sector_code '') or one; 完成率 is the 1–N月 累计 against them.
create table fact_target (
    year        smallint not null,
    region_code varchar not null references dim_region (region_code),
    sector_code varchar not null default '',  -- '': all sectors
    measure     varchar not null check (measure in ('projects', 'amount_wan', 'savings_wan', 'premium_wan')),
    target      decimal(18, 6) not null check (target > 0),
    import_id   integer not null default 0,
    primary key (year, region_code, sector_code, measure)
);

-- grain: one row per 预警 (alert): a rule of alerts.toml that fired for a month's data, found by the evaluation
-- after an import or on demand (tradestats alerts). The same condition found again is the same alert (alert_key);
-- acknowledging, closing and rollbacks change its status, never delete it. import_id and import_at name the import
-- whose evaluation raised it (0 and null: a build or an evaluation on demand), so that a rollback of that import
-- is noticed even when a later import takes its number again.
create table alert (
    alert_id        integer primary key,
    alert_key       varchar not null,  -- rule|year-month|region|sector|measure
    rule            varchar not null,
    level           varchar not null check (level in ('red', 'yellow')),
    year            smallint not null,
    month           tinyint not null check (month between 1 and 12),
    region_code     varchar not null,
    sector_code     varchar,  -- null: all sectors
    measure         varchar,
    message         varchar not null,
    figures         varchar not null,  -- JSON: the values and the threshold that triggered it
    link            varchar not null,  -- the page and filters that show it: /regions?year=2024&month=6&…
    status          varchar not null check (status in ('open', 'acknowledged', 'closed')),
    raised_at       timestamp not null,
    import_id       integer not null default 0,
    import_at       timestamp,
    acknowledged_by varchar,
    acknowledged_at timestamp,
    note            varchar,
    closed_at       timestamp,
    closed_by       varchar,
    close_reason    varchar,
    rolled_back     boolean not null default false  -- its import was rolled back
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
    months          varchar not null,  -- the months touched: 2024-03, 2024-04
    note            varchar            -- a choice the person made (报表数优先 …)
);

