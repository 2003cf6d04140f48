-- The stored figures of all sectors together the file's (incoming_totals) replace: those of the same period and
-- region.
delete from fact_trade_total f using incoming_totals i
where f.year = i.year and f.month_from = i.month_from and f.month_to = i.month_to and f.region_code = i.region_code
