// Immutable once released. Targets of the nightly retention job (the seed's cleanup_old_ai_data):
// the source columns, in the source order, plus archived_at. No UNIQUE, no foreign keys and no
// CHECKs: archived rows are history, and re-archiving a restored row must not fail. Retention
// copies by column name, so a later column added to a source must be added here too.
export const sql = `
CREATE TABLE inference_results_archive (
  id INTEGER NOT NULL,
  inference_id TEXT NOT NULL,
  model_id TEXT,
  model_version TEXT NOT NULL,
  input_data_hash TEXT,
  input_metadata TEXT,
  input_timestamp TEXT NOT NULL,
  inference_results TEXT NOT NULL,
  confidence_scores TEXT,
  processing_time_ms INTEGER,
  result_quality_score REAL,
  result_validation_status TEXT,
  gpu_utilization_percent REAL,
  memory_usage_mb REAL,
  batch_size INTEGER,
  created_at TEXT NOT NULL,
  camera_id TEXT,
  frame_index INTEGER,
  archived_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE performance_metrics_archive (
  id INTEGER NOT NULL,
  model_id TEXT,
  model_version TEXT NOT NULL,
  metric_timestamp TEXT NOT NULL,
  accuracy_score REAL,
  precision_score REAL,
  recall_score REAL,
  f1_score REAL,
  inference_latency_ms INTEGER,
  throughput_fps REAL,
  gpu_utilization_percent REAL,
  memory_usage_mb REAL,
  false_positive_rate REAL,
  false_negative_rate REAL,
  detection_rate REAL,
  cost_per_inference REAL,
  revenue_per_inference REAL,
  roi_percentage REAL,
  created_at TEXT NOT NULL,
  archived_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE ab_results_archive (
  id INTEGER NOT NULL,
  experiment_id TEXT,
  result_timestamp TEXT NOT NULL,
  group_name TEXT NOT NULL,
  sample_size INTEGER,
  accuracy_score REAL,
  precision_score REAL,
  recall_score REAL,
  f1_score REAL,
  conversion_rate REAL,
  revenue_per_user REAL,
  cost_per_user REAL,
  is_statistically_significant INTEGER,
  p_value REAL,
  confidence_interval TEXT,
  created_at TEXT NOT NULL,
  archived_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX idx_inference_results_archive_source_id ON inference_results_archive(id);
CREATE INDEX idx_inference_results_archive_inference_id ON inference_results_archive(inference_id);
CREATE INDEX idx_performance_metrics_archive_source_id ON performance_metrics_archive(id);
CREATE INDEX idx_ab_results_archive_source_id ON ab_results_archive(id);
`;
