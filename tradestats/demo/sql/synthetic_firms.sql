-- The synthetic firms of each sector's pool with their slots (lo .. hi), filled by generate_market.winners.
create or replace temp table gen_firms (sector_code varchar, lo integer, hi integer, name varchar,
                                        credit_code varchar, region_code varchar)
