// Immutable once applied: sync init refuses a server whose recorded hash of this SQL differs.
//
// The seed's PostgreSQL DDL for the chain's central database, one copy of every table per shop:
// - every table gets store_id (REFERENCES stores) and is keyed by (store_id, natural key): the
//   seed's UNIQUE key where it has one (model_id, counting_event_id, …), else (store_id, id) with
//   id = the shop's own row id. UNIQUEs and REFERENCES become per store.
// - sync_seq is the shop's outbox sequence number of the change that last wrote the row; the
//   forwarder's upsert only overwrites a row with a higher one ("only when newer"), so a batch sent
//   twice, or an old batch arriving late, changes nothing.
// - foreign keys are DEFERRABLE INITIALLY DEFERRED: one batch writes its tables one after the other
//   and the references are checked at COMMIT.
// - DECIMAL(p,s) → NUMERIC without a precision: the shop stores REAL values it has range-checked,
//   and a value the shop accepted must never be refused here (a refused row would stop that shop's
//   outbox), nor silently rounded.
// - TIMESTAMP → TIMESTAMPTZ: shops write UTC instants and a chain spans time zones.
// - The high-volume tables (counting events and the per-frame ones) have no foreign key on
//   store_id: a shop role's row passes row-level security only for a store that exists (see 0002),
//   and a check per row would cost a third of the insert.
// - counting_results keeps inference_id / detection_id as plain values: per-frame inference,
//   detection and tracking rows stay in the shop (their tables exist here, empty, for a chain that
//   wants them), so those two references cannot be checked centrally.
// The seed's cron line needs the pg_cron extension; run `SELECT cleanup_old_ai_data();` from the
// chain's own scheduler instead.
export const sql = `
CREATE TABLE stores (
  store_id VARCHAR(100) PRIMARY KEY CHECK (length(store_id) >= 1),
  store_name VARCHAR(200) NOT NULL,
  -- IANA zone name: the chain report's days are the shop's local days.
  time_zone TEXT NOT NULL DEFAULT 'UTC',
  -- The PostgreSQL role the shop pushes as (see 0002_row_level_security).
  db_role NAME,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX ux_stores_db_role ON stores(db_role) WHERE db_role IS NOT NULL;

-- Where each shop's forwarder got to: lets a shop whose database was restored from a backup carry
-- on with sequence numbers above everything it already sent.
CREATE TABLE store_sync_progress (
  store_id VARCHAR(100) PRIMARY KEY REFERENCES stores(store_id),
  last_seq BIGINT NOT NULL DEFAULT 0,
  rows_received BIGINT NOT NULL DEFAULT 0,
  last_batch_at TIMESTAMPTZ
);

-- The seed references users(id) but does not define it; the shop's users (no credentials).
-- No UNIQUE on username here: the shop enforces it, and a user deleted and re-created there
-- must not block the upsert.
CREATE TABLE users (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  username VARCHAR(100) NOT NULL,
  display_name VARCHAR(200),
  email VARCHAR(200),
  role VARCHAR(20) NOT NULL DEFAULT 'viewer',
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, id)
);

CREATE TABLE ai_models (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  model_id VARCHAR(100) NOT NULL,
  model_name VARCHAR(200) NOT NULL,
  model_type VARCHAR(50) NOT NULL,
  model_description TEXT,
  model_version VARCHAR(50) DEFAULT '1.0.0',
  model_framework VARCHAR(50),
  model_format VARCHAR(50),
  model_config JSONB,
  -- BIGINT, not the seed's INTEGER: the shop stores 64-bit integers, and a large model's parameter
  -- count must not be the one row the centre refuses.
  model_parameters BIGINT,
  model_size_mb NUMERIC,
  accuracy_score NUMERIC,
  precision_score NUMERIC,
  recall_score NUMERIC,
  f1_score NUMERIC,
  is_active BOOLEAN DEFAULT TRUE,
  is_production BOOLEAN DEFAULT FALSE,
  deployment_status VARCHAR(20) DEFAULT 'development',
  model_path VARCHAR(500),
  model_checksum VARCHAR(64),
  model_metadata_path VARCHAR(500),
  licence VARCHAR(100),
  created_by INTEGER,
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, model_id),
  FOREIGN KEY (store_id, created_by) REFERENCES users(store_id, id) DEFERRABLE INITIALLY DEFERRED
);

-- The seed's model_id is nullable, so its UNIQUE (model_id, version_number) is kept with NULLS NOT
-- DISTINCT (PostgreSQL 15+) rather than as a primary key: a version without a model is still one row.
CREATE TABLE model_versions (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  model_id VARCHAR(100),
  version_number VARCHAR(50) NOT NULL,
  version_description TEXT,
  version_changes TEXT,
  version_commit_hash VARCHAR(64),
  model_file_path VARCHAR(500),
  model_file_size_mb NUMERIC,
  model_file_checksum VARCHAR(64),
  training_dataset VARCHAR(200),
  training_metrics JSONB,
  training_duration_hours NUMERIC,
  validation_accuracy NUMERIC,
  validation_precision NUMERIC,
  validation_recall NUMERIC,
  validation_f1 NUMERIC,
  deployment_timestamp TIMESTAMPTZ,
  deployment_environment VARCHAR(50),
  deployment_status VARCHAR(20) DEFAULT 'not_deployed',
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT model_versions_store_model_version_key UNIQUE NULLS NOT DISTINCT (store_id, model_id, version_number),
  FOREIGN KEY (store_id, model_id) REFERENCES ai_models(store_id, model_id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE model_training_history (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  model_id VARCHAR(100),
  training_run_id VARCHAR(100) NOT NULL,
  training_config JSONB,
  dataset_config JSONB,
  training_accuracy NUMERIC,
  training_loss NUMERIC,
  validation_accuracy NUMERIC,
  validation_loss NUMERIC,
  epochs_completed INTEGER,
  total_epochs INTEGER,
  training_duration_hours NUMERIC,
  training_status VARCHAR(20) DEFAULT 'running',
  error_message TEXT,
  gpu_usage_percent NUMERIC,
  memory_usage_gb NUMERIC,
  cpu_usage_percent NUMERIC,
  started_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  completed_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, training_run_id),
  FOREIGN KEY (store_id, model_id) REFERENCES ai_models(store_id, model_id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE model_version_control (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  model_id VARCHAR(100),
  version_number VARCHAR(50) NOT NULL,
  parent_version VARCHAR(50),
  branch_name VARCHAR(100),
  commit_hash VARCHAR(64),
  commit_message TEXT,
  changes_summary TEXT,
  changes_details JSONB,
  files_changed INTEGER,
  lines_added INTEGER,
  lines_deleted INTEGER,
  author_name VARCHAR(200),
  author_email VARCHAR(200),
  commit_timestamp TIMESTAMPTZ,
  review_status VARCHAR(20) DEFAULT 'pending',
  reviewed_by INTEGER,
  reviewed_at TIMESTAMPTZ,
  review_notes TEXT,
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, model_id) REFERENCES ai_models(store_id, model_id) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (store_id, reviewed_by) REFERENCES users(store_id, id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE model_branches (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  branch_name VARCHAR(100) NOT NULL,
  base_version VARCHAR(50) NOT NULL,
  branch_description TEXT,
  branch_purpose VARCHAR(50),
  branch_status VARCHAR(20) DEFAULT 'active',
  created_by INTEGER,
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  merged_at TIMESTAMPTZ,
  merged_to VARCHAR(100),
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, branch_name),
  FOREIGN KEY (store_id, created_by) REFERENCES users(store_id, id) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (store_id, merged_to) REFERENCES model_branches(store_id, branch_name) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE model_deployment_pipeline (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  pipeline_id VARCHAR(100) NOT NULL,
  model_id VARCHAR(100),
  version_number VARCHAR(50) NOT NULL,
  pipeline_stages JSONB,
  current_stage VARCHAR(50),
  stage_status VARCHAR(20) DEFAULT 'pending',
  deployment_config JSONB,
  environment_config JSONB,
  pipeline_status VARCHAR(20) DEFAULT 'pending',
  pipeline_started_at TIMESTAMPTZ,
  pipeline_completed_at TIMESTAMPTZ,
  can_rollback BOOLEAN DEFAULT TRUE,
  rollback_version VARCHAR(50),
  rollback_reason TEXT,
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, pipeline_id),
  FOREIGN KEY (store_id, model_id) REFERENCES ai_models(store_id, model_id) DEFERRABLE INITIALLY DEFERRED
);

-- Footfall: the append-only history of promotions, canaries, rollbacks and hot swaps.
CREATE TABLE model_deployment_events (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  event_type VARCHAR(20) NOT NULL,
  camera_id VARCHAR(100),
  model_type VARCHAR(50),
  model_id VARCHAR(100),
  version_number VARCHAR(50),
  previous_model_id VARCHAR(100),
  previous_version_number VARCHAR(50),
  pipeline_id VARCHAR(100),
  stage VARCHAR(20),
  reason TEXT,
  details JSONB,
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, id)
);

CREATE TABLE model_inference_results (
  store_id VARCHAR(100) NOT NULL,
  id INTEGER NOT NULL,
  inference_id VARCHAR(100) NOT NULL,
  model_id VARCHAR(100),
  model_version VARCHAR(50) NOT NULL,
  input_data_hash VARCHAR(64),
  input_metadata JSONB,
  input_timestamp TIMESTAMPTZ NOT NULL,
  inference_results JSONB NOT NULL,
  confidence_scores JSONB,
  processing_time_ms INTEGER,
  result_quality_score NUMERIC,
  result_validation_status VARCHAR(20) DEFAULT 'valid',
  gpu_utilization_percent NUMERIC,
  memory_usage_mb NUMERIC,
  batch_size INTEGER,
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  camera_id VARCHAR(100),
  frame_index INTEGER,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, inference_id),
  FOREIGN KEY (store_id, model_id) REFERENCES ai_models(store_id, model_id) DEFERRABLE INITIALLY DEFERRED
);

-- Detections and tracks go with their inference (as in the shop, so the seed's cleanup can delete).
CREATE TABLE detection_results (
  store_id VARCHAR(100) NOT NULL,
  id INTEGER NOT NULL,
  inference_id VARCHAR(100),
  detection_id VARCHAR(100) NOT NULL,
  object_class VARCHAR(50) NOT NULL,
  confidence_score NUMERIC NOT NULL,
  bbox_x INTEGER NOT NULL,
  bbox_y INTEGER NOT NULL,
  bbox_width INTEGER NOT NULL,
  bbox_height INTEGER NOT NULL,
  object_attributes JSONB,
  pose_estimation JSONB,
  detection_quality NUMERIC,
  occlusion_level NUMERIC,
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, detection_id),
  FOREIGN KEY (store_id, inference_id) REFERENCES model_inference_results(store_id, inference_id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE tracking_results (
  store_id VARCHAR(100) NOT NULL,
  id INTEGER NOT NULL,
  inference_id VARCHAR(100),
  track_id VARCHAR(100) NOT NULL,
  detection_id VARCHAR(100),
  tracking_confidence NUMERIC,
  position_x INTEGER NOT NULL,
  position_y INTEGER NOT NULL,
  velocity_x NUMERIC,
  velocity_y NUMERIC,
  speed NUMERIC,
  tracking_status VARCHAR(20) DEFAULT 'active',
  track_age_frames INTEGER,
  trajectory_points JSONB,
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, inference_id) REFERENCES model_inference_results(store_id, inference_id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (store_id, detection_id) REFERENCES detection_results(store_id, detection_id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE counting_results (
  store_id VARCHAR(100) NOT NULL,
  id INTEGER NOT NULL,
  inference_id VARCHAR(100),
  counting_event_id VARCHAR(100) NOT NULL,
  event_type VARCHAR(20) NOT NULL,
  direction VARCHAR(20),
  track_id VARCHAR(100),
  detection_id VARCHAR(100),
  entry_point JSONB,
  exit_point JSONB,
  path_trajectory JSONB,
  current_count_in INTEGER,
  current_count_out INTEGER,
  current_total INTEGER,
  event_confidence NUMERIC,
  processing_time_ms INTEGER,
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  camera_id VARCHAR(100),
  line_id INTEGER,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, counting_event_id)
);

-- Footfall: in/out per shop, camera, line, UTC hour and the model version that counted them,
-- kept by the shop as it writes counting events. Key columns are NOT NULL ('' / 0 = none) as in
-- the shop, so the key means the same on both sides.
CREATE TABLE counting_hourly (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  hour_start TIMESTAMPTZ NOT NULL,
  camera_id VARCHAR(100) NOT NULL,
  line_id INTEGER NOT NULL,
  model_id VARCHAR(100) NOT NULL,
  model_version VARCHAR(50) NOT NULL,
  count_in INTEGER NOT NULL DEFAULT 0,
  count_out INTEGER NOT NULL DEFAULT 0,
  updated_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, hour_start, camera_id, line_id, model_id, model_version)
);

CREATE TABLE model_performance_metrics (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  model_id VARCHAR(100),
  model_version VARCHAR(50) NOT NULL,
  metric_timestamp TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  accuracy_score NUMERIC,
  precision_score NUMERIC,
  recall_score NUMERIC,
  f1_score NUMERIC,
  inference_latency_ms INTEGER,
  throughput_fps NUMERIC,
  gpu_utilization_percent NUMERIC,
  memory_usage_mb NUMERIC,
  false_positive_rate NUMERIC,
  false_negative_rate NUMERIC,
  detection_rate NUMERIC,
  cost_per_inference NUMERIC,
  revenue_per_inference NUMERIC,
  roi_percentage NUMERIC,
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, model_id) REFERENCES ai_models(store_id, model_id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE model_drift_metrics (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  model_id VARCHAR(100),
  drift_timestamp TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  data_drift_score NUMERIC,
  concept_drift_score NUMERIC,
  model_drift_score NUMERIC,
  drift_type VARCHAR(50),
  drift_severity VARCHAR(20),
  drift_features JSONB,
  is_alerted BOOLEAN DEFAULT FALSE,
  alert_threshold NUMERIC DEFAULT 0.8,
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, model_id) REFERENCES ai_models(store_id, model_id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE model_comparison_metrics (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  comparison_id VARCHAR(100) NOT NULL,
  baseline_model_id VARCHAR(100),
  challenger_model_id VARCHAR(100),
  accuracy_improvement NUMERIC,
  precision_improvement NUMERIC,
  recall_improvement NUMERIC,
  f1_improvement NUMERIC,
  latency_improvement_percent NUMERIC,
  throughput_improvement_percent NUMERIC,
  cost_improvement_percent NUMERIC,
  is_statistically_significant BOOLEAN,
  p_value NUMERIC,
  confidence_interval JSONB,
  comparison_status VARCHAR(20) DEFAULT 'running',
  winner_model_id VARCHAR(100),
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  completed_at TIMESTAMPTZ,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, comparison_id),
  FOREIGN KEY (store_id, baseline_model_id) REFERENCES ai_models(store_id, model_id) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (store_id, challenger_model_id) REFERENCES ai_models(store_id, model_id) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (store_id, winner_model_id) REFERENCES ai_models(store_id, model_id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE ab_testing_experiments (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  experiment_id VARCHAR(100) NOT NULL,
  experiment_name VARCHAR(200) NOT NULL,
  baseline_model_id VARCHAR(100),
  challenger_model_id VARCHAR(100),
  traffic_split_percent INTEGER DEFAULT 50,
  traffic_split_method VARCHAR(50) DEFAULT 'random',
  experiment_duration_days INTEGER DEFAULT 7,
  minimum_sample_size INTEGER DEFAULT 1000,
  confidence_level NUMERIC DEFAULT 0.95,
  experiment_status VARCHAR(20) DEFAULT 'draft',
  start_date TIMESTAMPTZ,
  end_date TIMESTAMPTZ,
  success_metrics JSONB,
  success_thresholds JSONB,
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, experiment_id),
  FOREIGN KEY (store_id, baseline_model_id) REFERENCES ai_models(store_id, model_id) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (store_id, challenger_model_id) REFERENCES ai_models(store_id, model_id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE ab_testing_assignments (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  experiment_id VARCHAR(100),
  user_id INTEGER,
  session_id VARCHAR(100),
  assigned_model_id VARCHAR(100),
  assigned_group VARCHAR(20) NOT NULL,
  assignment_timestamp TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  assignment_reason VARCHAR(50),
  assignment_confidence NUMERIC,
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, experiment_id) REFERENCES ab_testing_experiments(store_id, experiment_id) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (store_id, user_id) REFERENCES users(store_id, id) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (store_id, assigned_model_id) REFERENCES ai_models(store_id, model_id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE ab_testing_results (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  experiment_id VARCHAR(100),
  result_timestamp TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  group_name VARCHAR(20) NOT NULL,
  sample_size INTEGER,
  accuracy_score NUMERIC,
  precision_score NUMERIC,
  recall_score NUMERIC,
  f1_score NUMERIC,
  conversion_rate NUMERIC,
  revenue_per_user NUMERIC,
  cost_per_user NUMERIC,
  is_statistically_significant BOOLEAN,
  p_value NUMERIC,
  confidence_interval JSONB,
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, experiment_id) REFERENCES ab_testing_experiments(store_id, experiment_id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE ab_testing_conclusions (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  experiment_id VARCHAR(100),
  winner_model_id VARCHAR(100),
  conclusion_reason TEXT,
  recommendation VARCHAR(50),
  expected_improvement_percent NUMERIC,
  confidence_level NUMERIC,
  risk_assessment VARCHAR(20),
  deployment_strategy VARCHAR(50),
  deployment_timeline_days INTEGER,
  reviewed_by INTEGER,
  reviewed_at TIMESTAMPTZ,
  review_notes TEXT,
  created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, experiment_id) REFERENCES ab_testing_experiments(store_id, experiment_id) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (store_id, winner_model_id) REFERENCES ai_models(store_id, model_id) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (store_id, reviewed_by) REFERENCES users(store_id, id) DEFERRABLE INITIALLY DEFERRED
);

-- Targets of cleanup_old_ai_data(): the source's columns in the source's order (the seed copies
-- with SELECT *), plus archived_at. No keys: archived rows are history.
CREATE TABLE inference_results_archive (LIKE model_inference_results INCLUDING DEFAULTS);
ALTER TABLE inference_results_archive ADD COLUMN archived_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP;
CREATE TABLE performance_metrics_archive (LIKE model_performance_metrics INCLUDING DEFAULTS);
ALTER TABLE performance_metrics_archive ADD COLUMN archived_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP;
CREATE TABLE ab_results_archive (LIKE ab_testing_results INCLUDING DEFAULTS);
ALTER TABLE ab_results_archive ADD COLUMN archived_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- The seed's indexes, as written.
CREATE INDEX idx_ai_models_active ON ai_models(is_active) WHERE is_active = TRUE;
CREATE INDEX idx_ai_models_production ON ai_models(is_production) WHERE is_production = TRUE;
CREATE INDEX idx_ai_models_type ON ai_models(model_type);
CREATE INDEX idx_model_versions_model_version ON model_versions(model_id, version_number);
CREATE INDEX idx_model_versions_deployment ON model_versions(deployment_status, deployment_timestamp);
CREATE INDEX idx_inference_results_model_timestamp ON model_inference_results(model_id, input_timestamp DESC);
CREATE INDEX idx_inference_results_quality ON model_inference_results(result_quality_score) WHERE result_quality_score > 0.5;
CREATE INDEX idx_detection_results_inference ON detection_results(inference_id);
CREATE INDEX idx_detection_results_confidence ON detection_results(confidence_score) WHERE confidence_score > 0.7;
CREATE INDEX idx_tracking_results_track_id ON tracking_results(track_id);
CREATE INDEX idx_tracking_results_status ON tracking_results(tracking_status);
CREATE INDEX idx_performance_metrics_model_timestamp ON model_performance_metrics(model_id, metric_timestamp DESC);
CREATE INDEX idx_drift_metrics_model_timestamp ON model_drift_metrics(model_id, drift_timestamp DESC);
CREATE INDEX idx_ab_experiments_status ON ab_testing_experiments(experiment_status);
CREATE INDEX idx_ab_assignments_experiment_user ON ab_testing_assignments(experiment_id, user_id);
CREATE INDEX idx_ab_results_experiment_group ON ab_testing_results(experiment_id, group_name);

-- Chain additions: the report reads counting events per store and time, retention by time.
CREATE INDEX idx_counting_results_store_created ON counting_results(store_id, created_at);
CREATE INDEX idx_counting_hourly_store_hour ON counting_hourly(store_id, hour_start);
CREATE INDEX idx_inference_results_input_timestamp ON model_inference_results(input_timestamp);
CREATE INDEX idx_tracking_results_inference ON tracking_results(store_id, inference_id);
CREATE INDEX idx_tracking_results_detection ON tracking_results(store_id, detection_id);
CREATE INDEX idx_detection_results_store_inference ON detection_results(store_id, inference_id);

-- The seed's retention function, as written.
CREATE OR REPLACE FUNCTION cleanup_old_ai_data()
RETURNS VOID AS $$
BEGIN
    -- Archive old inference results (keep 90 days, archive older)
    INSERT INTO inference_results_archive
    SELECT * FROM model_inference_results
    WHERE input_timestamp < NOW() - INTERVAL '90 days';

    DELETE FROM model_inference_results
    WHERE input_timestamp < NOW() - INTERVAL '90 days';

    -- Archive old performance metrics (keep 1 year)
    INSERT INTO performance_metrics_archive
    SELECT * FROM model_performance_metrics
    WHERE metric_timestamp < NOW() - INTERVAL '1 year';

    DELETE FROM model_performance_metrics
    WHERE metric_timestamp < NOW() - INTERVAL '1 year';

    -- Archive old A/B testing results (keep 2 years)
    INSERT INTO ab_results_archive
    SELECT * FROM ab_testing_results
    WHERE result_timestamp < NOW() - INTERVAL '2 years';

    DELETE FROM ab_testing_results
    WHERE result_timestamp < NOW() - INTERVAL '2 years';
END;
$$ LANGUAGE plpgsql;
`;
