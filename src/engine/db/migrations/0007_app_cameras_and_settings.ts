// Immutable once released. Footfall's own tables (not in the seed): cameras and their counting
// geometry, camera health samples, key/value settings and the retention job's log.
export const sql = `
CREATE TABLE cameras (
  id INTEGER PRIMARY KEY,
  camera_id TEXT NOT NULL UNIQUE CHECK (length(camera_id) BETWEEN 1 AND 100),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  source_kind TEXT NOT NULL CHECK (source_kind IN ('usb', 'rtsp', 'http_mjpeg', 'file')),
  -- Never holds credentials: no user-info ('user:pass@') between '://' and the next '/'.
  -- The user name has its own column; the password is stored only encrypted (secret_ciphertext).
  url_redacted TEXT NOT NULL CHECK (length(url_redacted) BETWEEN 1 AND 2000 AND (
    instr(url_redacted, '://') = 0 OR instr(substr(url_redacted, instr(url_redacted, '://') + 3,
      CASE WHEN instr(substr(url_redacted, instr(url_redacted, '://') + 3), '/') = 0 THEN length(url_redacted)
           ELSE instr(substr(url_redacted, instr(url_redacted, '://') + 3), '/') - 1 END), '@') = 0)),
  username TEXT CHECK (length(username) <= 200),
  secret_ciphertext BLOB,
  has_password INTEGER NOT NULL DEFAULT 0 CHECK (has_password IN (0, 1)),
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  process_fps REAL CHECK (process_fps > 0 AND process_fps <= 120),
  frame_width INTEGER CHECK (frame_width > 0),
  frame_height INTEGER CHECK (frame_height > 0),
  -- Deleting a model un-pins its cameras (they fall back to the default model).
  model_id TEXT REFERENCES ai_models(model_id) ON DELETE SET NULL CHECK (length(model_id) <= 100),
  model_version TEXT CHECK (length(model_version) <= 50),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  CHECK (has_password = (secret_ciphertext IS NOT NULL))
) STRICT;

CREATE TRIGGER cameras_touch_updated_at AFTER UPDATE ON cameras
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE cameras SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE INDEX idx_cameras_model ON cameras(model_id);

-- Coordinates are source-frame pixels; direction follows ARCHITECTURE.md (x1,y1)→(x2,y2).
CREATE TABLE counting_lines (
  id INTEGER PRIMARY KEY,
  camera_id TEXT NOT NULL REFERENCES cameras(camera_id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  x1 REAL NOT NULL,
  y1 REAL NOT NULL,
  x2 REAL NOT NULL,
  y2 REAL NOT NULL,
  in_label TEXT NOT NULL DEFAULT 'in' CHECK (length(in_label) BETWEEN 1 AND 50),
  out_label TEXT NOT NULL DEFAULT 'out' CHECK (length(out_label) BETWEEN 1 AND 50),
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  -- a zero-length line can never be crossed: refuse it instead of silently counting zero
  CHECK (x1 <> x2 OR y1 <> y2)
) STRICT;

CREATE INDEX idx_counting_lines_camera ON counting_lines(camera_id);

CREATE TABLE counting_zones (
  id INTEGER PRIMARY KEY,
  camera_id TEXT NOT NULL REFERENCES cameras(camera_id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- JSON array of [x, y] pixel points; a polygon needs at least three
  polygon TEXT NOT NULL CHECK (CASE WHEN json_valid(polygon) THEN json_type(polygon) = 'array' AND json_array_length(polygon) >= 3 ELSE 0 END),
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

CREATE INDEX idx_counting_zones_camera ON counting_zones(camera_id);

-- No foreign key: the pipeline samples sources that are not registered cameras (CLI runs on a
-- file); retention prunes old samples.
CREATE TABLE camera_health_samples (
  id INTEGER PRIMARY KEY,
  camera_id TEXT NOT NULL CHECK (length(camera_id) BETWEEN 1 AND 100),
  state TEXT NOT NULL CHECK (state IN ('connecting', 'live', 'stalled', 'reconnecting', 'failed', 'stopped')),
  reason TEXT,
  input_fps REAL CHECK (input_fps >= 0),
  processed_fps REAL CHECK (processed_fps >= 0),
  dropped_frames INTEGER CHECK (dropped_frames >= 0),
  inference_latency_ms REAL CHECK (inference_latency_ms >= 0),
  reconnect_count INTEGER CHECK (reconnect_count >= 0),
  last_frame_at TEXT CHECK (last_frame_at = strftime('%Y-%m-%dT%H:%M:%fZ', last_frame_at)),
  sampled_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (sampled_at = strftime('%Y-%m-%dT%H:%M:%fZ', sampled_at))
) STRICT;

CREATE INDEX idx_camera_health_samples_camera_sampled ON camera_health_samples(camera_id, sampled_at);
CREATE INDEX idx_camera_health_samples_sampled ON camera_health_samples(sampled_at);

CREATE TABLE settings (
  key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
  value TEXT NOT NULL CHECK (json_valid(value)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at))
) STRICT;

CREATE TRIGGER settings_touch_updated_at AFTER UPDATE ON settings
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE settings SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE key = NEW.key;
END;

-- One row per retention run. A failed run rolls its data changes back and is logged here after.
CREATE TABLE retention_runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL CHECK (started_at = strftime('%Y-%m-%dT%H:%M:%fZ', started_at)),
  finished_at TEXT CHECK (finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', finished_at)),
  status TEXT NOT NULL CHECK (status IN ('completed', 'failed')),
  error TEXT,
  inference_results_archived INTEGER NOT NULL DEFAULT 0 CHECK (inference_results_archived >= 0),
  inference_results_deleted INTEGER NOT NULL DEFAULT 0 CHECK (inference_results_deleted >= 0),
  detection_results_deleted INTEGER NOT NULL DEFAULT 0 CHECK (detection_results_deleted >= 0),
  tracking_results_deleted INTEGER NOT NULL DEFAULT 0 CHECK (tracking_results_deleted >= 0),
  counting_results_detached INTEGER NOT NULL DEFAULT 0 CHECK (counting_results_detached >= 0),
  performance_metrics_archived INTEGER NOT NULL DEFAULT 0 CHECK (performance_metrics_archived >= 0),
  performance_metrics_deleted INTEGER NOT NULL DEFAULT 0 CHECK (performance_metrics_deleted >= 0),
  ab_results_archived INTEGER NOT NULL DEFAULT 0 CHECK (ab_results_archived >= 0),
  ab_results_deleted INTEGER NOT NULL DEFAULT 0 CHECK (ab_results_deleted >= 0),
  health_samples_deleted INTEGER NOT NULL DEFAULT 0 CHECK (health_samples_deleted >= 0)
) STRICT;

CREATE INDEX idx_retention_runs_started ON retention_runs(started_at);
`;
