// Immutable once released (see 0001 for the translation rules).
// Improvements are differences and may be negative: *_improvement (percentage points between two
// 0..100 scores) are bounded to -100..100, relative *_improvement_percent and money/ROI unbounded.
export const sql = `
CREATE TABLE model_performance_metrics (
  id INTEGER PRIMARY KEY,
  model_id TEXT REFERENCES ai_models(model_id) CHECK (length(model_id) <= 100),
  model_version TEXT NOT NULL CHECK (length(model_version) <= 50),
  metric_timestamp TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (metric_timestamp = strftime('%Y-%m-%dT%H:%M:%fZ', metric_timestamp)),
  accuracy_score REAL CHECK (accuracy_score BETWEEN 0 AND 100),
  precision_score REAL CHECK (precision_score BETWEEN 0 AND 100),
  recall_score REAL CHECK (recall_score BETWEEN 0 AND 100),
  f1_score REAL CHECK (f1_score BETWEEN 0 AND 100),
  inference_latency_ms INTEGER CHECK (inference_latency_ms >= 0),
  throughput_fps REAL CHECK (throughput_fps >= 0),
  gpu_utilization_percent REAL CHECK (gpu_utilization_percent BETWEEN 0 AND 100),
  memory_usage_mb REAL CHECK (memory_usage_mb >= 0),
  false_positive_rate REAL CHECK (false_positive_rate BETWEEN 0 AND 100),
  false_negative_rate REAL CHECK (false_negative_rate BETWEEN 0 AND 100),
  detection_rate REAL CHECK (detection_rate BETWEEN 0 AND 100),
  cost_per_inference REAL,
  revenue_per_inference REAL,
  roi_percentage REAL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

CREATE TABLE model_drift_metrics (
  id INTEGER PRIMARY KEY,
  model_id TEXT REFERENCES ai_models(model_id) CHECK (length(model_id) <= 100),
  drift_timestamp TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (drift_timestamp = strftime('%Y-%m-%dT%H:%M:%fZ', drift_timestamp)),
  data_drift_score REAL CHECK (data_drift_score BETWEEN 0 AND 1),
  concept_drift_score REAL CHECK (concept_drift_score BETWEEN 0 AND 1),
  model_drift_score REAL CHECK (model_drift_score BETWEEN 0 AND 1),
  drift_type TEXT CHECK (drift_type IN ('covariate', 'label', 'concept')),
  drift_severity TEXT CHECK (drift_severity IN ('low', 'medium', 'high', 'critical')),
  drift_features TEXT CHECK (drift_features IS NULL OR json_valid(drift_features)),
  is_alerted INTEGER DEFAULT 0 CHECK (is_alerted IN (0, 1)),
  alert_threshold REAL DEFAULT 0.8 CHECK (alert_threshold BETWEEN 0 AND 1),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

CREATE TABLE model_comparison_metrics (
  id INTEGER PRIMARY KEY,
  comparison_id TEXT UNIQUE NOT NULL CHECK (length(comparison_id) <= 100),
  baseline_model_id TEXT REFERENCES ai_models(model_id) CHECK (length(baseline_model_id) <= 100),
  challenger_model_id TEXT REFERENCES ai_models(model_id) CHECK (length(challenger_model_id) <= 100),
  accuracy_improvement REAL CHECK (accuracy_improvement BETWEEN -100 AND 100),
  precision_improvement REAL CHECK (precision_improvement BETWEEN -100 AND 100),
  recall_improvement REAL CHECK (recall_improvement BETWEEN -100 AND 100),
  f1_improvement REAL CHECK (f1_improvement BETWEEN -100 AND 100),
  latency_improvement_percent REAL,
  throughput_improvement_percent REAL,
  cost_improvement_percent REAL,
  is_statistically_significant INTEGER CHECK (is_statistically_significant IN (0, 1)),
  p_value REAL CHECK (p_value BETWEEN 0 AND 1),
  confidence_interval TEXT CHECK (confidence_interval IS NULL OR json_valid(confidence_interval)),
  comparison_status TEXT DEFAULT 'running' CHECK (comparison_status IN ('running', 'completed', 'failed')),
  winner_model_id TEXT REFERENCES ai_models(model_id) CHECK (length(winner_model_id) <= 100),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  completed_at TEXT CHECK (completed_at = strftime('%Y-%m-%dT%H:%M:%fZ', completed_at))
) STRICT;

CREATE INDEX idx_performance_metrics_model_timestamp ON model_performance_metrics(model_id, metric_timestamp DESC);
CREATE INDEX idx_drift_metrics_model_timestamp ON model_drift_metrics(model_id, drift_timestamp DESC);
`;
