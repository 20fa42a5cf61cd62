// Immutable once released (see 0001 for the translation rules). Chain sync, continued from 0009 and
// 0011 (src/engine/sync/README.md): the tables migrations 0013–0017 added reach the central
// PostgreSQL through the same outbox, with the same pair of triggers per table:
//   ab_experiment_designs, ab_interval_metrics, ab_truth_matches  (0013, experiments)
//   sales_hourly, model_business_metrics                          (0016, sales)
//   audit_items, audit_metrics                                    (0017, audits)
// The new columns of model_performance_metrics (0015) and what drift writes into
// model_drift_metrics.drift_features travel with their tables' existing triggers: the central
// schema (sync/central-migrations/0004) decides which columns it takes.
// - ab_experiment_designs is keyed by experiment_id (TEXT PRIMARY KEY) and has no id column: its
//   outbox entries point at the rowid (the forwarder reads every table by rowid, which is the id
//   of the others). A full VACUUM may renumber the rowids of such a table: an entry pending across
//   one could then send another design (harmless: the centre upserts by experiment_id) and miss
//   its own until that design next changes. Designs are written once, when an experiment is made.
// - audit_items: the evidence picture never leaves the shop (the centre has no column for it,
//   nor for its size and expiry). Deleting a picture (retention, auditing switched off) is not a
//   change worth a resend; an answer, or a user removed (answered_by SET NULL), is.
// - A database whose outbox is already on queues the rows written so far in this migration's
//   transaction, parents first, so none is missed.

const ENABLED = '(SELECT outbox_enabled FROM sync_state WHERE id = 1) = 1';

/** Table, the columns whose change is worth a resend (null: any), and the row pointer. */
const TABLES: ReadonlyArray<readonly [table: string, updateOf: string | null, rowId: 'id' | 'rowid']> = [
  ['ab_experiment_designs', null, 'rowid'],
  ['ab_interval_metrics', null, 'id'],
  ['ab_truth_matches', null, 'id'],
  ['sales_hourly', null, 'id'],
  ['model_business_metrics', null, 'id'],
  [
    'audit_items',
    'camera_id, model_id, model_version, kind, counting_event_id, direction, line_name, track_id, people, captured_at, answer, answered_by, answered_at, created_at',
    'id',
  ],
  ['audit_metrics', null, 'id'],
];

const triggers = TABLES.map(
  ([table, updateOf, rowId]) => `
CREATE TRIGGER sync_outbox_${table}_insert AFTER INSERT ON ${table}
FOR EACH ROW WHEN ${ENABLED}
BEGIN
  INSERT INTO sync_outbox (table_name, row_id) VALUES ('${table}', NEW.${rowId});
END;

CREATE TRIGGER sync_outbox_${table}_update AFTER UPDATE${updateOf ? ` OF ${updateOf}` : ''} ON ${table}
FOR EACH ROW WHEN ${ENABLED}
BEGIN
  INSERT INTO sync_outbox (table_name, row_id) VALUES ('${table}', NEW.${rowId});
END;

INSERT INTO sync_outbox (table_name, row_id)
SELECT '${table}', ${rowId} FROM ${table} WHERE ${ENABLED} ORDER BY ${rowId};
`,
).join('');

export const sql = triggers;
