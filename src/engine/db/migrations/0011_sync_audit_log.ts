// Immutable once released (see 0001 for the translation rules). Chain sync, continued from 0009:
// the audit log (0010) reaches the central server too, through the same outbox. Its triggers could
// not be part of 0009, which runs before the table exists.
// - audit_log is append-only (0010 refuses UPDATE and DELETE); the update trigger is there so every
//   forwarded table has the same pair (the forwarder checks for both).
// - A database whose outbox is already on queues the audit rows written so far, and the deployment
//   events that now name their user (model_deployment_events.user_id, 0010), in this migration's
//   transaction: none is missed.
export const sql = `
CREATE TRIGGER sync_outbox_audit_log_insert AFTER INSERT ON audit_log
FOR EACH ROW WHEN (SELECT outbox_enabled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO sync_outbox (table_name, row_id) VALUES ('audit_log', NEW.id);
END;

CREATE TRIGGER sync_outbox_audit_log_update AFTER UPDATE ON audit_log
FOR EACH ROW WHEN (SELECT outbox_enabled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO sync_outbox (table_name, row_id) VALUES ('audit_log', NEW.id);
END;

INSERT INTO sync_outbox (table_name, row_id)
SELECT 'model_deployment_events', id FROM model_deployment_events
WHERE user_id IS NOT NULL AND (SELECT outbox_enabled FROM sync_state WHERE id = 1) = 1 ORDER BY id;

INSERT INTO sync_outbox (table_name, row_id)
SELECT 'audit_log', id FROM audit_log
WHERE (SELECT outbox_enabled FROM sync_state WHERE id = 1) = 1 ORDER BY id;
`;
