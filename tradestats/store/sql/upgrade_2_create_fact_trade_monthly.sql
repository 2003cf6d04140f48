-- Upgrade step 2: the monthly cells keyed by trade type (the old table renamed fact_trade_monthly_v1).
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
    import_id      integer not null default 0,
    primary key (year, month, region_code, trade_type_code))
