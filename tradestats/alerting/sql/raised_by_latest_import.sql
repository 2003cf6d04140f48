-- grain: one row per 预警 the latest import raised (its import and time), red first, then in the order raised.
select a.* from alert a join import_log l
on l.import_id = a.import_id and l.imported_at = a.import_at
where l.import_id = (select max(import_id) from import_log)
order by a.level = 'yellow', a.alert_id
