// Immutable once released (see 0001 for the translation rules).
//
// Retention and foreign keys: the nightly retention job archives and deletes old
// model_inference_results rows, and other rows reference them.
// - detection_results and tracking_results are bulky per-frame data: ON DELETE CASCADE, so they go
//   with their inference (its summary stays in inference_results_archive).
// - counting_results are the shop's business data (who came in, when) and must outlive retention:
//   their inference_id / detection_id become NULL (ON DELETE SET NULL) instead.
// Extra indexes on every referencing column keep those cascades from scanning the child tables.
export const sql = `
CREATE TABLE model_inference_results (
  id INTEGER PRIMARY KEY,
  inference_id TEXT UNIQUE NOT NULL CHECK (length(inference_id) <= 100),
  model_id TEXT REFERENCES ai_models(model_id) CHECK (length(model_id) <= 100),
  model_version TEXT NOT NULL CHECK (length(model_version) <= 50),
  input_data_hash TEXT CHECK (length(input_data_hash) <= 64),
  input_metadata TEXT CHECK (input_metadata IS NULL OR json_valid(input_metadata)),
  input_timestamp TEXT NOT NULL CHECK (input_timestamp = strftime('%Y-%m-%dT%H:%M:%fZ', input_timestamp)),
  inference_results TEXT NOT NULL CHECK (json_valid(inference_results)),
  confidence_scores TEXT CHECK (confidence_scores IS NULL OR json_valid(confidence_scores)),
  processing_time_ms INTEGER CHECK (processing_time_ms >= 0),
  result_quality_score REAL CHECK (result_quality_score BETWEEN 0 AND 1),
  result_validation_status TEXT DEFAULT 'valid' CHECK (result_validation_status IN ('valid', 'invalid', 'uncertain')),
  gpu_utilization_percent REAL CHECK (gpu_utilization_percent BETWEEN 0 AND 100),
  memory_usage_mb REAL CHECK (memory_usage_mb >= 0),
  batch_size INTEGER CHECK (batch_size >= 0),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  -- Footfall additions: which camera and frame, so dashboards filter without parsing JSON.
  -- No foreign key: results outlive a camera that is removed from the app.
  camera_id TEXT CHECK (length(camera_id) <= 100),
  frame_index INTEGER CHECK (frame_index >= 0)
) STRICT;

CREATE TABLE detection_results (
  id INTEGER PRIMARY KEY,
  inference_id TEXT REFERENCES model_inference_results(inference_id) ON DELETE CASCADE CHECK (length(inference_id) <= 100),
  detection_id TEXT UNIQUE NOT NULL CHECK (length(detection_id) <= 100),
  -- open list in the seed ("person, vehicle, etc."): length only
  object_class TEXT NOT NULL CHECK (length(object_class) <= 50),
  confidence_score REAL NOT NULL CHECK (confidence_score BETWEEN 0 AND 1),
  bbox_x INTEGER NOT NULL,
  bbox_y INTEGER NOT NULL,
  bbox_width INTEGER NOT NULL CHECK (bbox_width >= 0),
  bbox_height INTEGER NOT NULL CHECK (bbox_height >= 0),
  object_attributes TEXT CHECK (object_attributes IS NULL OR json_valid(object_attributes)),
  pose_estimation TEXT CHECK (pose_estimation IS NULL OR json_valid(pose_estimation)),
  detection_quality REAL CHECK (detection_quality BETWEEN 0 AND 1),
  occlusion_level REAL CHECK (occlusion_level BETWEEN 0 AND 1),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

CREATE TABLE tracking_results (
  id INTEGER PRIMARY KEY,
  inference_id TEXT REFERENCES model_inference_results(inference_id) ON DELETE CASCADE CHECK (length(inference_id) <= 100),
  track_id TEXT NOT NULL CHECK (length(track_id) <= 100),
  detection_id TEXT REFERENCES detection_results(detection_id) ON DELETE CASCADE CHECK (length(detection_id) <= 100),
  tracking_confidence REAL CHECK (tracking_confidence BETWEEN 0 AND 1),
  position_x INTEGER NOT NULL,
  position_y INTEGER NOT NULL,
  velocity_x REAL,
  velocity_y REAL,
  speed REAL CHECK (speed >= 0),
  tracking_status TEXT DEFAULT 'active' CHECK (tracking_status IN ('active', 'lost', 'completed')),
  track_age_frames INTEGER CHECK (track_age_frames >= 0),
  trajectory_points TEXT CHECK (trajectory_points IS NULL OR json_valid(trajectory_points)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

CREATE TABLE counting_results (
  id INTEGER PRIMARY KEY,
  inference_id TEXT REFERENCES model_inference_results(inference_id) ON DELETE SET NULL CHECK (length(inference_id) <= 100),
  counting_event_id TEXT UNIQUE NOT NULL CHECK (length(counting_event_id) <= 100),
  event_type TEXT NOT NULL CHECK (event_type IN ('entry', 'exit', 'cross_line')),
  direction TEXT CHECK (direction IN ('in', 'out', 'north', 'south', 'east', 'west')),
  track_id TEXT CHECK (length(track_id) <= 100),
  detection_id TEXT REFERENCES detection_results(detection_id) ON DELETE SET NULL CHECK (length(detection_id) <= 100),
  entry_point TEXT CHECK (entry_point IS NULL OR json_valid(entry_point)),
  exit_point TEXT CHECK (exit_point IS NULL OR json_valid(exit_point)),
  path_trajectory TEXT CHECK (path_trajectory IS NULL OR json_valid(path_trajectory)),
  current_count_in INTEGER CHECK (current_count_in >= 0),
  current_count_out INTEGER CHECK (current_count_out >= 0),
  current_total INTEGER,
  event_confidence REAL CHECK (event_confidence BETWEEN 0 AND 1),
  processing_time_ms INTEGER CHECK (processing_time_ms >= 0),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  -- Footfall additions: per-camera / per-line counts without JSON parsing. No foreign keys:
  -- counting events are kept after their camera or line is removed.
  camera_id TEXT CHECK (length(camera_id) <= 100),
  line_id INTEGER
) STRICT;

CREATE INDEX idx_inference_results_model_timestamp ON model_inference_results(model_id, input_timestamp DESC);
CREATE INDEX idx_inference_results_quality ON model_inference_results(result_quality_score) WHERE result_quality_score > 0.5;
CREATE INDEX idx_detection_results_inference ON detection_results(inference_id);
CREATE INDEX idx_detection_results_confidence ON detection_results(confidence_score) WHERE confidence_score > 0.7;
CREATE INDEX idx_tracking_results_track_id ON tracking_results(track_id);
CREATE INDEX idx_tracking_results_status ON tracking_results(tracking_status);

-- Footfall additions: dashboards per camera, retention by input time, and cascade lookups.
CREATE INDEX idx_inference_results_camera_created ON model_inference_results(camera_id, created_at);
CREATE INDEX idx_inference_results_input_timestamp ON model_inference_results(input_timestamp);
CREATE INDEX idx_tracking_results_inference ON tracking_results(inference_id);
CREATE INDEX idx_tracking_results_detection ON tracking_results(detection_id);
CREATE INDEX idx_counting_results_inference ON counting_results(inference_id);
CREATE INDEX idx_counting_results_detection ON counting_results(detection_id);
CREATE INDEX idx_counting_results_camera_created ON counting_results(camera_id, created_at);
`;
