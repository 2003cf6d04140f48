-- Upgrade step 2: the 交易类型 under the sectors.
create table dim_trade_type (
    trade_type_code varchar primary key,
    trade_type_name varchar not null,
    sector_code     varchar not null references dim_sector (sector_code),
    sort_order      integer not null)
