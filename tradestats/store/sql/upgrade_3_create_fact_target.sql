-- Upgrade step 3: the annual targets.
create table fact_target (
    year        smallint not null,
    region_code varchar not null references dim_region (region_code),
    sector_code varchar not null default '',
    measure     varchar not null check (measure in ('projects', 'amount_wan', 'savings_wan', 'premium_wan')),
    target      decimal(18, 6) not null check (target > 0),
    import_id   integer not null default 0,
    primary key (year, region_code, sector_code, measure))
