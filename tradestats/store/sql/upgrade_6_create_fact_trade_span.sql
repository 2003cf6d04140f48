-- Upgrade step 6: figures of a span of months (a quarter, a 1–N月 累计, a year) as files give them.
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
    primary key (year, month_from, month_to, region_code, trade_type_code))
