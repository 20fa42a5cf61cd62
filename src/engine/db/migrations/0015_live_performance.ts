// Immutable once released (see 0001 for the translation rules).
// Live performance tracking (issue 13, part 3; src/engine/performance/): the sampler writes one
// model_performance_metrics row per camera and model version every performance.sample_interval_s.
// The seed's columns carry what they name (inference_latency_ms = the p50 rounded to whole ms, as
// the column is INTEGER; throughput_fps, memory_usage_mb = the engine's RSS,
// gpu_utilization_percent only under CUDA); what the seed has no column for is added here:
// the camera, the exact p50 and the p95, the engine's CPU share, the frames behind the figures and
// the interval. camera_id IS NULL marks the offline rows (evaluations, benchmarks), which keep
// their own partial index so their queries never wade through the live time series.
// The archive gets the same columns in the same place (retention copies by name and the archive
// must list the source columns in order, then archived_at): it is rebuilt, its rows kept.
export const sql = `
ALTER TABLE model_performance_metrics ADD COLUMN camera_id TEXT CHECK (length(camera_id) BETWEEN 1 AND 100);
ALTER TABLE model_performance_metrics ADD COLUMN latency_p50_ms REAL CHECK (latency_p50_ms >= 0);
ALTER TABLE model_performance_metrics ADD COLUMN latency_p95_ms REAL CHECK (latency_p95_ms >= 0);
ALTER TABLE model_performance_metrics ADD COLUMN cpu_utilization_percent REAL CHECK (cpu_utilization_percent BETWEEN 0 AND 100);
ALTER TABLE model_performance_metrics ADD COLUMN frames_processed INTEGER CHECK (frames_processed >= 0);
ALTER TABLE model_performance_metrics ADD COLUMN frames_dropped INTEGER CHECK (frames_dropped >= 0);
ALTER TABLE model_performance_metrics ADD COLUMN sample_interval_s REAL CHECK (sample_interval_s > 0);
ALTER TABLE model_performance_metrics ADD COLUMN execution_provider TEXT CHECK (execution_provider IN ('cpu', 'cuda'));

CREATE INDEX idx_performance_metrics_live ON model_performance_metrics(metric_timestamp, camera_id) WHERE camera_id IS NOT NULL;
CREATE INDEX idx_performance_metrics_offline ON model_performance_metrics(model_id, metric_timestamp DESC) WHERE camera_id IS NULL;

CREATE TABLE performance_metrics_archive_0015 (
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
  camera_id TEXT,
  latency_p50_ms REAL,
  latency_p95_ms REAL,
  cpu_utilization_percent REAL,
  frames_processed INTEGER,
  frames_dropped INTEGER,
  sample_interval_s REAL,
  execution_provider TEXT,
  archived_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
INSERT INTO performance_metrics_archive_0015 (
  id, model_id, model_version, metric_timestamp, accuracy_score, precision_score, recall_score, f1_score,
  inference_latency_ms, throughput_fps, gpu_utilization_percent, memory_usage_mb, false_positive_rate,
  false_negative_rate, detection_rate, cost_per_inference, revenue_per_inference, roi_percentage, created_at, archived_at)
SELECT
  id, model_id, model_version, metric_timestamp, accuracy_score, precision_score, recall_score, f1_score,
  inference_latency_ms, throughput_fps, gpu_utilization_percent, memory_usage_mb, false_positive_rate,
  false_negative_rate, detection_rate, cost_per_inference, revenue_per_inference, roi_percentage, created_at, archived_at
FROM performance_metrics_archive;
DROP TABLE performance_metrics_archive;
ALTER TABLE performance_metrics_archive_0015 RENAME TO performance_metrics_archive;
CREATE INDEX idx_performance_metrics_archive_source_id ON performance_metrics_archive(id);
`;
