/**
 * The nightly retention job (issue 11, part 2): the seed's cleanup_old_ai_data() with the periods
 * from Settings, in chunks that are each atomic, then the file shrunk. Back-dated rows on both
 * sides of every cut-off; the million-row lock test is retention-chunks.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SETTING_META } from '../../../src/shared/settings-schema';
import { toIso } from '../../../src/shared/timestamps';
import { countSeries } from '../../../src/engine/db/count-series';
import { checkDatabase } from '../../../src/engine/db/db-check';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { CountingResultsRepository } from '../../../src/engine/db/repositories/counting-results-repository';
import { ResultWriter } from '../../../src/engine/db/result-writer';
import {
  lastRetentionRun,
  previewRetention,
  RETENTION_POLICY,
  retentionCutoffs,
  runRetention,
  runRetentionChunked,
  storedRetentionOverrides,
  yearsBefore,
  type RetentionChunk,
} from '../../../src/engine/db/retention';
import { nextRetentionRun, RetentionScheduler } from '../../../src/engine/db/retention-scheduler';
import { insertRow, migratedDb, snapshot, tempDir, thrownBy } from './db-test-helpers';
import { makeFrame, MODEL_ID } from './frame-fixtures';

const NOW = new Date('2025-06-15T12:00:00.000Z');
const DAY = 86_400_000;
const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * DAY);
const count = (db: SqliteDatabase, sql: string): number => db.prepare(sql).pluck().get() as number;

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

/** One frame's rows at `at`: the inference, `people` detections with a track each, maybe a crossing. */
function frameAt(db: SqliteDatabase, id: string, at: Date | string, people = 2, crossing: 'in' | 'out' | null = null): void {
  const iso = typeof at === 'string' ? at : toIso(at);
  insertRow(db, 'model_inference_results', { inference_id: id, model_version: '1.0.0', input_timestamp: iso, inference_results: '{}', created_at: iso, camera_id: 'door' });
  for (let p = 0; p < people; p++) {
    insertRow(db, 'detection_results', { inference_id: id, detection_id: `${id}:d${p}`, object_class: 'person', confidence_score: 0.9, bbox_x: 1, bbox_y: 2, bbox_width: 3, bbox_height: 4, created_at: iso });
    insertRow(db, 'tracking_results', { inference_id: id, track_id: `t${p}`, detection_id: `${id}:d${p}`, position_x: 1, position_y: 2, created_at: iso });
  }
  if (crossing) {
    insertRow(db, 'counting_results', {
      inference_id: id, counting_event_id: `${id}:c`, event_type: 'cross_line', direction: crossing, detection_id: people > 0 ? `${id}:d0` : null, created_at: iso, camera_id: 'door', line_id: 1,
    });
  }
}

const TABLES = [
  'model_inference_results', 'inference_results_archive', 'detection_results', 'tracking_results', 'counting_results', 'counting_hourly',
  'model_performance_metrics', 'performance_metrics_archive', 'ab_testing_results', 'ab_results_archive', 'camera_health_samples',
] as const;
const counts = (db: SqliteDatabase): Record<(typeof TABLES)[number], number> =>
  Object.fromEntries(TABLES.map((t) => [t, count(db, `SELECT count(*) FROM ${t}`)])) as Record<(typeof TABLES)[number], number>;

describe('runRetention', () => {
  it('archives and deletes old rows, keeps recent ones, and keeps counting events detached', () => {
    const { db } = migratedDb();
    seedHistory(db);
    const oldInferences = db.prepare('SELECT * FROM model_inference_results WHERE frame_index < 4 ORDER BY id').all();
    const oldMetric = db.prepare("SELECT * FROM model_performance_metrics WHERE model_version = 'old'").get();

    const result = runRetention(db, NOW);

    expect(result.status).toBe('completed');
    expect(result.archived).toEqual({ inferenceResults: 4, performanceMetrics: 1, abResults: 1 });
    expect(result.deleted).toEqual({
      inferenceResults: 4, detectionResults: 16, trackingResults: 16, performanceMetrics: 1, abResults: 1, healthSamples: 1,
    });
    expect(result.countingResultsDetached).toBe(4);
    expect(result.chunks).toBe(4); // one per table with old rows
    expect(result.longestLockMs).toBeGreaterThanOrEqual(0);
    expect(result.periods).toEqual({ inferenceResultsDays: 90, performanceMetricsYears: 1, abResultsYears: 2, healthSamplesDays: 30 });
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

  it('moves exactly the rows the seed names: strictly older than NOW − 90 days, − 1 year, − 2 years', () => {
    const { db } = migratedDb();
    insertRow(db, 'ab_testing_experiments', { experiment_id: 'e1', experiment_name: 'x' });
    const c = retentionCutoffs(NOW);
    expect(c).toEqual({
      inferenceResults: '2025-03-17T12:00:00.000Z',
      performanceMetrics: '2024-06-15T12:00:00.000Z',
      abResults: '2023-06-15T12:00:00.000Z',
      healthSamples: '2025-05-16T12:00:00.000Z',
    });
    const justBefore = (iso: string): string => toIso(new Date(Date.parse(iso) - 1));
    frameAt(db, 'old', justBefore(c.inferenceResults));
    frameAt(db, 'edge', c.inferenceResults); // exactly at the cut-off: not older, kept
    for (const [v, at] of [['old', justBefore(c.performanceMetrics)], ['edge', c.performanceMetrics]] as const) {
      insertRow(db, 'model_performance_metrics', { model_version: v, metric_timestamp: at });
    }
    for (const [n, at] of [[1, justBefore(c.abResults)], [2, c.abResults]] as const) {
      insertRow(db, 'ab_testing_results', { experiment_id: 'e1', group_name: 'baseline', sample_size: n, result_timestamp: at });
    }
    const r = runRetention(db, NOW);
    expect(db.prepare('SELECT inference_id FROM inference_results_archive').pluck().all()).toEqual(['old']);
    expect(db.prepare('SELECT inference_id FROM model_inference_results').pluck().all()).toEqual(['edge']);
    expect(db.prepare('SELECT model_version FROM performance_metrics_archive').pluck().all()).toEqual(['old']);
    expect(db.prepare('SELECT sample_size FROM ab_results_archive').pluck().all()).toEqual([1]);
    expect(r.archived).toEqual({ inferenceResults: 1, performanceMetrics: 1, abResults: 1 });
  });

  it('counts a year as PostgreSQL does (29 February − 1 year = 28 February)', () => {
    expect(toIso(yearsBefore(new Date('2028-02-29T12:00:00.000Z'), 1))).toBe('2027-02-28T12:00:00.000Z');
    expect(toIso(yearsBefore(new Date('2028-02-29T12:00:00.000Z'), 4))).toBe('2024-02-29T12:00:00.000Z');
    expect(toIso(yearsBefore(new Date('2025-03-31T00:00:00.000Z'), 2))).toBe('2023-03-31T00:00:00.000Z');
    const { db } = migratedDb();
    // A naive setFullYear would cut at 1 March 12:00 and archive this 1 March metric too early.
    insertRow(db, 'model_performance_metrics', { model_version: 'march', metric_timestamp: '2027-03-01T00:00:00.000Z' });
    insertRow(db, 'model_performance_metrics', { model_version: 'feb', metric_timestamp: '2027-02-28T11:59:59.999Z' });
    runRetention(db, new Date('2028-02-29T12:00:00.000Z'));
    expect(db.prepare('SELECT model_version FROM performance_metrics_archive').pluck().all()).toEqual(['feb']);
  });

  it('per table, the counts before and after add up, and the Dashboard shows the archived period unchanged', () => {
    const { db } = migratedDb();
    insertRow(db, 'ab_testing_experiments', { experiment_id: 'e1', experiment_name: 'x' });
    // 30 frames a day over days 120..95 back (archived) and 20..0 back (kept), a crossing on most.
    for (const [from, to, tag] of [[120, 95, 'old'], [20, 0, 'new']] as const) {
      for (let d = from; d > to; d--) {
        for (let f = 0; f < 30; f++) frameAt(db, `${tag}-${d}-${f}`, new Date(daysAgo(d).getTime() + f * 600_000), f % 3, f % 4 === 0 ? null : f % 2 ? 'in' : 'out');
      }
    }
    for (let m = 0; m < 30; m++) insertRow(db, 'model_performance_metrics', { model_version: `m${m}`, metric_timestamp: toIso(daysAgo(m * 30)) });
    for (let a = 0; a < 30; a++) insertRow(db, 'ab_testing_results', { experiment_id: 'e1', group_name: a % 2 ? 'baseline' : 'challenger', sample_size: a, result_timestamp: toIso(daysAgo(a * 40)) });
    for (let h = 0; h < 50; h++) insertRow(db, 'camera_health_samples', { camera_id: 'door', state: 'live', sampled_at: toIso(daysAgo(h)) });
    const repo = new CountingResultsRepository(db);
    const archivedPeriod = { from: toIso(daysAgo(121)), to: toIso(daysAgo(90)) };
    const chartsBefore = [countSeries(repo, { ...archivedPeriod, resolution: 'hour' }), countSeries(repo, { ...archivedPeriod, resolution: 'day', utcOffsetMinutes: 420 })];
    const hourlyBefore = db.prepare('SELECT hour_start, camera_id, line_id, count_in, count_out FROM counting_hourly ORDER BY id').all();
    const before = counts(db);
    const oldCrossings = count(db, "SELECT count(*) FROM counting_results WHERE inference_id LIKE 'old-%'");

    const r = runRetention(db, NOW, { chunkRows: { initial: 50, min: 50, max: 50 } }); // many chunks
    const after = counts(db);

    expect(r.chunks).toBeGreaterThan(10);
    expect(r.archived.inferenceResults).toBe(25 * 30);
    expect(after.model_inference_results + r.archived.inferenceResults).toBe(before.model_inference_results);
    expect(after.inference_results_archive).toBe(before.inference_results_archive + r.archived.inferenceResults);
    expect(after.detection_results + r.deleted.detectionResults).toBe(before.detection_results);
    expect(after.tracking_results + r.deleted.trackingResults).toBe(before.tracking_results);
    expect(r.deleted.detectionResults).toBe(25 * 30); // 0, 1 or 2 people: 30 a day
    expect(after.model_performance_metrics + r.archived.performanceMetrics).toBe(before.model_performance_metrics);
    expect(after.performance_metrics_archive).toBe(r.archived.performanceMetrics);
    expect(r.archived.performanceMetrics).toBe(17); // 390, 420 … 870 days back
    expect(after.ab_testing_results + r.archived.abResults).toBe(before.ab_testing_results);
    expect(after.ab_results_archive).toBe(r.archived.abResults);
    expect(r.archived.abResults).toBe(11); // 760, 800 … 1160 days back
    expect(after.camera_health_samples + r.deleted.healthSamples).toBe(before.camera_health_samples);
    // Counting events and the hourly aggregate are kept whole; the chart reads the same in and out.
    expect(after.counting_results).toBe(before.counting_results);
    expect(after.counting_hourly).toBe(before.counting_hourly);
    expect(r.countingResultsDetached).toBe(oldCrossings);
    expect(count(db, 'SELECT count(*) FROM counting_results WHERE inference_id IS NULL')).toBe(oldCrossings);
    expect(db.prepare('SELECT hour_start, camera_id, line_id, count_in, count_out FROM counting_hourly ORDER BY id').all()).toEqual(hourlyBefore);
    const chartsAfter = [countSeries(repo, { ...archivedPeriod, resolution: 'hour' }), countSeries(repo, { ...archivedPeriod, resolution: 'day', utcOffsetMinutes: 420 })];
    expect(chartsAfter).toEqual(chartsBefore);
    expect(chartsBefore[0]!.totalIn + chartsBefore[0]!.totalOut).toBe(oldCrossings);
    expect(checkDatabase(db).ok).toBe(true);
    // No row is in both places.
    expect(count(db, 'SELECT count(*) FROM inference_results_archive a JOIN model_inference_results m ON m.inference_id = a.inference_id')).toBe(0);
  });

  it('a second run the same night archives nothing more', () => {
    const { db } = migratedDb();
    seedHistory(db);
    runRetention(db, NOW);
    const second = runRetention(db, NOW);
    expect(second.archived).toEqual({ inferenceResults: 0, performanceMetrics: 0, abResults: 0 });
    expect(second.chunks).toBe(0);
    expect(count(db, 'SELECT count(*) FROM inference_results_archive')).toBe(4);
  });

  it('a run that cannot start (archive table dropped) changes nothing and is logged as failed', () => {
    const { db } = migratedDb();
    seedHistory(db);
    db.exec('DROP TABLE performance_metrics_archive');
    const before = snapshot(db, ['retention_runs']);
    const err = thrownBy(() => runRetention(db, NOW));
    expect(err.code).toBe('RETENTION_FAILED');
    expect(err.message).toContain('changed nothing');
    expect(err.message).toContain('performance_metrics_archive');
    expect(snapshot(db, ['retention_runs'])).toEqual(before);
    expect(lastRetentionRun(db)).toMatchObject({ status: 'failed', error: expect.stringContaining('performance_metrics_archive') });
    expect(lastRetentionRun(db, 'completed')).toBeUndefined();
  });

  it('a failure mid-way keeps every chunk whole, logs how far it got, and the next run finishes the job', () => {
    const { db } = migratedDb();
    for (let i = 0; i < 10; i++) frameAt(db, `f${i}`, new Date(daysAgo(200).getTime() + i * 1000), 2, i % 2 ? 'in' : 'out');
    frameAt(db, 'recent', daysAgo(1), 1, 'in');
    // The archive refuses the 7th row: chunks of 2 → the first three chunks done, the fourth rolled back.
    db.exec("CREATE TRIGGER fail_late BEFORE INSERT ON inference_results_archive WHEN NEW.inference_id = 'f6' BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END;");
    const before = counts(db);
    const err = thrownBy(() => runRetention(db, NOW, { chunkRows: { initial: 2, min: 2, max: 2 } }));
    expect(err.code).toBe('RETENTION_FAILED');
    expect(err.message).toContain('after 3 chunks done, 6 rows archived');
    expect(err.message).toContain('next run continues');
    expect(db.prepare('SELECT inference_id FROM inference_results_archive ORDER BY id').pluck().all()).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5']);
    expect(db.prepare('SELECT inference_id FROM model_inference_results ORDER BY id').pluck().all()).toEqual(['f6', 'f7', 'f8', 'f9', 'recent']);
    // The rolled-back chunk's children are all still there; the done chunks' are gone.
    expect(count(db, "SELECT count(*) FROM detection_results WHERE inference_id IN ('f6', 'f7')")).toBe(4);
    expect(count(db, 'SELECT count(*) FROM detection_results')).toBe(before.detection_results - 12);
    expect(count(db, 'SELECT count(*) FROM counting_results WHERE inference_id IS NULL')).toBe(6);
    expect(checkDatabase(db).ok).toBe(true);
    const failed = db.prepare('SELECT * FROM retention_runs ORDER BY id DESC LIMIT 1').get() as Record<string, unknown>;
    expect(failed).toMatchObject({ status: 'failed', inference_results_archived: 6, inference_results_deleted: 6, detection_results_deleted: 12, tracking_results_deleted: 12, counting_results_detached: 6 });
    expect(failed.error).toContain('disk I/O error (simulated)');

    db.exec('DROP TRIGGER fail_late');
    const rerun = runRetention(db, NOW);
    expect(rerun.archived.inferenceResults).toBe(4);
    expect(db.prepare('SELECT inference_id FROM model_inference_results').pluck().all()).toEqual(['recent']);
    const after = counts(db);
    expect(after.inference_results_archive).toBe(10);
    expect(after.model_inference_results + after.inference_results_archive).toBe(before.model_inference_results);
    expect(after.counting_results).toBe(before.counting_results);
    expect(lastRetentionRun(db)).toMatchObject({ status: 'completed', inferenceResultsArchived: 4 });
  });

  it('the chunked run gives the same result as one big chunk', async () => {
    const make = (): SqliteDatabase => {
      const { db } = migratedDb();
      seedHistory(db);
      for (let i = 0; i < 40; i++) frameAt(db, `x${i}`, daysAgo(95 + i), i % 3, i % 5 ? 'in' : null);
      return db;
    };
    const a = make();
    const b = make();
    const chunks: RetentionChunk[] = [];
    let pauses = 0;
    const small = await runRetentionChunked(a, NOW, {
      chunkRows: { initial: 3, min: 3, max: 3 },
      onChunk: (c) => chunks.push(c),
      pause: async () => void pauses++,
    });
    const big = runRetention(b, NOW, { chunkRows: { initial: 10_000 } });
    expect(small.archived).toEqual(big.archived);
    expect(small.deleted).toEqual(big.deleted);
    expect(small.countingResultsDetached).toBe(big.countingResultsDetached);
    expect(small.chunks).toBe(Math.ceil(44 / 3) + 3); // inferences in threes, then one per other table
    expect(chunks.filter((c) => c.table === 'model_inference_results').map((c) => c.rows)).toEqual([...Array(14).fill(3), 2]);
    expect(pauses).toBe(chunks.length);
    const rows = (db: SqliteDatabase, table: string): unknown[] => db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
    for (const table of ['model_inference_results', 'inference_results_archive', 'detection_results', 'tracking_results', 'counting_results']) {
      expect(rows(a, table), table).toEqual(rows(b, table));
    }
    const ids = (db: SqliteDatabase, table: string): unknown[] => db.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all();
    for (const table of ['model_performance_metrics', 'performance_metrics_archive', 'ab_testing_results', 'ab_results_archive']) expect(ids(a, table), table).toEqual(ids(b, table));
  });

  it('sizes chunks by their time: down after a slow chunk, up (at most ×1.5) after quick ones', () => {
    const sizesFor = (initial: number): number[] => {
      const { db } = migratedDb();
      for (let i = 0; i < 300; i++) frameAt(db, `s${i}`, new Date(daysAgo(100).getTime() + i), 0);
      // A fake clock on which a chunk takes 1 ms per row it archived (it reads the archive's size).
      const archivedRows = db.prepare('SELECT count(*) FROM inference_results_archive').pluck();
      const sizes: number[] = [];
      runRetention(db, NOW, {
        targetChunkMs: 20,
        chunkRows: { initial, min: 4, max: 1000 },
        clock: () => archivedRows.get() as number,
        onChunk: (c) => void (c.table === 'model_inference_results' && sizes.push(c.rows)),
      });
      return sizes;
    };
    // 80 rows took 80 ms: a quarter next (the most it falls at once), then it holds at the target.
    expect(sizesFor(80).slice(0, 4)).toEqual([80, 20, 20, 20]);
    // 4 rows took 4 ms: ×1.5 each time (6, 9, 13.5 → 14), then 14 ms → ×20/14 → 20, where it holds.
    expect(sizesFor(4).slice(0, 7)).toEqual([4, 6, 9, 14, 20, 20, 20]);
  });

  it('stops between two chunks when asked (the app closing), logged as failed; the next run continues', async () => {
    const { db } = migratedDb();
    for (let i = 0; i < 12; i++) frameAt(db, `q${i}`, new Date(daysAgo(100).getTime() + i), 1);
    let chunks = 0;
    const r = await runRetentionChunked(db, NOW, { chunkRows: { initial: 4, min: 4, max: 4 }, onChunk: () => chunks++, shouldStop: () => chunks >= 1 });
    expect(r.status).toBe('stopped');
    expect(r.archived.inferenceResults).toBe(4);
    expect(lastRetentionRun(db)).toMatchObject({ status: 'failed', error: expect.stringContaining('stopped before it finished'), inferenceResultsArchived: 4 });
    expect(count(db, 'SELECT count(*) FROM model_inference_results')).toBe(8);
    const rest = await runRetentionChunked(db, NOW);
    expect(rest).toMatchObject({ status: 'completed', archived: { inferenceResults: 8 } });
    expect(count(db, 'SELECT count(*) FROM inference_results_archive')).toBe(12);
  });
});

describe('the file shrinks after retention', () => {
  it('a new database is auto_vacuum=INCREMENTAL: incremental_vacuum and a TRUNCATE checkpoint give the space back', () => {
    const { db, file } = migratedDb();
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    const big = 'x'.repeat(2000);
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) {
        insertRow(db, 'model_inference_results', { inference_id: `b${i}`, model_version: '1', input_timestamp: toIso(daysAgo(100)), inference_results: JSON.stringify({ pad: big }), created_at: toIso(daysAgo(100)) });
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    // Archived rows are kept, so make room for real: the archive copies would keep the bytes.
    db.exec('CREATE TRIGGER drop_archive AFTER INSERT ON inference_results_archive BEGIN DELETE FROM inference_results_archive WHERE rowid = NEW.rowid; END;');
    const before = fs.statSync(file).size;
    const r = runRetention(db, NOW);
    expect(r.archived.inferenceResults).toBe(3000);
    expect(r.file).toMatchObject({ autoVacuum: 'incremental', converted: false, checkpoint: 'truncated', walBytesAfter: 0, bytesBefore: before });
    expect(r.file.vacuumedPages).toBeGreaterThan(1000);
    expect(r.file.bytesAfter).toBeLessThan(before / 3);
    expect(fs.statSync(file).size).toBe(r.file.bytesAfter);
    expect(r.file.freedBytes).toBe(r.file.bytesBefore + r.file.walBytesBefore - r.file.bytesAfter - r.file.walBytesAfter);
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
  });

  it('an older file (auto_vacuum NONE) is converted once when small, and left as it is when large', () => {
    const dir = tempDir();
    const make = (name: string): { db: SqliteDatabase; file: string } => {
      const file = path.join(dir, name);
      const raw = new Database(file); // made before auto_vacuum was the default
      raw.exec('CREATE TABLE made_before (a INTEGER)');
      raw.close();
      const db = openMigratedDatabase(file);
      frameAt(db, 'old', daysAgo(100));
      return { db, file };
    };
    const small = make('small.db');
    expect(small.db.pragma('auto_vacuum', { simple: true })).toBe(0);
    const r = runRetention(small.db, NOW, { convertMaxBytes: 64 * 1024 * 1024 });
    expect(r.file).toMatchObject({ autoVacuum: 'incremental', converted: true });
    expect(small.db.pragma('auto_vacuum', { simple: true })).toBe(2);
    expect(checkDatabase(small.db).ok).toBe(true);
    small.db.close();

    const large = make('large.db');
    const r2 = runRetention(large.db, NOW, { convertMaxBytes: 0 });
    expect(r2.file).toMatchObject({ autoVacuum: 'none', converted: false, vacuumedPages: 0 });
    expect(r2.archived.inferenceResults).toBe(1);
    large.db.close();
  });
});

describe('periods from Settings', () => {
  it('the seed periods are the Settings defaults', () => {
    expect(SETTING_META['retention.days'].default).toBe(RETENTION_POLICY.inferenceResultsDays);
    expect(SETTING_META['retention.performance_metrics_years'].default).toBe(RETENTION_POLICY.performanceMetricsYears);
    expect(SETTING_META['retention.ab_results_years'].default).toBe(RETENTION_POLICY.abResultsYears);
  });

  it('reads retention.days and the two year settings; a missing or invalid value leaves the seed period', () => {
    const { db } = migratedDb();
    expect(storedRetentionOverrides(db)).toEqual({});
    const set = (key: string, value: unknown): void => void db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, JSON.stringify(value));
    set('retention.days', 30);
    set('retention.performance_metrics_years', 3);
    set('retention.ab_results_years', 0); // out of range: ignored
    expect(storedRetentionOverrides(db)).toEqual({ inferenceResultsDays: 30, performanceMetricsYears: 3 });
    const c = retentionCutoffs(NOW, storedRetentionOverrides(db));
    expect(c.inferenceResults).toBe(toIso(daysAgo(30)));
    expect(c.performanceMetrics).toBe('2022-06-15T12:00:00.000Z');
    expect(c.abResults).toBe('2023-06-15T12:00:00.000Z');
  });

  it('the preview counts exactly what a run with those periods archives', () => {
    const { db } = migratedDb();
    seedHistory(db);
    for (let d = 0; d < 60; d++) frameAt(db, `p${d}`, daysAgo(d), 0);
    const p = previewRetention(db, NOW, { inferenceResultsDays: 30, performanceMetricsYears: 1, abResultsYears: 1 });
    expect(p.cutoffs.inferenceResults).toBe(toIso(daysAgo(30)));
    // The 4 frames 100 days back and p31..p59 (p30 is exactly at the cut-off: kept); 400 days; 800 days.
    expect(p.rows).toEqual({ inferenceResults: 4 + 29, performanceMetrics: 1, abResults: 1 });
    const r = runRetention(db, NOW, { overrides: { inferenceResultsDays: 30, performanceMetricsYears: 1, abResultsYears: 1 } });
    expect(r.archived).toEqual(p.rows);
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
  // A fake wall clock and timers; setImmediate stays real, so a run's pauses between chunks pass
  // on their own and `idle()` awaits the end of the run the timer started.
  const fakeClock = (now: Date): void => void vi.useFakeTimers({ now, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });

  it('runs a missed job at start, then every night at 03:00', async () => {
    const start = new Date(2025, 5, 15, 12, 0);
    fakeClock(start);
    const { db } = migratedDb();
    const runs: string[] = [];
    const scheduler = new RetentionScheduler(db, { onRun: (r) => runs.push(r.cutoffs.inferenceResults) });
    scheduler.start();
    expect(runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await scheduler.idle();
    expect(runs).toHaveLength(1);
    expect(scheduler.nextRunAt()?.getTime()).toBe(new Date(2025, 5, 16, 3, 0).getTime());
    await vi.advanceTimersByTimeAsync(new Date(2025, 5, 16, 3, 0).getTime() - Date.now() - 1000);
    await scheduler.idle();
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    await scheduler.idle();
    expect(runs).toHaveLength(2);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(3 * DAY);
    await scheduler.idle();
    expect(runs).toHaveLength(2);
  });

  it('does not run at start when the last completed run is recent', async () => {
    const start = new Date(2025, 5, 15, 12, 0);
    fakeClock(start);
    const { db } = migratedDb();
    insertRow(db, 'retention_runs', { started_at: toIso(new Date(2025, 5, 15, 3, 0)), status: 'completed' });
    const onRun = vi.fn();
    const scheduler = new RetentionScheduler(db, { onRun });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(60_000);
    await scheduler.idle();
    expect(onRun).not.toHaveBeenCalled();
    expect(scheduler.nextRunAt()?.getTime()).toBe(new Date(2025, 5, 16, 3, 0).getTime());
    await scheduler.stop();
  });

  it('reads the periods from Settings at each run', async () => {
    fakeClock(new Date(2025, 5, 15, 12, 0));
    const { db } = migratedDb();
    const days: number[] = [];
    const scheduler = new RetentionScheduler(db, { onRun: (r) => days.push(r.periods.inferenceResultsDays) });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1);
    await scheduler.idle();
    db.prepare("INSERT INTO settings (key, value) VALUES ('retention.days', '30')").run();
    await vi.advanceTimersByTimeAsync(DAY);
    await scheduler.idle();
    expect(days).toEqual([90, 30]);
    await scheduler.stop();
  });

  it('reports a failed run through onError and keeps its schedule', async () => {
    fakeClock(new Date(2025, 5, 15, 12, 0));
    const { db } = migratedDb();
    db.exec('DROP TABLE ab_results_archive');
    const onError = vi.fn();
    const scheduler = new RetentionScheduler(db, { onError });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1);
    await scheduler.idle();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(lastRetentionRun(db)?.status).toBe('failed');
    expect(scheduler.running).toBe(true);
    expect(scheduler.nextRunAt()?.getTime()).toBe(new Date(2025, 5, 16, 3, 0).getTime());
    await scheduler.stop();
  });

  it('stop() during a run ends it after the current chunk and waits for that', async () => {
    fakeClock(new Date(2025, 5, 15, 12, 0));
    const { db } = migratedDb();
    for (let i = 0; i < 20; i++) frameAt(db, `z${i}`, new Date(Date.now() - 100 * DAY + i), 0);
    let release: () => void = () => undefined;
    const onRun = vi.fn();
    const scheduler = new RetentionScheduler(db, {
      onRun,
      run: { chunkRows: { initial: 5, min: 5, max: 5 }, pause: () => new Promise<void>((resolve) => (release = resolve)) },
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(scheduler.busy).toBe(true);
    const stopped = scheduler.stop();
    release();
    await stopped;
    expect(scheduler.busy).toBe(false);
    expect(scheduler.running).toBe(false);
    expect(onRun).not.toHaveBeenCalled();
    expect(count(db, 'SELECT count(*) FROM inference_results_archive')).toBe(5);
    expect(lastRetentionRun(db)).toMatchObject({ status: 'failed', error: expect.stringContaining('the app was closing') });
  });
});
