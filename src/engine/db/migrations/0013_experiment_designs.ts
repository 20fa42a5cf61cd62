// Immutable once released (see 0001 for the translation rules).
// Experiments (issue 9). The seed's ab_testing_experiments names models, not versions, and has no
// room for the mode, split, seed or guards of an experiment between two versions of a detector;
// ab_testing_results has one row per group without frames, crossings or latency. These two tables
// extend them one to one (the seed's rows are still written, and stay the ones other tools read):
//   ab_experiment_designs  one row per experiment: versions, mode, split, seed, guards, costs
//   ab_interval_metrics    one row per ab_testing_results row: an arm's figures over one interval
export const sql = `
CREATE TABLE ab_experiment_designs (
  experiment_id TEXT PRIMARY KEY REFERENCES ab_testing_experiments(experiment_id) ON DELETE CASCADE CHECK (length(experiment_id) <= 100),
  baseline_version TEXT NOT NULL CHECK (length(baseline_version) <= 50),
  challenger_version TEXT NOT NULL CHECK (length(challenger_version) <= 50),
  mode TEXT NOT NULL CHECK (mode IN ('shadow', 'ab')),
  split TEXT NOT NULL CHECK (split IN ('frame', 'camera', 'slot')),
  success_metric TEXT NOT NULL DEFAULT 'crossings' CHECK (success_metric IN ('crossings', 'f1')),
  seed TEXT NOT NULL CHECK (length(seed) BETWEEN 1 AND 100),
  interval_s REAL NOT NULL CHECK (interval_s > 0),
  slot_minutes REAL CHECK (slot_minutes > 0),
  burn_in_s REAL NOT NULL DEFAULT 0 CHECK (burn_in_s >= 0),
  camera_ids TEXT CHECK (camera_ids IS NULL OR (json_valid(camera_ids) AND json_type(camera_ids) = 'array')),
  max_count_difference REAL NOT NULL CHECK (max_count_difference BETWEEN 0 AND 1),
  max_latency_ratio REAL NOT NULL CHECK (max_latency_ratio > 0),
  device_watts REAL NOT NULL CHECK (device_watts >= 0),
  energy_price_per_kwh REAL NOT NULL CHECK (energy_price_per_kwh >= 0),
  created_by TEXT CHECK (length(created_by) <= 100),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at))
) STRICT;

CREATE TABLE ab_interval_metrics (
  id INTEGER PRIMARY KEY,
  result_id INTEGER NOT NULL UNIQUE REFERENCES ab_testing_results(id) ON DELETE CASCADE,
  experiment_id TEXT NOT NULL REFERENCES ab_testing_experiments(experiment_id) ON DELETE CASCADE CHECK (length(experiment_id) <= 100),
  run_id TEXT NOT NULL CHECK (length(run_id) <= 100),
  interval_index INTEGER NOT NULL CHECK (interval_index >= 0),
  unit TEXT NOT NULL CHECK (length(unit) <= 120),
  arm TEXT NOT NULL CHECK (arm IN ('baseline', 'challenger')),
  interval_start TEXT NOT NULL CHECK (interval_start = strftime('%Y-%m-%dT%H:%M:%fZ', interval_start)),
  interval_end TEXT NOT NULL CHECK (interval_end = strftime('%Y-%m-%dT%H:%M:%fZ', interval_end)),
  exposure_s REAL NOT NULL CHECK (exposure_s >= 0),
  frames INTEGER NOT NULL CHECK (frames >= 0),
  skipped_frames INTEGER NOT NULL DEFAULT 0 CHECK (skipped_frames >= 0),
  in_count INTEGER NOT NULL CHECK (in_count >= 0),
  out_count INTEGER NOT NULL CHECK (out_count >= 0),
  -- shadow: share of this interval's crossings both arms counted (same line, direction, ~1 s)
  agreement REAL CHECK (agreement BETWEEN 0 AND 1),
  latency_ms REAL CHECK (latency_ms >= 0),
  cpu_ms REAL CHECK (cpu_ms >= 0),
  cost_per_1000_frames REAL CHECK (cost_per_1000_frames >= 0),
  true_positives INTEGER CHECK (true_positives >= 0),
  false_positives INTEGER CHECK (false_positives >= 0),
  false_negatives INTEGER CHECK (false_negatives >= 0),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  UNIQUE (experiment_id, run_id, interval_index, unit, arm)
) STRICT;

CREATE INDEX idx_ab_interval_metrics_experiment ON ab_interval_metrics(experiment_id, interval_index);

-- Matched true crossings of a shadow run, for McNemar's test (one row per true crossing).
CREATE TABLE ab_truth_matches (
  id INTEGER PRIMARY KEY,
  experiment_id TEXT NOT NULL REFERENCES ab_testing_experiments(experiment_id) ON DELETE CASCADE CHECK (length(experiment_id) <= 100),
  run_id TEXT NOT NULL CHECK (length(run_id) <= 100),
  truth_index INTEGER NOT NULL CHECK (truth_index >= 0),
  baseline_found INTEGER NOT NULL CHECK (baseline_found IN (0, 1)),
  challenger_found INTEGER NOT NULL CHECK (challenger_found IN (0, 1)),
  UNIQUE (experiment_id, run_id, truth_index)
) STRICT;
`;
