-- grain: one row: how many of the file's failed and stopped trades (incoming_failed) are stored as they are.
-- placeholders: same: market_import.SAME_FAILED, the comparisons (p against i) of market_import.FAILED_COLUMNS
select count(*) from incoming_failed i join fact_tender_failed p using (project_id)
where {same}
