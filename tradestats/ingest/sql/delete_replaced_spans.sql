-- The stored figures of spans the file's (incoming_spans) replace: those of the same span, region and trade type.
delete from fact_trade_span f using incoming_spans i
where f.year = i.year and f.month_from = i.month_from and f.month_to = i.month_to
  and f.region_code = i.region_code and f.trade_type_code = i.trade_type_code
