-- 已关闭 by a person: who, when and why. params: ? by, ? at, ? reason, ? alert_id
update alert set status = 'closed', closed_by = ?, closed_at = ?, close_reason = ? where alert_id = ?
