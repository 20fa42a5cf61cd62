// Immutable once released (see 0001 for the translation rules). Footfall's own tables (not in the
// seed) for the model registry's deployments.
//
// "Exactly one production version per model type per camera" needs a place that says which
// version runs where; the seed's ai_models.is_production is one flag per model and cannot say
// "camera 2 runs 1.1.0 while the rest run 1.0.0". camera_model_deployments holds the pointer:
// - camera_id NULL is the site default (every camera); a camera's own row overrides it.
// - role 'production' is the counted version; 'canary' is the pipeline's canary stage on one camera
//   (the camera counts with it until the version reaches production or the pipeline is abandoned).
// - one row per (scope, model_type, role), enforced by a unique index over ifnull(camera_id, '')
//   because SQLite treats NULLs as distinct in a plain UNIQUE constraint.
// ai_models.is_production / deployment_status are kept consistent with this table by the
// registry (src/engine/registry/production-flags.ts).
//
// model_deployment_events is the append-only history: every promotion, canary, rollback, stage
// result, hot swap and failed model load, in order. Rollback replays it per scope to find the
// previous production version. No foreign keys: history outlives cameras and deleted models.
export const sql = `
CREATE TABLE camera_model_deployments (
  id INTEGER PRIMARY KEY,
  camera_id TEXT REFERENCES cameras(camera_id) ON DELETE CASCADE CHECK (length(camera_id) BETWEEN 1 AND 100),
  model_type TEXT NOT NULL CHECK (model_type IN ('detection', 'tracking', 'counting', 'classification')),
  role TEXT NOT NULL DEFAULT 'production' CHECK (role IN ('production', 'canary')),
  model_id TEXT NOT NULL REFERENCES ai_models(model_id) CHECK (length(model_id) <= 100),
  version_number TEXT NOT NULL CHECK (length(version_number) <= 50),
  pipeline_id TEXT REFERENCES model_deployment_pipeline(pipeline_id) ON DELETE SET NULL CHECK (length(pipeline_id) <= 100),
  deployed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (deployed_at = strftime('%Y-%m-%dT%H:%M:%fZ', deployed_at)),
  FOREIGN KEY (model_id, version_number) REFERENCES model_versions(model_id, version_number),
  -- a canary always runs on one named camera
  CHECK (role = 'production' OR camera_id IS NOT NULL)
) STRICT;

CREATE UNIQUE INDEX ux_camera_model_deployments_scope ON camera_model_deployments(ifnull(camera_id, ''), model_type, role);
CREATE INDEX idx_camera_model_deployments_model ON camera_model_deployments(model_id, version_number);
CREATE INDEX idx_camera_model_deployments_pipeline ON camera_model_deployments(pipeline_id);

CREATE TABLE model_deployment_events (
  id INTEGER PRIMARY KEY,
  event_type TEXT NOT NULL CHECK (event_type IN (
    'stage_started', 'stage_completed', 'stage_failed', 'stage_skipped',
    'canary', 'promoted', 'rolled_back', 'swapped', 'load_failed')),
  camera_id TEXT CHECK (length(camera_id) BETWEEN 1 AND 100),
  model_type TEXT CHECK (model_type IN ('detection', 'tracking', 'counting', 'classification')),
  model_id TEXT CHECK (length(model_id) <= 100),
  version_number TEXT CHECK (length(version_number) <= 50),
  previous_model_id TEXT CHECK (length(previous_model_id) <= 100),
  previous_version_number TEXT CHECK (length(previous_version_number) <= 50),
  pipeline_id TEXT CHECK (length(pipeline_id) <= 100),
  stage TEXT CHECK (stage IN ('validate', 'benchmark', 'shadow', 'canary', 'production')),
  reason TEXT,
  details TEXT CHECK (details IS NULL OR json_valid(details)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

CREATE INDEX idx_model_deployment_events_scope ON model_deployment_events(model_type, camera_id, id);
CREATE INDEX idx_model_deployment_events_model ON model_deployment_events(model_id, version_number, id);
CREATE INDEX idx_model_deployment_events_pipeline ON model_deployment_events(pipeline_id, id);

-- Databases registered before this migration: the model marked in production (its current
-- version) becomes the site default, so counting keeps the model it had.
INSERT INTO camera_model_deployments (camera_id, model_type, role, model_id, version_number)
SELECT NULL, m.model_type, 'production', m.model_id, v.version_number
FROM ai_models m JOIN model_versions v ON v.model_id = m.model_id AND v.version_number = m.model_version
WHERE m.is_production = 1
  AND m.id = (SELECT min(m2.id) FROM ai_models m2
              JOIN model_versions v2 ON v2.model_id = m2.model_id AND v2.version_number = m2.model_version
              WHERE m2.is_production = 1 AND m2.model_type = m.model_type);

INSERT INTO model_deployment_events (event_type, camera_id, model_type, model_id, version_number, reason)
SELECT 'promoted', NULL, model_type, model_id, version_number, 'in production before deployments were tracked (migration 0008)'
FROM camera_model_deployments ORDER BY id;
`;
