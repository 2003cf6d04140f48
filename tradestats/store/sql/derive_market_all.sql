-- A whole rewrite of one of derive_market's tables: every row its table macro gives, in the order the table is
-- stored in.
-- placeholders: table and source: a pair of derive_market.TABLES; order: derive_market.ORDER's for the
--               table, else year, month
insert into {table}
select * from {source}(date '0001-01-01', date '9999-12-31')
order by {order}
