// Immutable once applied (see 0001). What the shop added in its migrations 0013–0017 (forwarded
// by its 0018): experiment designs, interval figures and truth matches (0013), the live
// performance columns of model_performance_metrics (0015), the till's hourly sales and the
// business figures (0016), the audits and their metrics (0017). Same rules as 0001: every table
// has store_id and is keyed by (store_id, natural key), else (store_id, id); REAL → NUMERIC,
// timestamps → TIMESTAMPTZ, 0/1 → BOOLEAN, JSON → JSONB; same row-level security as 0002/0003.
// - audit_items has no picture column (nor its size or expiry): evidence pictures never leave
//   the shop, and the central schema is the forwarder's allow-list.
// - No foreign key to model_performance_metrics or ab_testing_results: cleanup_old_ai_data()
//   archives and deletes those, and their business/audit/interval rows are history too.
// - model_drift_metrics gains camera_id / model_version / drift_kind, generated from drift_features
//   (the shop keeps them there): the chain reads drift per camera without parsing JSON. Generated
//   columns are not in the shop's table, so the forwarder never writes them.
// - performance_metrics_archive must hold model_performance_metrics' columns in order, then
//   archived_at (cleanup_old_ai_data() copies with SELECT *): rebuilt with the new columns, its
//   rows kept.
export const sql = `
ALTER TABLE model_performance_metrics ADD COLUMN camera_id VARCHAR(100);
ALTER TABLE model_performance_metrics ADD COLUMN latency_p50_ms NUMERIC;
ALTER TABLE model_performance_metrics ADD COLUMN latency_p95_ms NUMERIC;
ALTER TABLE model_performance_metrics ADD COLUMN cpu_utilization_percent NUMERIC;
ALTER TABLE model_performance_metrics ADD COLUMN frames_processed BIGINT;
ALTER TABLE model_performance_metrics ADD COLUMN frames_dropped BIGINT;
ALTER TABLE model_performance_metrics ADD COLUMN sample_interval_s NUMERIC;
ALTER TABLE model_performance_metrics ADD COLUMN execution_provider VARCHAR(20);
CREATE INDEX idx_performance_metrics_live ON model_performance_metrics(store_id, camera_id, metric_timestamp) WHERE camera_id IS NOT NULL;

CREATE TABLE performance_metrics_archive_0004 (LIKE model_performance_metrics INCLUDING DEFAULTS);
ALTER TABLE performance_metrics_archive_0004 ADD COLUMN archived_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP;
INSERT INTO performance_metrics_archive_0004 (
  store_id, id, model_id, model_version, metric_timestamp, accuracy_score, precision_score, recall_score, f1_score,
  inference_latency_ms, throughput_fps, gpu_utilization_percent, memory_usage_mb, false_positive_rate, false_negative_rate,
  detection_rate, cost_per_inference, revenue_per_inference, roi_percentage, created_at, sync_seq, synced_at, archived_at)
SELECT
  store_id, id, model_id, model_version, metric_timestamp, accuracy_score, precision_score, recall_score, f1_score,
  inference_latency_ms, throughput_fps, gpu_utilization_percent, memory_usage_mb, false_positive_rate, false_negative_rate,
  detection_rate, cost_per_inference, revenue_per_inference, roi_percentage, created_at, sync_seq, synced_at, archived_at
FROM performance_metrics_archive;
DROP TABLE performance_metrics_archive;
ALTER TABLE performance_metrics_archive_0004 RENAME TO performance_metrics_archive;
ALTER TABLE performance_metrics_archive ENABLE ROW LEVEL SECURITY;
ALTER TABLE performance_metrics_archive FORCE ROW LEVEL SECURITY;
CREATE POLICY chain_all_rows ON performance_metrics_archive TO footfall_chain USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON performance_metrics_archive TO footfall_chain;

ALTER TABLE model_drift_metrics ADD COLUMN drift_kind VARCHAR(20) GENERATED ALWAYS AS (drift_features ->> 'kind') STORED;
ALTER TABLE model_drift_metrics ADD COLUMN camera_id VARCHAR(100) GENERATED ALWAYS AS (drift_features #>> '{camera,id}') STORED;
ALTER TABLE model_drift_metrics ADD COLUMN model_version VARCHAR(50) GENERATED ALWAYS AS (drift_features ->> 'modelVersion') STORED;
CREATE INDEX idx_drift_metrics_store_camera ON model_drift_metrics(store_id, camera_id, drift_timestamp);

CREATE TABLE ab_experiment_designs (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  experiment_id VARCHAR(100) NOT NULL,
  baseline_version VARCHAR(50) NOT NULL,
  challenger_version VARCHAR(50) NOT NULL,
  mode VARCHAR(20) NOT NULL,
  split VARCHAR(20) NOT NULL,
  success_metric VARCHAR(20) NOT NULL,
  seed VARCHAR(100) NOT NULL,
  interval_s NUMERIC NOT NULL,
  slot_minutes NUMERIC,
  burn_in_s NUMERIC NOT NULL,
  camera_ids JSONB,
  max_count_difference NUMERIC NOT NULL,
  max_latency_ratio NUMERIC NOT NULL,
  device_watts NUMERIC NOT NULL,
  energy_price_per_kwh NUMERIC NOT NULL,
  created_by VARCHAR(100),
  created_at TIMESTAMPTZ NOT NULL,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, experiment_id),
  FOREIGN KEY (store_id, experiment_id) REFERENCES ab_testing_experiments(store_id, experiment_id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE ab_interval_metrics (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  result_id INTEGER NOT NULL,
  experiment_id VARCHAR(100) NOT NULL,
  run_id VARCHAR(100) NOT NULL,
  interval_index INTEGER NOT NULL,
  unit VARCHAR(120) NOT NULL,
  arm VARCHAR(20) NOT NULL,
  interval_start TIMESTAMPTZ NOT NULL,
  interval_end TIMESTAMPTZ NOT NULL,
  exposure_s NUMERIC NOT NULL,
  frames BIGINT NOT NULL,
  skipped_frames BIGINT NOT NULL,
  in_count INTEGER NOT NULL,
  out_count INTEGER NOT NULL,
  agreement NUMERIC,
  latency_ms NUMERIC,
  cpu_ms NUMERIC,
  cost_per_1000_frames NUMERIC,
  true_positives INTEGER,
  false_positives INTEGER,
  false_negatives INTEGER,
  created_at TIMESTAMPTZ NOT NULL,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, experiment_id) REFERENCES ab_testing_experiments(store_id, experiment_id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX idx_ab_interval_metrics_experiment ON ab_interval_metrics(store_id, experiment_id, interval_index);

CREATE TABLE ab_truth_matches (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  experiment_id VARCHAR(100) NOT NULL,
  run_id VARCHAR(100) NOT NULL,
  truth_index INTEGER NOT NULL,
  baseline_found BOOLEAN NOT NULL,
  challenger_found BOOLEAN NOT NULL,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, experiment_id) REFERENCES ab_testing_experiments(store_id, experiment_id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE sales_hourly (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  hour TIMESTAMPTZ NOT NULL,
  camera_id VARCHAR(100) NOT NULL DEFAULT '',
  transactions INTEGER NOT NULL,
  revenue NUMERIC NOT NULL,
  source_file VARCHAR(255) NOT NULL,
  import_id VARCHAR(100) NOT NULL,
  imported_at TIMESTAMPTZ NOT NULL,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, hour, camera_id)
);

CREATE TABLE model_business_metrics (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  performance_metric_id INTEGER NOT NULL,
  model_id VARCHAR(100) NOT NULL,
  model_version VARCHAR(50) NOT NULL,
  camera_id VARCHAR(100) NOT NULL,
  period_start TIMESTAMPTZ NOT NULL,
  period_end TIMESTAMPTZ NOT NULL,
  inferences BIGINT NOT NULL,
  inference_seconds NUMERIC NOT NULL,
  device_power_watts NUMERIC NOT NULL,
  energy_price_per_kwh NUMERIC NOT NULL,
  energy_kwh NUMERIC NOT NULL,
  inference_cost NUMERIC NOT NULL,
  visitors INTEGER NOT NULL,
  sales_hours INTEGER NOT NULL,
  visitors_in_sales_hours INTEGER NOT NULL,
  transactions_attributed NUMERIC,
  revenue_attributed NUMERIC,
  conversion_rate NUMERIC,
  cost_per_visitor NUMERIC,
  revenue_per_visitor NUMERIC,
  currency VARCHAR(10) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX idx_business_metrics_key ON model_business_metrics(store_id, model_id, model_version, camera_id, period_start);

CREATE TABLE audit_items (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  camera_id VARCHAR(100) NOT NULL,
  model_id VARCHAR(100),
  model_version VARCHAR(50) NOT NULL,
  kind VARCHAR(20) NOT NULL,
  counting_event_id VARCHAR(100),
  direction VARCHAR(20),
  line_name VARCHAR(100),
  track_id BIGINT,
  people INTEGER NOT NULL,
  captured_at TIMESTAMPTZ NOT NULL,
  answer VARCHAR(20),
  answered_by INTEGER,
  answered_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, answered_by) REFERENCES users(store_id, id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX idx_audit_items_answered ON audit_items(store_id, camera_id, model_version, captured_at) WHERE answer IS NOT NULL;

CREATE TABLE audit_metrics (
  store_id VARCHAR(100) NOT NULL REFERENCES stores(store_id),
  id INTEGER NOT NULL,
  performance_metric_id INTEGER NOT NULL,
  model_id VARCHAR(100),
  model_version VARCHAR(50) NOT NULL,
  camera_id VARCHAR(100) NOT NULL,
  period_start TIMESTAMPTZ,
  period_end TIMESTAMPTZ,
  answers INTEGER NOT NULL,
  true_positives INTEGER NOT NULL,
  false_positives INTEGER NOT NULL,
  false_negatives INTEGER NOT NULL,
  confirmed_empty INTEGER NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  sync_seq BIGINT NOT NULL DEFAULT 0,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX idx_audit_metrics_key ON audit_metrics(store_id, model_id, model_version, camera_id, created_at);

DO $policies$
DECLARE
  t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'ab_experiment_designs', 'ab_interval_metrics', 'ab_truth_matches', 'sales_hourly',
    'model_business_metrics', 'audit_items', 'audit_metrics'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO footfall_shop', t);
    EXECUTE format(
      'CREATE POLICY shop_own_rows ON %I TO footfall_shop USING (store_id = (SELECT sync_current_store())) WITH CHECK (store_id = (SELECT sync_current_store()))',
      t);
    EXECUTE format('CREATE POLICY chain_all_rows ON %I TO footfall_chain USING (true) WITH CHECK (true)', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO footfall_chain', t);
  END LOOP;
END
$policies$;
`;
