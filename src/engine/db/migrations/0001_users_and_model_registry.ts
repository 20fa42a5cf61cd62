// Immutable once released: migrate() refuses a database whose recorded hash of this SQL differs.
// Translation rules for the seed's PostgreSQL DDL (see docs/seed-ai-model-data-integration.md):
// SERIAL → INTEGER PRIMARY KEY; VARCHAR(n) → TEXT CHECK (length <= n); DECIMAL → REAL with the range
// the seed implies; BOOLEAN → INTEGER CHECK IN (0, 1); JSONB → TEXT CHECK json_valid; TIMESTAMP →
// TEXT in the one UTC form strftime('%Y-%m-%dT%H:%M:%fZ') (checked, so TEXT order = time order).
// Tables are STRICT so a float never lands silently in an INTEGER column. Defaulted timestamps are
// NOT NULL: a row without its time is invisible to retention and dashboards. updated_at is kept
// by triggers (one mechanism for every writer: repositories, CLI, ad-hoc SQL); an UPDATE that sets
// updated_at itself is respected.
export const sql = `
-- The seed references users(id) but does not define it.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 100),
  display_name TEXT CHECK (length(display_name) <= 200),
  email TEXT CHECK (length(email) <= 200),
  role TEXT NOT NULL DEFAULT 'viewer' CHECK (role IN ('admin', 'technician', 'operator', 'viewer')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at))
) STRICT;

CREATE TRIGGER users_touch_updated_at AFTER UPDATE ON users
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE users SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE TABLE ai_models (
  id INTEGER PRIMARY KEY,
  model_id TEXT UNIQUE NOT NULL CHECK (length(model_id) <= 100),
  model_name TEXT NOT NULL CHECK (length(model_name) <= 200),
  model_type TEXT NOT NULL CHECK (model_type IN ('detection', 'tracking', 'counting', 'classification')),
  model_description TEXT,
  model_version TEXT DEFAULT '1.0.0' CHECK (length(model_version) <= 50),
  -- open lists in the seed ("tensorflow, pytorch, onnx, etc."): length only
  model_framework TEXT CHECK (length(model_framework) <= 50),
  model_format TEXT CHECK (length(model_format) <= 50),
  model_config TEXT CHECK (model_config IS NULL OR json_valid(model_config)),
  model_parameters INTEGER CHECK (model_parameters >= 0),
  model_size_mb REAL CHECK (model_size_mb >= 0),
  accuracy_score REAL CHECK (accuracy_score BETWEEN 0 AND 100),
  precision_score REAL CHECK (precision_score BETWEEN 0 AND 100),
  recall_score REAL CHECK (recall_score BETWEEN 0 AND 100),
  f1_score REAL CHECK (f1_score BETWEEN 0 AND 100),
  is_active INTEGER DEFAULT 1 CHECK (is_active IN (0, 1)),
  is_production INTEGER DEFAULT 0 CHECK (is_production IN (0, 1)),
  deployment_status TEXT DEFAULT 'development' CHECK (deployment_status IN ('development', 'testing', 'production', 'archived')),
  model_path TEXT CHECK (length(model_path) <= 500),
  model_checksum TEXT CHECK (length(model_checksum) <= 64),
  model_metadata_path TEXT CHECK (length(model_metadata_path) <= 500),
  -- Footfall addition: model licences must be shown (the default YOLOv8n is AGPL-3.0).
  licence TEXT CHECK (length(licence) <= 100),
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at))
) STRICT;

CREATE TRIGGER ai_models_touch_updated_at AFTER UPDATE ON ai_models
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE ai_models SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE TABLE model_versions (
  id INTEGER PRIMARY KEY,
  model_id TEXT REFERENCES ai_models(model_id) CHECK (length(model_id) <= 100),
  version_number TEXT NOT NULL CHECK (length(version_number) <= 50),
  version_description TEXT,
  version_changes TEXT,
  version_commit_hash TEXT CHECK (length(version_commit_hash) <= 64),
  model_file_path TEXT CHECK (length(model_file_path) <= 500),
  model_file_size_mb REAL CHECK (model_file_size_mb >= 0),
  model_file_checksum TEXT CHECK (length(model_file_checksum) <= 64),
  training_dataset TEXT CHECK (length(training_dataset) <= 200),
  training_metrics TEXT CHECK (training_metrics IS NULL OR json_valid(training_metrics)),
  training_duration_hours REAL CHECK (training_duration_hours >= 0),
  validation_accuracy REAL CHECK (validation_accuracy BETWEEN 0 AND 100),
  validation_precision REAL CHECK (validation_precision BETWEEN 0 AND 100),
  validation_recall REAL CHECK (validation_recall BETWEEN 0 AND 100),
  validation_f1 REAL CHECK (validation_f1 BETWEEN 0 AND 100),
  deployment_timestamp TEXT CHECK (deployment_timestamp = strftime('%Y-%m-%dT%H:%M:%fZ', deployment_timestamp)),
  deployment_environment TEXT CHECK (deployment_environment IN ('dev', 'staging', 'production')),
  -- the seed lists no values for this one (only the default): length only
  deployment_status TEXT DEFAULT 'not_deployed' CHECK (length(deployment_status) <= 20),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  UNIQUE (model_id, version_number)
) STRICT;

CREATE TRIGGER model_versions_touch_updated_at AFTER UPDATE ON model_versions
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE model_versions SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE TABLE model_training_history (
  id INTEGER PRIMARY KEY,
  model_id TEXT REFERENCES ai_models(model_id) CHECK (length(model_id) <= 100),
  training_run_id TEXT UNIQUE NOT NULL CHECK (length(training_run_id) <= 100),
  training_config TEXT CHECK (training_config IS NULL OR json_valid(training_config)),
  dataset_config TEXT CHECK (dataset_config IS NULL OR json_valid(dataset_config)),
  training_accuracy REAL CHECK (training_accuracy BETWEEN 0 AND 100),
  training_loss REAL,
  validation_accuracy REAL CHECK (validation_accuracy BETWEEN 0 AND 100),
  validation_loss REAL,
  epochs_completed INTEGER CHECK (epochs_completed >= 0),
  total_epochs INTEGER CHECK (total_epochs >= 0),
  training_duration_hours REAL CHECK (training_duration_hours >= 0),
  training_status TEXT DEFAULT 'running' CHECK (training_status IN ('running', 'completed', 'failed', 'cancelled')),
  error_message TEXT,
  gpu_usage_percent REAL CHECK (gpu_usage_percent BETWEEN 0 AND 100),
  memory_usage_gb REAL CHECK (memory_usage_gb >= 0),
  cpu_usage_percent REAL CHECK (cpu_usage_percent BETWEEN 0 AND 100),
  started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (started_at = strftime('%Y-%m-%dT%H:%M:%fZ', started_at)),
  completed_at TEXT CHECK (completed_at = strftime('%Y-%m-%dT%H:%M:%fZ', completed_at)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

CREATE INDEX idx_ai_models_active ON ai_models(is_active) WHERE is_active = 1;
CREATE INDEX idx_ai_models_production ON ai_models(is_production) WHERE is_production = 1;
CREATE INDEX idx_ai_models_type ON ai_models(model_type);
CREATE INDEX idx_model_versions_model_version ON model_versions(model_id, version_number);
CREATE INDEX idx_model_versions_deployment ON model_versions(deployment_status, deployment_timestamp);
`;
