-- The stored cells a relation of cells replaces: those of the same month, region and trade type.
-- placeholders: cells: incoming (the file's cells) or displaced (the stored cells they give way to)
delete from fact_trade_monthly f using {cells} i
where f.year = i.year and f.month = i.month and f.region_code = i.region_code and f.trade_type_code = i.trade_type_code
