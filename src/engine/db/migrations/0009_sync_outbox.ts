// Immutable once released (see 0001 for the translation rules). Chain sync (src/engine/sync/README.md).
//
// - sync_outbox: one row per change that must reach the chain's central PostgreSQL: which table,
//   which row. Written by the triggers below, so a row reaches the outbox in the same transaction
//   that writes it, whichever code writes it, and no repository had to change. It holds pointers,
//   not copies: the forwarder reads the row as it is when it sends it, so the hot path adds one
//   three-column insert per counting event (and moves its hour's entry, see below). AUTOINCREMENT: a sequence number is never reused
//   after the outbox is emptied; the centre keeps the highest one per row and only a higher one
//   overwrites it.
// - The triggers do nothing until sync is first configured (sync_state.outbox_enabled): a shop that
//   never syncs does not grow an outbox. Enabling fills the outbox with every existing row in the
//   same transaction, so nothing written before is missed.
// - sync_state: the one row of sync settings and status. The server URL is stored without its
//   credentials (same rule as cameras.url_redacted); the password only encrypted.
// - counting_hourly: in/out per camera, line, UTC hour and the model version that counted them,
//   kept by a trigger as counting events are written (counting events are append-only: the writer
//   only inserts and retention keeps them). Key columns are NOT NULL ('' / 0 = none) because a
//   UNIQUE key with NULLs never conflicts, in SQLite as in PostgreSQL.
// - This shop's identity in the chain is the settings sync.store_id / sync.store_name, written by
//   the first push: the store the central server registers for the shop's role, or a generated id.
// Not forwarded: per-frame inference/detection/tracking rows (bulky; their counts are), cameras
// (hold secrets), settings, health samples, sessions.

/**
 * Tables forwarded, with the columns whose change is worth a resend (null: any column). Each
 * change appends an entry, so a parent's first entry always precedes its children's.
 */
const SYNCED: ReadonlyArray<readonly [table: string, updateOf: string | null]> = [
  ['users', null],
  ['ai_models', null],
  ['model_versions', null],
  ['model_training_history', null],
  ['model_version_control', null],
  ['model_branches', null],
  ['model_deployment_pipeline', null],
  ['model_deployment_events', null],
  ['model_performance_metrics', null],
  ['model_drift_metrics', null],
  ['model_comparison_metrics', null],
  ['ab_testing_experiments', null],
  ['ab_testing_assignments', null],
  ['ab_testing_results', null],
  ['ab_testing_conclusions', null],
  // Retention's ON DELETE SET NULL of inference_id / detection_id is not a change of the event.
  [
    'counting_results',
    'counting_event_id, event_type, direction, track_id, entry_point, exit_point, path_trajectory, current_count_in, current_count_out, current_total, event_confidence, processing_time_ms, created_at, camera_id, line_id',
  ],
];

// counting_hourly changes with every counting event of its hour, and nothing references it: one
// pending entry per row is enough (the row is read when sent). Each change moves that entry to
// the end with a new number (delete, then insert), so a change made after a batch was read is
// never marked sent with that batch. (INSERT OR REPLACE would not do: inside the upsert that
// updates the hour, the outer statement's conflict rule wins.)
const HOURLY_TRIGGERS = `
CREATE UNIQUE INDEX ux_sync_outbox_hourly_row ON sync_outbox(row_id) WHERE table_name = 'counting_hourly';

CREATE TRIGGER sync_outbox_counting_hourly_insert AFTER INSERT ON counting_hourly
FOR EACH ROW WHEN (SELECT outbox_enabled FROM sync_state WHERE id = 1) = 1
BEGIN
  DELETE FROM sync_outbox WHERE table_name = 'counting_hourly' AND row_id = NEW.id;
  INSERT INTO sync_outbox (table_name, row_id) VALUES ('counting_hourly', NEW.id);
END;

CREATE TRIGGER sync_outbox_counting_hourly_update AFTER UPDATE ON counting_hourly
FOR EACH ROW WHEN (SELECT outbox_enabled FROM sync_state WHERE id = 1) = 1
BEGIN
  DELETE FROM sync_outbox WHERE table_name = 'counting_hourly' AND row_id = NEW.id;
  INSERT INTO sync_outbox (table_name, row_id) VALUES ('counting_hourly', NEW.id);
END;
`;

const ENABLED = '(SELECT outbox_enabled FROM sync_state WHERE id = 1) = 1';

const outboxTriggers = SYNCED.map(
  ([table, updateOf]) => `
CREATE TRIGGER sync_outbox_${table}_insert AFTER INSERT ON ${table}
FOR EACH ROW WHEN ${ENABLED}
BEGIN
  INSERT INTO sync_outbox (table_name, row_id) VALUES ('${table}', NEW.id);
END;

CREATE TRIGGER sync_outbox_${table}_update AFTER UPDATE${updateOf ? ` OF ${updateOf}` : ''} ON ${table}
FOR EACH ROW WHEN ${ENABLED}
BEGIN
  INSERT INTO sync_outbox (table_name, row_id) VALUES ('${table}', NEW.id);
END;
`,
).join('');

export const sql = `
CREATE TABLE sync_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  table_name TEXT NOT NULL,
  row_id INTEGER NOT NULL
) STRICT;

CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  outbox_enabled INTEGER NOT NULL DEFAULT 0 CHECK (outbox_enabled IN (0, 1)),
  enabled_at TEXT CHECK (enabled_at = strftime('%Y-%m-%dT%H:%M:%fZ', enabled_at)),
  -- Never holds credentials: no user-info between '://' and the next '/' (as cameras.url_redacted).
  server_url TEXT CHECK (server_url IS NULL OR (length(server_url) BETWEEN 1 AND 2000 AND (
    instr(server_url, '://') = 0 OR instr(substr(server_url, instr(server_url, '://') + 3,
      CASE WHEN instr(substr(server_url, instr(server_url, '://') + 3), '/') = 0 THEN length(server_url)
           ELSE instr(substr(server_url, instr(server_url, '://') + 3), '/') - 1 END), '@') = 0))),
  server_username TEXT CHECK (length(server_username) <= 200),
  server_secret_ciphertext BLOB,
  last_attempt_at TEXT CHECK (last_attempt_at = strftime('%Y-%m-%dT%H:%M:%fZ', last_attempt_at)),
  last_success_at TEXT CHECK (last_success_at = strftime('%Y-%m-%dT%H:%M:%fZ', last_success_at)),
  last_error TEXT CHECK (length(last_error) <= 2000),
  last_error_at TEXT CHECK (last_error_at = strftime('%Y-%m-%dT%H:%M:%fZ', last_error_at)),
  consecutive_failures INTEGER NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
  rows_sent INTEGER NOT NULL DEFAULT 0 CHECK (rows_sent >= 0),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at))
) STRICT;

INSERT INTO sync_state (id) VALUES (1);

CREATE TABLE counting_hourly (
  id INTEGER PRIMARY KEY,
  hour_start TEXT NOT NULL CHECK (hour_start = strftime('%Y-%m-%dT%H:00:00.000Z', hour_start)),
  camera_id TEXT NOT NULL DEFAULT '' CHECK (length(camera_id) <= 100),
  line_id INTEGER NOT NULL DEFAULT 0,
  model_id TEXT NOT NULL DEFAULT '' CHECK (length(model_id) <= 100),
  model_version TEXT NOT NULL DEFAULT '' CHECK (length(model_version) <= 50),
  count_in INTEGER NOT NULL DEFAULT 0 CHECK (count_in >= 0),
  count_out INTEGER NOT NULL DEFAULT 0 CHECK (count_out >= 0),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  UNIQUE (hour_start, camera_id, line_id, model_id, model_version)
) STRICT;

-- Same rule as the dashboard (CountingResultsRepository): footfall is line crossings in and out.
CREATE TRIGGER counting_hourly_after_insert AFTER INSERT ON counting_results
FOR EACH ROW WHEN NEW.event_type = 'cross_line' AND NEW.direction IN ('in', 'out')
BEGIN
  INSERT INTO counting_hourly (hour_start, camera_id, line_id, model_id, model_version, count_in, count_out)
  SELECT strftime('%Y-%m-%dT%H:00:00.000Z', NEW.created_at), ifnull(NEW.camera_id, ''), ifnull(NEW.line_id, 0),
         ifnull(i.model_id, ''), ifnull(i.model_version, ''), NEW.direction = 'in', NEW.direction = 'out'
  FROM (SELECT 1) LEFT JOIN model_inference_results i ON i.inference_id = NEW.inference_id
  WHERE true
  ON CONFLICT (hour_start, camera_id, line_id, model_id, model_version) DO UPDATE SET
    count_in = count_in + excluded.count_in,
    count_out = count_out + excluded.count_out,
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;

-- Counting events stored before this migration.
INSERT INTO counting_hourly (hour_start, camera_id, line_id, model_id, model_version, count_in, count_out)
SELECT strftime('%Y-%m-%dT%H:00:00.000Z', c.created_at), ifnull(c.camera_id, ''), ifnull(c.line_id, 0),
       ifnull(i.model_id, ''), ifnull(i.model_version, ''), sum(c.direction = 'in'), sum(c.direction = 'out')
FROM counting_results c LEFT JOIN model_inference_results i ON i.inference_id = c.inference_id
WHERE c.event_type = 'cross_line' AND c.direction IN ('in', 'out')
GROUP BY 1, 2, 3, 4, 5;
${outboxTriggers}${HOURLY_TRIGGERS}`;
