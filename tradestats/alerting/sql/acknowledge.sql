-- 已确认: who, when and their note. params: ? by, ? at, ? note, ? alert_id
update alert set status = 'acknowledged', acknowledged_by = ?, acknowledged_at = ?, note = ? where alert_id = ?
