import { beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/engine/db/migrations';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { SCHEMA_ENUMS } from '../../../src/shared/enums';
import { insertRow, migratedDb, snapshot, tableNames, thrownBy } from './db-test-helpers';

const T0 = '2025-03-01T10:00:00.000Z';

/** The smallest valid row of every table, referencing the base data below. */
const MINIMAL: Record<string, Record<string, unknown>> = {
  users: { username: 'someone' },
  ai_models: { model_id: 'm-new', model_name: 'New', model_type: 'detection' },
  model_versions: { model_id: 'm1', version_number: '9.9.9' },
  model_training_history: { model_id: 'm1', training_run_id: 'run-new' },
  model_version_control: { model_id: 'm1', version_number: '1.0.0' },
  model_branches: { branch_name: 'branch-new', base_version: '1.0.0' },
  model_deployment_pipeline: { pipeline_id: 'p-new', model_id: 'm1', version_number: '1.0.0' },
  model_inference_results: { inference_id: 'i-new', model_id: 'm1', model_version: '1.0.0', input_timestamp: T0, inference_results: '{}' },
  detection_results: {
    inference_id: 'i1', detection_id: 'd-new', object_class: 'person', confidence_score: 0.9, bbox_x: 1, bbox_y: 2, bbox_width: 3, bbox_height: 4,
  },
  tracking_results: { inference_id: 'i1', track_id: 't1', detection_id: 'd1', position_x: 1, position_y: 2 },
  counting_results: { inference_id: 'i1', counting_event_id: 'c-new', event_type: 'cross_line' },
  model_performance_metrics: { model_id: 'm1', model_version: '1.0.0' },
  model_drift_metrics: { model_id: 'm1' },
  model_comparison_metrics: { comparison_id: 'cmp-new', baseline_model_id: 'm1', challenger_model_id: 'm1' },
  ab_testing_experiments: { experiment_id: 'e-new', experiment_name: 'New' },
  ab_testing_assignments: { experiment_id: 'e1', assigned_group: 'baseline' },
  ab_testing_results: { experiment_id: 'e1', group_name: 'baseline' },
  ab_testing_conclusions: { experiment_id: 'e1' },
  ab_experiment_designs: {
    experiment_id: 'e1', baseline_version: '1.0.0', challenger_version: '1.0.1', mode: 'shadow', split: 'frame', seed: 's1', interval_s: 10,
    max_count_difference: 0.05, max_latency_ratio: 1.2, device_watts: 65, energy_price_per_kwh: 0.3, camera_ids: '["cam1"]',
  },
  ab_interval_metrics: {
    result_id: 1, experiment_id: 'e1', run_id: 'r1', interval_index: 0, unit: 'cam1', arm: 'baseline', interval_start: T0, interval_end: T0, exposure_s: 10,
    frames: 50, in_count: 1, out_count: 0,
  },
  ab_truth_matches: { experiment_id: 'e1', run_id: 'r1', truth_index: 0, baseline_found: 1, challenger_found: 0 },
  cameras: { camera_id: 'cam-new', name: 'New', source_kind: 'usb', url_redacted: '/dev/video1' },
  counting_lines: { camera_id: 'cam1', name: 'door', x1: 0, y1: 0, x2: 10, y2: 0 },
  counting_zones: { camera_id: 'cam1', name: 'till', polygon: '[[0,0],[10,0],[10,10]]' },
  camera_health_samples: { camera_id: 'cam1', state: 'live' },
  settings: { key: 'new.key', value: '1' },
  retention_runs: { started_at: T0, status: 'completed' },
  camera_model_deployments: { camera_id: 'cam1', model_type: 'detection', model_id: 'm1', version_number: '9.9.9' },
  model_deployment_events: { event_type: 'promoted' },
  user_sessions: { token_hash: 'a'.repeat(64), user_id: 1, transport: 'http', created_at: T0, last_seen_at: T0, idle_seconds: 600, expires_at: T0 },
  audit_log: { action: 'auth:login', outcome: 'ok' },
  audit_items: { camera_id: 'cam1', model_version: '1.0.0', kind: 'crossing', direction: 'in', captured_at: T0, expires_at: T0 },
};

function seedBaseData(db: SqliteDatabase): void {
  insertRow(db, 'users', { username: 'admin', role: 'admin' });
  insertRow(db, 'ai_models', { model_id: 'm1', model_name: 'YOLOv8n', model_type: 'detection' });
  insertRow(db, 'ab_testing_experiments', { experiment_id: 'e1', experiment_name: 'v1 vs v2', baseline_model_id: 'm1', challenger_model_id: 'm1' });
  insertRow(db, 'ab_testing_results', { experiment_id: 'e1', group_name: 'baseline' });
  insertRow(db, 'model_inference_results', { inference_id: 'i1', model_id: 'm1', model_version: '1.0.0', input_timestamp: T0, inference_results: '{}' });
  insertRow(db, 'detection_results', { ...MINIMAL.detection_results, detection_id: 'd1' });
  insertRow(db, 'cameras', { camera_id: 'cam1', name: 'Door', source_kind: 'rtsp', url_redacted: 'rtsp://10.0.0.5:554/stream1' });
}

function jsonColumns(db: SqliteDatabase): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const table of tableNames(db).filter((t) => t in MINIMAL)) {
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = ?").pluck().get(table) as string;
    for (const m of sql.matchAll(/json_valid\((\w+)\)/g)) if (m[1] && !out.some(([t, c]) => t === table && c === m[1])) out.push([table, m[1]]);
  }
  return out;
}

interface Case {
  name: string;
  table: string;
  row: Record<string, unknown>;
  error: RegExp;
}

const bad = (table: string, overrides: Record<string, unknown>, error: RegExp, name?: string): Case => ({
  name: name ?? `${table} ${JSON.stringify(overrides)}`,
  table,
  row: { ...MINIMAL[table], ...overrides },
  error,
});

const CHECK = (column: string): RegExp => new RegExp(`CHECK constraint failed: .*\\b${column}\\b`);
const FK = /FOREIGN KEY constraint failed/;

const RANGE_CASES: Case[] = [
  bad('detection_results', { confidence_score: 1.5 }, CHECK('confidence_score')),
  bad('detection_results', { confidence_score: -0.1 }, CHECK('confidence_score')),
  bad('ai_models', { accuracy_score: 101 }, CHECK('accuracy_score')),
  bad('model_versions', { validation_f1: -0.1 }, CHECK('validation_f1')),
  bad('model_inference_results', { result_quality_score: -0.1 }, CHECK('result_quality_score')),
  bad('model_performance_metrics', { false_positive_rate: 100.5 }, CHECK('false_positive_rate')),
  bad('model_training_history', { gpu_usage_percent: 120 }, CHECK('gpu_usage_percent')),
  bad('model_drift_metrics', { alert_threshold: 1.2 }, CHECK('alert_threshold')),
  bad('model_comparison_metrics', { p_value: 1.01 }, CHECK('p_value')),
  bad('model_comparison_metrics', { f1_improvement: -100.5 }, CHECK('f1_improvement')),
  bad('ab_testing_experiments', { traffic_split_percent: 101 }, CHECK('traffic_split_percent')),
  bad('ab_testing_conclusions', { confidence_level: 1.5 }, CHECK('confidence_level')),
  bad('ai_models', { is_active: 2 }, CHECK('is_active')),
  bad('detection_results', { bbox_width: -1 }, CHECK('bbox_width')),
  bad('cameras', { process_fps: 0 }, CHECK('process_fps')),
];

const SHAPE_CASES: Case[] = [
  bad('ai_models', { model_id: 'x'.repeat(101) }, CHECK('model_id')),
  bad('ai_models', { created_at: '2025-03-01 10:00:00' }, CHECK('created_at'), 'timestamp not in the stored ISO form'),
  bad('model_inference_results', { input_timestamp: '2025-03-01T10:00:00+07:00' }, CHECK('input_timestamp'), 'timestamp with an offset'),
  bad('detection_results', { bbox_x: 'left' }, /cannot store TEXT value in INTEGER column detection_results.bbox_x/, 'text in an INTEGER column'),
  bad('detection_results', { bbox_x: 1.5 }, /cannot store REAL value in INTEGER column detection_results.bbox_x/, 'fraction in an INTEGER column'),
  bad('counting_lines', { x2: 0, y2: 0 }, /CHECK constraint failed: x1 <> x2 OR y1 <> y2/, 'zero-length line'),
  bad('counting_zones', { polygon: '[[0,0],[1,1]]' }, CHECK('polygon'), 'polygon with two points'),
  bad('counting_zones', { polygon: '{"x":1}' }, CHECK('polygon'), 'polygon that is not an array'),
  bad('cameras', { url_redacted: 'rtsp://admin:secret@10.0.0.5/stream' }, CHECK('url_redacted'), 'password in the URL'),
  bad('cameras', { has_password: 1 }, /CHECK constraint failed: has_password/, 'has_password without a secret'),
  bad('ai_models', { model_name: null }, /NOT NULL constraint failed: ai_models.model_name/),
  bad('ai_models', { model_id: 'm1' }, /UNIQUE constraint failed: ai_models.model_id/),
  bad('detection_results', { detection_id: 'd1' }, /UNIQUE constraint failed: detection_results.detection_id/),
];

const FK_CASES: Case[] = [
  bad('model_versions', { model_id: 'unknown-model' }, FK, 'model version of an unknown model'),
  bad('detection_results', { inference_id: 'unknown-inference' }, FK, 'detection of an unknown inference'),
  bad('tracking_results', { detection_id: 'unknown-detection' }, FK, 'track of an unknown detection'),
  bad('counting_results', { detection_id: 'unknown-detection' }, FK, 'count of an unknown detection'),
  bad('ai_models', { created_by: 999 }, FK, 'model created by an unknown user'),
  bad('ab_testing_assignments', { experiment_id: 'unknown-experiment' }, FK, 'assignment to an unknown experiment'),
  bad('model_branches', { merged_to: 'no-such-branch' }, FK, 'branch merged into an unknown branch'),
  bad('counting_lines', { camera_id: 'no-such-camera' }, FK, 'line of an unknown camera'),
  bad('cameras', { model_id: 'unknown-model' }, FK, 'camera pinned to an unknown model'),
];

describe('constraints reject bad data with a clear error and change nothing', () => {
  let db: SqliteDatabase;
  beforeEach(() => {
    db = migratedDb().db;
    seedBaseData(db);
  });

  it('every minimal row is valid (so each bad case fails for its stated reason)', () => {
    const before = snapshot(db);
    db.exec('SAVEPOINT probe');
    for (const [table, row] of Object.entries(MINIMAL)) expect(() => insertRow(db, table, row), table).not.toThrow();
    db.exec('ROLLBACK TO probe; RELEASE probe');
    expect(snapshot(db)).toEqual(before);
  });

  it('covers every table of the seed and app schema (migrations 0001-0007)', () => {
    const own = tableNames(migratedDb(MIGRATIONS.slice(0, 7)).db);
    const missing = own.filter((t) => !(t in MINIMAL) && !t.endsWith('_archive') && t !== 'schema_migrations');
    expect(missing).toEqual([]);
  });

  function expectAllRejected(cases: Case[]): void {
    const before = snapshot(db);
    for (const c of cases) {
      const err = thrownBy(() => insertRow(db, c.table, c.row));
      expect(err.message, c.name).toMatch(c.error);
    }
    expect(snapshot(db)).toEqual(before);
  }

  it('bad enum values in every status/type column', () => {
    const cases = Object.keys(SCHEMA_ENUMS).map((key) => {
      const [table = '', column = ''] = key.split('.');
      return bad(table, { [column]: 'bogus' }, CHECK(column));
    });
    expect(cases.map((c) => c.name).join()).toMatch(/deployment_status.*training_status.*review_status.*assigned_group.*source_kind/s);
    expectAllRejected(cases);
  });

  it('invalid JSON in every JSON column', () => {
    const columns = jsonColumns(db);
    // the seed's 22 JSONB columns, counting_zones.polygon, settings.value, model_deployment_events.details,
    // audit_log.before_json/after_json/details, cameras.tuning
    expect(columns).toHaveLength(30);
    expectAllRejected(columns.map(([table, column]) => bad(table, { [column]: '{"unterminated": ' }, CHECK(column))));
  });

  it.each(RANGE_CASES.map((c) => [c.name, c] as const))('out of range: %s', (_n, c) => expectAllRejected([c]));
  it.each(SHAPE_CASES.map((c) => [c.name, c] as const))('malformed: %s', (_n, c) => expectAllRejected([c]));
  it.each(FK_CASES.map((c) => [c.name, c] as const))('dangling reference: %s', (_n, c) => expectAllRejected([c]));

  it('refuses to delete a model that is still referenced', () => {
    const before = snapshot(db);
    expect(thrownBy(() => db.prepare("DELETE FROM ai_models WHERE model_id = 'm1'").run()).message).toMatch(FK);
    expect(snapshot(db)).toEqual(before);
  });
});
