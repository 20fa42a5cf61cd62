// Immutable once released (see 0001 for the translation rules).
// Audits / count review (issue 13 part 4; src/engine/audits/README.md).
// - audit_items: a sample of counted crossings (kind 'crossing', with the counting event's id)
//   and of frames with no crossing (kind 'no_crossing', to catch misses), each with a small
//   evidence JPEG (people pixelated) while it is within its retention. The picture is the only
//   frame ever stored; it is set to NULL (the answer kept) when expires_at passes or when auditing
//   is switched off (the trigger below, so every writer of the setting — app, CLI, sync — obeys).
//   No foreign keys to cameras or counting_results: answers outlive a camera, and a counting event
//   may still be in the result writer's queue when its item is stored.
// - audit_metrics: one row per model_performance_metrics row written from answers (`audit
//   report`): the camera and period the seed's row cannot hold, and the counts behind the figures.
export const sql = `
CREATE TABLE audit_items (
  id INTEGER PRIMARY KEY,
  camera_id TEXT NOT NULL CHECK (length(camera_id) BETWEEN 1 AND 100),
  model_id TEXT CHECK (length(model_id) <= 100),
  model_version TEXT NOT NULL CHECK (length(model_version) <= 50),
  kind TEXT NOT NULL CHECK (kind IN ('crossing', 'no_crossing')),
  counting_event_id TEXT CHECK (length(counting_event_id) <= 100),
  direction TEXT CHECK (direction IN ('in', 'out')),
  line_name TEXT CHECK (length(line_name) <= 100),
  track_id INTEGER,
  people INTEGER NOT NULL DEFAULT 0 CHECK (people >= 0),
  captured_at TEXT NOT NULL CHECK (captured_at = strftime('%Y-%m-%dT%H:%M:%fZ', captured_at)),
  picture BLOB CHECK (picture IS NULL OR length(picture) <= 262144),
  picture_width INTEGER CHECK (picture_width BETWEEN 1 AND 1920),
  picture_height INTEGER CHECK (picture_height BETWEEN 1 AND 1920),
  expires_at TEXT NOT NULL CHECK (expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', expires_at)),
  answer TEXT CHECK (answer IN ('right', 'wrong_direction', 'not_a_person', 'missed_one')),
  answered_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  answered_at TEXT CHECK (answered_at = strftime('%Y-%m-%dT%H:%M:%fZ', answered_at)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  CHECK ((kind = 'crossing') = (direction IS NOT NULL)),
  CHECK ((answer IS NULL) = (answered_at IS NULL))
) STRICT;

CREATE INDEX idx_audit_items_open ON audit_items(camera_id, captured_at) WHERE answer IS NULL AND picture IS NOT NULL;
CREATE INDEX idx_audit_items_answered ON audit_items(camera_id, model_version, captured_at) WHERE answer IS NOT NULL;
CREATE INDEX idx_audit_items_pictures ON audit_items(expires_at) WHERE picture IS NOT NULL;

CREATE TABLE audit_metrics (
  id INTEGER PRIMARY KEY,
  performance_metric_id INTEGER NOT NULL UNIQUE REFERENCES model_performance_metrics(id) ON DELETE CASCADE,
  model_id TEXT CHECK (length(model_id) <= 100),
  model_version TEXT NOT NULL CHECK (length(model_version) <= 50),
  camera_id TEXT NOT NULL CHECK (length(camera_id) BETWEEN 1 AND 100),
  period_start TEXT CHECK (period_start = strftime('%Y-%m-%dT%H:%M:%fZ', period_start)),
  period_end TEXT CHECK (period_end = strftime('%Y-%m-%dT%H:%M:%fZ', period_end)),
  answers INTEGER NOT NULL CHECK (answers >= 0),
  true_positives INTEGER NOT NULL CHECK (true_positives >= 0),
  false_positives INTEGER NOT NULL CHECK (false_positives >= 0),
  false_negatives INTEGER NOT NULL CHECK (false_negatives >= 0),
  confirmed_empty INTEGER NOT NULL CHECK (confirmed_empty >= 0),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

CREATE INDEX idx_audit_metrics_key ON audit_metrics(model_id, model_version, camera_id, created_at);

-- Switching auditing off (or removing the setting: the default is off) deletes every picture.
CREATE TRIGGER audit_pictures_off_insert AFTER INSERT ON settings
FOR EACH ROW WHEN NEW.key = 'audit.enabled' AND NEW.value <> 'true'
BEGIN
  UPDATE audit_items SET picture = NULL WHERE picture IS NOT NULL;
END;
CREATE TRIGGER audit_pictures_off_update AFTER UPDATE OF value ON settings
FOR EACH ROW WHEN NEW.key = 'audit.enabled' AND NEW.value <> 'true'
BEGIN
  UPDATE audit_items SET picture = NULL WHERE picture IS NOT NULL;
END;
CREATE TRIGGER audit_pictures_off_delete AFTER DELETE ON settings
FOR EACH ROW WHEN OLD.key = 'audit.enabled'
BEGIN
  UPDATE audit_items SET picture = NULL WHERE picture IS NOT NULL;
END;
`;
