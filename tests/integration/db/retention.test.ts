import { afterEach, describe, expect, it, vi } from 'vitest';
import { toIso } from '../../../src/shared/timestamps';
import { checkDatabase } from '../../../src/engine/db/db-check';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { ResultWriter } from '../../../src/engine/db/result-writer';
import { lastRetentionRun, runRetention } from '../../../src/engine/db/retention';
import { nextRetentionRun, RetentionScheduler } from '../../../src/engine/db/retention-scheduler';
import { insertRow, migratedDb, snapshot, thrownBy } from './db-test-helpers';
import { makeFrame, MODEL_ID } from './frame-fixtures';

const NOW = new Date('2025-06-15T12:00:00.000Z');
const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * 86_400_000);

/** Old and recent rows on both sides of every retention threshold. */
function seedHistory(db: SqliteDatabase): void {
  insertRow(db, 'ai_models', { model_id: MODEL_ID, model_name: 'YOLOv8n', model_type: 'detection' });
  insertRow(db, 'ab_testing_experiments', { experiment_id: 'e1', experiment_name: 'v1 vs v2' });
  const writer = new ResultWriter(db);
  // frames 0..3 are 100 days old, 4..7 are 10 days old; every frame has 4 people and a crossing.
  for (let f = 0; f < 8; f++) writer.enqueue(makeFrame('door', f, f < 4 ? daysAgo(100) : daysAgo(10), 4, 1));
  writer.close();
  for (const [days, version] of [[400, 'old'], [100, 'new']] as const) {
    insertRow(db, 'model_performance_metrics', { model_id: MODEL_ID, model_version: version, metric_timestamp: toIso(daysAgo(days)), f1_score: 60 });
  }
  for (const [days, group] of [[800, 'baseline'], [300, 'challenger']] as const) {
    insertRow(db, 'ab_testing_results', { experiment_id: 'e1', group_name: group, result_timestamp: toIso(daysAgo(days)), p_value: 0.04 });
  }
  for (const days of [40, 1]) insertRow(db, 'camera_health_samples', { camera_id: 'door', state: 'live', sampled_at: toIso(daysAgo(days)) });
}

const count = (db: SqliteDatabase, sql: string): number => db.prepare(sql).pluck().get() as number;

describe('runRetention', () => {
  it('archives and deletes old rows, keeps recent ones, and keeps counting events detached', () => {
    const { db } = migratedDb();
    seedHistory(db);
    const oldInferences = db.prepare("SELECT * FROM model_inference_results WHERE frame_index < 4 ORDER BY id").all();
    const oldMetric = db.prepare("SELECT * FROM model_performance_metrics WHERE model_version = 'old'").get();

    const result = runRetention(db, NOW);

    expect(result.archived).toEqual({ inferenceResults: 4, performanceMetrics: 1, abResults: 1 });
    expect(result.deleted).toEqual({
      inferenceResults: 4, detectionResults: 16, trackingResults: 16, performanceMetrics: 1, abResults: 1, healthSamples: 1,
    });
    expect(result.countingResultsDetached).toBe(4);
    // Archived rows are the source rows unchanged, plus archived_at.
    const archived = db.prepare('SELECT * FROM inference_results_archive ORDER BY id').all() as Array<Record<string, unknown>>;
    expect(archived.map(({ archived_at: _a, ...rest }) => rest)).toEqual(oldInferences);
    expect(archived.every((r) => r.archived_at === toIso(NOW))).toBe(true);
    expect(db.prepare('SELECT * FROM performance_metrics_archive').get()).toEqual({ ...(oldMetric as object), archived_at: toIso(NOW) });
    expect(count(db, "SELECT count(*) FROM ab_results_archive WHERE group_name = 'baseline'")).toBe(1);
    // Recent data stays.
    expect(count(db, 'SELECT count(*) FROM model_inference_results')).toBe(4);
    expect(count(db, "SELECT count(*) FROM model_performance_metrics WHERE model_version = 'new'")).toBe(1);
    expect(count(db, "SELECT count(*) FROM ab_testing_results WHERE group_name = 'challenger'")).toBe(1);
    expect(count(db, 'SELECT count(*) FROM camera_health_samples')).toBe(1);
    // Per-frame data of archived inferences is gone; counting events survive without their links.
    expect(count(db, "SELECT count(*) FROM detection_results WHERE inference_id LIKE 'door:%' AND CAST(substr(inference_id, 6) AS INTEGER) < 4")).toBe(0);
    expect(count(db, 'SELECT count(*) FROM detection_results')).toBe(16);
    expect(count(db, 'SELECT count(*) FROM tracking_results')).toBe(16);
    expect(count(db, 'SELECT count(*) FROM counting_results')).toBe(8);
    expect(count(db, 'SELECT count(*) FROM counting_results WHERE inference_id IS NULL AND detection_id IS NULL')).toBe(4);
    expect(count(db, "SELECT count(*) FROM counting_results WHERE inference_id IS NULL AND camera_id = 'door' AND direction IS NOT NULL")).toBe(4);
    expect(checkDatabase(db).ok).toBe(true);
    expect(lastRetentionRun(db)).toMatchObject({ id: result.runId, status: 'completed', startedAt: toIso(NOW), error: null });
    expect(db.prepare('SELECT * FROM retention_runs').get()).toMatchObject({
      inference_results_archived: 4, detection_results_deleted: 16, tracking_results_deleted: 16, counting_results_detached: 4,
      performance_metrics_archived: 1, ab_results_archived: 1, health_samples_deleted: 1,
    });
  });

  it('a second run the same night archives nothing more', () => {
    const { db } = migratedDb();
    seedHistory(db);
    runRetention(db, NOW);
    const second = runRetention(db, NOW);
    expect(second.archived).toEqual({ inferenceResults: 0, performanceMetrics: 0, abResults: 0 });
    expect(count(db, 'SELECT count(*) FROM inference_results_archive')).toBe(4);
  });

  it('a failing run (archive table dropped) changes nothing and is logged as failed', () => {
    const { db } = migratedDb();
    seedHistory(db);
    db.exec('DROP TABLE performance_metrics_archive');
    const before = snapshot(db, ['retention_runs']);
    const err = thrownBy(() => runRetention(db, NOW));
    expect(err.code).toBe('RETENTION_FAILED');
    expect(err.message).toContain('performance_metrics_archive');
    expect(snapshot(db, ['retention_runs'])).toEqual(before);
    expect(count(db, 'SELECT count(*) FROM inference_results_archive')).toBe(0);
    expect(lastRetentionRun(db)).toMatchObject({ status: 'failed', error: expect.stringContaining('performance_metrics_archive') });
    expect(lastRetentionRun(db, 'completed')).toBeUndefined();
  });
});

describe('nextRetentionRun', () => {
  const local = (y: number, mo: number, d: number, h: number, mi = 0): Date => new Date(y, mo - 1, d, h, mi);
  it.each([
    ['before 03:00 → today', local(2025, 6, 15, 2, 59), 3, local(2025, 6, 15, 3)],
    ['exactly 03:00 → tomorrow', local(2025, 6, 15, 3), 3, local(2025, 6, 16, 3)],
    ['after 03:00 → tomorrow', local(2025, 6, 15, 12), 3, local(2025, 6, 16, 3)],
    ['end of month', local(2025, 1, 31, 23), 3, local(2025, 2, 1, 3)],
    ['end of year', local(2025, 12, 31, 4), 3, local(2026, 1, 1, 3)],
    ['custom hour', local(2025, 6, 15, 12), 22, local(2025, 6, 15, 22)],
  ])('%s', (_label, now, hour, expected) => {
    expect(nextRetentionRun(now, hour).getTime()).toBe(expected.getTime());
  });

  it('rejects an hour outside 0..23', () => {
    expect(() => nextRetentionRun(NOW, 24)).toThrow(RangeError);
  });
});

describe('RetentionScheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a missed job at start, then every night at 03:00', () => {
    const start = new Date(2025, 5, 15, 12, 0);
    vi.useFakeTimers({ now: start });
    const { db } = migratedDb();
    const runs: string[] = [];
    const scheduler = new RetentionScheduler(db, { onRun: (r) => runs.push(r.cutoffs.inferenceResults) });
    scheduler.start();
    expect(runs).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(runs).toHaveLength(1);
    expect(scheduler.nextRunAt()?.getTime()).toBe(new Date(2025, 5, 16, 3, 0).getTime());
    vi.advanceTimersByTime(new Date(2025, 5, 16, 3, 0).getTime() - Date.now() - 1000);
    expect(runs).toHaveLength(1);
    vi.advanceTimersByTime(2000);
    expect(runs).toHaveLength(2);
    scheduler.stop();
    vi.advanceTimersByTime(3 * 86_400_000);
    expect(runs).toHaveLength(2);
  });

  it('does not run at start when the last completed run is recent', () => {
    const start = new Date(2025, 5, 15, 12, 0);
    vi.useFakeTimers({ now: start });
    const { db } = migratedDb();
    insertRow(db, 'retention_runs', { started_at: toIso(new Date(2025, 5, 15, 3, 0)), status: 'completed' });
    const onRun = vi.fn();
    const scheduler = new RetentionScheduler(db, { onRun });
    scheduler.start();
    vi.advanceTimersByTime(60_000);
    expect(onRun).not.toHaveBeenCalled();
    expect(scheduler.nextRunAt()?.getTime()).toBe(new Date(2025, 5, 16, 3, 0).getTime());
    scheduler.stop();
  });

  it('reports a failed run through onError and keeps its schedule', () => {
    vi.useFakeTimers({ now: new Date(2025, 5, 15, 12, 0) });
    const { db } = migratedDb();
    db.exec('DROP TABLE ab_results_archive');
    const onError = vi.fn();
    const scheduler = new RetentionScheduler(db, { onError });
    scheduler.start();
    vi.advanceTimersByTime(1);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(lastRetentionRun(db)?.status).toBe('failed');
    expect(scheduler.running).toBe(true);
    scheduler.stop();
  });
});
