-- grain: one row per setting — the deployment's settings and the loaded data set.
-- params: none
select key, value from app_setting order by key
