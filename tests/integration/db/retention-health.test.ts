/**
 * `health:database` and `retention:preview` (issue 11, part 2): the Health page's database card
 * and the Settings page's question before a period is shortened, on back-dated rows.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/shared/dispatch';
import type { Caller } from '../../../src/shared/roles';
import { toIso } from '../../../src/shared/timestamps';
import { databaseStats, daysUntilFull, estimateGrowth } from '../../../src/engine/db/db-stats';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { runRetention } from '../../../src/engine/db/retention';
import { retentionHandlers } from '../../../src/engine/handlers/retention-handlers';
import { stubHandlers } from '../../support/stub-handlers';
import { insertRow, migratedDb } from './db-test-helpers';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const DAY = 86_400_000;
const admin: Caller = { user: { id: 1, username: 'admin', role: 'admin' }, role: 'admin', transport: 'internal', address: 'test' };

/** `perDay` frames a day (one detection each) from `fromDays` back to `toDays` back, in time order. */
function frames(db: SqliteDatabase, fromDays: number, toDays: number, perDay: number): void {
  db.transaction(() => {
    for (let d = fromDays; d > toDays; d--) {
      for (let f = 0; f < perDay; f++) {
        const at = toIso(new Date(NOW.getTime() - d * DAY + (f * DAY) / perDay));
        const id = `door:${d}:${f}`;
        insertRow(db, 'model_inference_results', { inference_id: id, model_version: '1.0.0', input_timestamp: at, inference_results: '{"people":1}', created_at: at, camera_id: 'door' });
        insertRow(db, 'detection_results', { inference_id: id, detection_id: `${id}:d0`, object_class: 'person', confidence_score: 0.9, bbox_x: 1, bbox_y: 2, bbox_width: 3, bbox_height: 4, created_at: at });
      }
    }
  })();
}

const schedule = (next: Date | null, busy = false) => ({ nextRunAt: () => next, busy });

describe('health:database', () => {
  it('reports the file, the disk, growth per day and the days until the disk is full', async () => {
    const { db, file } = migratedDb();
    frames(db, 30, 0, 200); // 30 days of 200 frames
    const h = await retentionHandlers({ db, dbPath: file }, schedule(new Date('2026-12-02T03:00:00.000Z')), () => NOW)['health:database']({});
    expect(h.file).toBe(file);
    expect(h.sizeBytes).toBe(fs.statSync(file).size);
    expect(h.walBytes).toBe(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
    expect(h.autoVacuum).toBe('incremental');
    const vol = fs.statfsSync(file.replace(/[^/]+$/, ''));
    expect(h.disk).not.toBeNull();
    expect(Math.abs(h.disk!.freeBytes - vol.bavail * vol.bsize)).toBeLessThan(64 * 1024 * 1024); // the same volume, moments apart
    // 7 days of 200 frames, each an inference row and a detection: the estimate is near what dbstat
    // says those rows take (within a factor of 2; it never reads the whole file).
    const exact = databaseStats(db, file, NOW).growth;
    expect(h.growth.windowDays).toBe(7);
    expect(h.growth.spanDays).toBeCloseTo(7, 1);
    expect(h.growth.bytesPerDay).toBeGreaterThan(exact.bytesPerDay / 2);
    expect(h.growth.bytesPerDay).toBeLessThan(exact.bytesPerDay * 2);
    expect(h.growth.tables.map((t) => t.table).slice(0, 2).sort()).toEqual(['detection_results', 'model_inference_results']);
    expect(h.daysUntilFull).toBe(daysUntilFull(h.disk!.freeBytes, h.growth.bytesPerDay));
    expect(h.daysUntilFull).toBeCloseTo(h.disk!.freeBytes / h.growth.bytesPerDay, 0);
    expect(h.retention).toEqual({
      periods: { inferenceResultsDays: 90, performanceMetricsYears: 1, abResultsYears: 2, healthSamplesDays: 30 },
      lastRun: null,
      lastCompletedAt: null,
      nextRunAt: '2026-12-02T03:00:00.000Z',
      running: false,
    });
  });

  it('counts the rows of the window exactly by rowid (rows are written in time order)', () => {
    const { db } = migratedDb();
    frames(db, 30, 0, 37);
    const g = estimateGrowth(db, NOW);
    const inference = g.tables.find((t) => t.table === 'model_inference_results')!;
    const since = toIso(new Date(NOW.getTime() - 7 * DAY));
    expect(inference.rowsInWindow).toBe(db.prepare('SELECT count(*) FROM model_inference_results WHERE created_at >= ?').pluck().get(since));
    expect(inference.rowsInWindow).toBe(7 * 37);
    expect(inference.rowsRemoved).toBe(0);
  });

  it('says nothing grows on an empty database, and takes off what retention deleted', async () => {
    const { db, file } = migratedDb();
    const handlers = retentionHandlers({ db, dbPath: file }, null, () => NOW);
    const empty = await handlers['health:database']({});
    expect(empty.growth.bytesPerDay).toBe(0);
    expect(empty.daysUntilFull).toBeNull();
    expect(empty.retention.nextRunAt).toBeNull();

    // A week of frames written, then a run that deleted far more old detections than that.
    frames(db, 200, 93, 20);
    frames(db, 7, 0, 20);
    const run = runRetention(db, new Date(NOW.getTime() - 60_000));
    const after = estimateGrowth(db, NOW);
    const table = (name: string) => after.tables.find((t) => t.table === name);
    // Inference rows are moved to the archive, not deleted: the file keeps what was written.
    expect(table('model_inference_results')).toMatchObject({ rowsInWindow: 7 * 20, rowsRemoved: 0 });
    expect(table('model_inference_results')!.bytesPerDay).toBeGreaterThan(0);
    // Detections deleted: their bytes went, and catching up on months is no negative growth.
    expect(table('detection_results')).toMatchObject({ rowsInWindow: 7 * 20, rowsRemoved: run.deleted.detectionResults, bytesPerDay: 0 });
    expect(table('inference_results_archive')).toBeUndefined();
    expect(after.bytesPerDay).toBe(after.tables.reduce((a, t) => a + t.bytesPerDay, 0));
    expect(after.addedBytesPerDay).toBeGreaterThan(after.bytesPerDay);
    const h = await retentionHandlers({ db, dbPath: file }, schedule(null, true), () => new Date(NOW.getTime() + 61_000))['health:database']({});
    expect(h.retention.lastRun).toMatchObject({ id: run.runId, status: 'completed', archived: { inferenceResults: run.archived.inferenceResults }, deleted: { detectionResults: run.deleted.detectionResults } });
    expect(h.retention.lastCompletedAt).toBe(toIso(new Date(NOW.getTime() - 60_000)));
    expect(h.retention.running).toBe(true);
    expect(h.growth.bytesPerDay).toBeGreaterThan(0);
  });

  it('an in-memory database has no file and no disk', async () => {
    const { db } = migratedDb();
    const h = await retentionHandlers({ db, dbPath: ':memory:' }, null, () => NOW)['health:database']({});
    expect(h).toMatchObject({ sizeBytes: 0, walBytes: 0, disk: null, daysUntilFull: null });
  });
});

describe('retention:preview', () => {
  it('counts what the next run would archive with the shorter period, through the contract', async () => {
    const { db, file } = migratedDb();
    frames(db, 60, 0, 10);
    insertRow(db, 'model_performance_metrics', { model_version: 'a', metric_timestamp: toIso(new Date(NOW.getTime() - 500 * DAY)) });
    const next = new Date('2026-12-02T03:00:00.000Z');
    const handlers = stubHandlers(retentionHandlers({ db, dbPath: file }, schedule(next), () => NOW));
    const r = await dispatch(handlers, 'retention:preview', { inferenceResultsDays: 30 }, admin);
    expect(r.ok).toBe(true);
    const p = (r as { ok: true; value: Awaited<ReturnType<(typeof handlers)['retention:preview']>> }).value;
    expect(p.at).toBe(toIso(next));
    expect(p.periods).toMatchObject({ inferenceResultsDays: 30, performanceMetricsYears: 1, abResultsYears: 2 });
    expect(p.cutoffs.inferenceResults).toBe(toIso(new Date(next.getTime() - 30 * DAY)));
    expect(p.rows.inferenceResults).toBe(db.prepare('SELECT count(*) FROM model_inference_results WHERE input_timestamp < ?').pluck().get(p.cutoffs.inferenceResults));
    expect(p.rows.inferenceResults).toBeGreaterThan(290);
    expect(p.rows.performanceMetrics).toBe(1);
    // Bounds are the settings' own; a viewer may not ask.
    expect(await dispatch(handlers, 'retention:preview', { inferenceResultsDays: 0 }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await dispatch(handlers, 'retention:preview', { abResultsYears: 1.5 }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const viewer: Caller = { ...admin, user: { id: 2, username: 'v', role: 'viewer' }, role: 'viewer' };
    expect(await dispatch(handlers, 'retention:preview', {}, viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
