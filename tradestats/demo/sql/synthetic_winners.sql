-- One row per slot of a sector's pool: the firm a draw of that slot picks as a winner.
create or replace temp table gen_winners as
select sector_code, unnest(range(lo, hi)) as slot, name, credit_code, region_code from gen_firms
