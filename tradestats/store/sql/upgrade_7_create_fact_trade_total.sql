-- Upgrade step 7: figures of all sectors together, of a month or a span, where a file has no sector split.
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
    primary key (year, month_from, month_to, region_code))
