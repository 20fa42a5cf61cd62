// Immutable once released (see 0001 for the translation rules).
export const sql = `
CREATE TABLE model_version_control (
  id INTEGER PRIMARY KEY,
  model_id TEXT REFERENCES ai_models(model_id) CHECK (length(model_id) <= 100),
  version_number TEXT NOT NULL CHECK (length(version_number) <= 50),
  parent_version TEXT CHECK (length(parent_version) <= 50),
  branch_name TEXT CHECK (length(branch_name) <= 100),
  commit_hash TEXT CHECK (length(commit_hash) <= 64),
  commit_message TEXT,
  changes_summary TEXT,
  changes_details TEXT CHECK (changes_details IS NULL OR json_valid(changes_details)),
  files_changed INTEGER CHECK (files_changed >= 0),
  lines_added INTEGER CHECK (lines_added >= 0),
  lines_deleted INTEGER CHECK (lines_deleted >= 0),
  author_name TEXT CHECK (length(author_name) <= 200),
  author_email TEXT CHECK (length(author_email) <= 200),
  commit_timestamp TEXT CHECK (commit_timestamp = strftime('%Y-%m-%dT%H:%M:%fZ', commit_timestamp)),
  review_status TEXT DEFAULT 'pending' CHECK (review_status IN ('pending', 'approved', 'rejected')),
  reviewed_by INTEGER REFERENCES users(id),
  reviewed_at TEXT CHECK (reviewed_at = strftime('%Y-%m-%dT%H:%M:%fZ', reviewed_at)),
  review_notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

CREATE TABLE model_branches (
  id INTEGER PRIMARY KEY,
  branch_name TEXT UNIQUE NOT NULL CHECK (length(branch_name) <= 100),
  base_version TEXT NOT NULL CHECK (length(base_version) <= 50),
  branch_description TEXT,
  -- open list in the seed ("feature, bugfix, experiment, etc."): length only
  branch_purpose TEXT CHECK (length(branch_purpose) <= 50),
  branch_status TEXT DEFAULT 'active' CHECK (branch_status IN ('active', 'merged', 'abandoned')),
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  merged_at TEXT CHECK (merged_at = strftime('%Y-%m-%dT%H:%M:%fZ', merged_at)),
  merged_to TEXT REFERENCES model_branches(branch_name) CHECK (length(merged_to) <= 100)
) STRICT;

CREATE TABLE model_deployment_pipeline (
  id INTEGER PRIMARY KEY,
  pipeline_id TEXT UNIQUE NOT NULL CHECK (length(pipeline_id) <= 100),
  model_id TEXT REFERENCES ai_models(model_id) CHECK (length(model_id) <= 100),
  version_number TEXT NOT NULL CHECK (length(version_number) <= 50),
  pipeline_stages TEXT CHECK (pipeline_stages IS NULL OR json_valid(pipeline_stages)),
  current_stage TEXT CHECK (length(current_stage) <= 50),
  stage_status TEXT DEFAULT 'pending' CHECK (stage_status IN ('pending', 'running', 'completed', 'failed')),
  deployment_config TEXT CHECK (deployment_config IS NULL OR json_valid(deployment_config)),
  environment_config TEXT CHECK (environment_config IS NULL OR json_valid(environment_config)),
  pipeline_status TEXT DEFAULT 'pending' CHECK (pipeline_status IN ('pending', 'running', 'completed', 'failed')),
  pipeline_started_at TEXT CHECK (pipeline_started_at = strftime('%Y-%m-%dT%H:%M:%fZ', pipeline_started_at)),
  pipeline_completed_at TEXT CHECK (pipeline_completed_at = strftime('%Y-%m-%dT%H:%M:%fZ', pipeline_completed_at)),
  can_rollback INTEGER DEFAULT 1 CHECK (can_rollback IN (0, 1)),
  rollback_version TEXT CHECK (length(rollback_version) <= 50),
  rollback_reason TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at))
) STRICT;

CREATE TRIGGER model_deployment_pipeline_touch_updated_at AFTER UPDATE ON model_deployment_pipeline
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE model_deployment_pipeline SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;
`;
