// Immutable once released (see 0001 for the translation rules).
export const sql = `
CREATE TABLE ab_testing_experiments (
  id INTEGER PRIMARY KEY,
  experiment_id TEXT UNIQUE NOT NULL CHECK (length(experiment_id) <= 100),
  experiment_name TEXT NOT NULL CHECK (length(experiment_name) <= 200),
  baseline_model_id TEXT REFERENCES ai_models(model_id) CHECK (length(baseline_model_id) <= 100),
  challenger_model_id TEXT REFERENCES ai_models(model_id) CHECK (length(challenger_model_id) <= 100),
  traffic_split_percent INTEGER DEFAULT 50 CHECK (traffic_split_percent BETWEEN 0 AND 100),
  traffic_split_method TEXT DEFAULT 'random' CHECK (traffic_split_method IN ('random', 'user_id', 'session_id')),
  experiment_duration_days INTEGER DEFAULT 7 CHECK (experiment_duration_days >= 0),
  minimum_sample_size INTEGER DEFAULT 1000 CHECK (minimum_sample_size >= 0),
  confidence_level REAL DEFAULT 0.95 CHECK (confidence_level BETWEEN 0 AND 1),
  experiment_status TEXT DEFAULT 'draft' CHECK (experiment_status IN ('draft', 'running', 'completed', 'stopped')),
  start_date TEXT CHECK (start_date = strftime('%Y-%m-%dT%H:%M:%fZ', start_date)),
  end_date TEXT CHECK (end_date = strftime('%Y-%m-%dT%H:%M:%fZ', end_date)),
  success_metrics TEXT CHECK (success_metrics IS NULL OR json_valid(success_metrics)),
  success_thresholds TEXT CHECK (success_thresholds IS NULL OR json_valid(success_thresholds)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at))
) STRICT;

CREATE TRIGGER ab_testing_experiments_touch_updated_at AFTER UPDATE ON ab_testing_experiments
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE ab_testing_experiments SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE TABLE ab_testing_assignments (
  id INTEGER PRIMARY KEY,
  experiment_id TEXT REFERENCES ab_testing_experiments(experiment_id) CHECK (length(experiment_id) <= 100),
  user_id INTEGER REFERENCES users(id),
  session_id TEXT CHECK (length(session_id) <= 100),
  assigned_model_id TEXT REFERENCES ai_models(model_id) CHECK (length(assigned_model_id) <= 100),
  assigned_group TEXT NOT NULL CHECK (assigned_group IN ('baseline', 'challenger')),
  assignment_timestamp TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (assignment_timestamp = strftime('%Y-%m-%dT%H:%M:%fZ', assignment_timestamp)),
  -- open list in the seed ("random, user_id_hash, etc."): length only
  assignment_reason TEXT CHECK (length(assignment_reason) <= 50),
  assignment_confidence REAL CHECK (assignment_confidence BETWEEN 0 AND 1),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

CREATE TABLE ab_testing_results (
  id INTEGER PRIMARY KEY,
  experiment_id TEXT REFERENCES ab_testing_experiments(experiment_id) CHECK (length(experiment_id) <= 100),
  result_timestamp TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (result_timestamp = strftime('%Y-%m-%dT%H:%M:%fZ', result_timestamp)),
  group_name TEXT NOT NULL CHECK (group_name IN ('baseline', 'challenger')),
  sample_size INTEGER CHECK (sample_size >= 0),
  accuracy_score REAL CHECK (accuracy_score BETWEEN 0 AND 100),
  precision_score REAL CHECK (precision_score BETWEEN 0 AND 100),
  recall_score REAL CHECK (recall_score BETWEEN 0 AND 100),
  f1_score REAL CHECK (f1_score BETWEEN 0 AND 100),
  conversion_rate REAL CHECK (conversion_rate BETWEEN 0 AND 100),
  revenue_per_user REAL,
  cost_per_user REAL,
  is_statistically_significant INTEGER CHECK (is_statistically_significant IN (0, 1)),
  p_value REAL CHECK (p_value BETWEEN 0 AND 1),
  confidence_interval TEXT CHECK (confidence_interval IS NULL OR json_valid(confidence_interval)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

CREATE TABLE ab_testing_conclusions (
  id INTEGER PRIMARY KEY,
  experiment_id TEXT REFERENCES ab_testing_experiments(experiment_id) CHECK (length(experiment_id) <= 100),
  winner_model_id TEXT REFERENCES ai_models(model_id) CHECK (length(winner_model_id) <= 100),
  conclusion_reason TEXT,
  recommendation TEXT CHECK (recommendation IN ('deploy_challenger', 'keep_baseline', 'run_longer')),
  expected_improvement_percent REAL,
  confidence_level REAL CHECK (confidence_level BETWEEN 0 AND 1),
  risk_assessment TEXT CHECK (risk_assessment IN ('low', 'medium', 'high')),
  deployment_strategy TEXT CHECK (deployment_strategy IN ('immediate', 'gradual', 'canary')),
  deployment_timeline_days INTEGER CHECK (deployment_timeline_days >= 0),
  reviewed_by INTEGER REFERENCES users(id),
  reviewed_at TEXT CHECK (reviewed_at = strftime('%Y-%m-%dT%H:%M:%fZ', reviewed_at)),
  review_notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

CREATE INDEX idx_ab_experiments_status ON ab_testing_experiments(experiment_status);
CREATE INDEX idx_ab_assignments_experiment_user ON ab_testing_assignments(experiment_id, user_id);
CREATE INDEX idx_ab_results_experiment_group ON ab_testing_results(experiment_id, group_name);
`;
