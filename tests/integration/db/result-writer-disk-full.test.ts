// Issue 11, part 5 (disk full), the writer's logic on a fake clock: a real migrated database made
// to refuse writes with a real SQLITE_FULL (PRAGMA max_page_count), or with an injected I/O error.
// The same on a really full filesystem: disk-full-tmpfs.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkDatabase } from '../../../src/engine/db/db-check';
import type { DbError } from '../../../src/engine/db/db-error';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { DISK_FULL_MESSAGE, ResultWriter, type ResultWriterOptions, type ResultWriterStats } from '../../../src/engine/db/result-writer';
import { toStorageHealthDto } from '../../../src/engine/db/storage-health';
import { silentLogger } from '../../../src/engine/log';
import { openEngine } from '../../../src/engine/wiring/open-engine';
import path from 'node:path';
import { insertRow, migratedDb, tempDir } from './db-test-helpers';
import { makeFrame, MODEL_ID, rowsOf } from './frame-fixtures';

const START = Date.parse('2025-05-01T08:00:00.000Z');

afterEach(() => {
  vi.useRealTimers();
});

function fakeClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date'], now: START });
}

function setup(opts: ResultWriterOptions = {}) {
  const { db } = migratedDb();
  insertRow(db, 'ai_models', { model_id: MODEL_ID, model_name: 'YOLOv8n', model_type: 'detection' });
  const errors: Array<{ code: string; message: string; inferenceId: string | null }> = [];
  const acked: string[] = [];
  const states: ResultWriterStats['storageState'][] = [];
  const writer = new ResultWriter(db, {
    maxBatchRows: 100,
    flushIntervalMs: 10,
    retryInitialMs: 1000,
    retryMaxMs: 8000,
    ...opts,
    onError: (err, inferenceId) => errors.push({ code: (err as DbError).code ?? 'none', message: err.message, inferenceId }),
    onBatchWritten: (b) => acked.push(...b.inferenceIds),
    onStorageState: (s) => states.push(s.storageState),
  });
  const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
  let next = 0;
  const enqueued: string[] = [];
  const enqueue = (n: number, people = 4, crossEvery = 5): void => {
    for (let i = 0; i < n; i++) {
      const f = next++;
      writer.enqueue(makeFrame('cam', f, new Date(START + f * 100), people, crossEvery));
      enqueued.push(`cam:${f}`);
    }
  };
  return { db, writer, errors, acked, states, count, enqueue, enqueued };
}

/** SQLite refuses to grow the file past its current size: every write needing a page is SQLITE_FULL. */
function fillDisk(db: SqliteDatabase): void {
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
}

function freeDisk(db: SqliteDatabase): void {
  db.pragma('max_page_count = 1073741823');
}

/**
 * An injected failing disk: while `failing`, every `every`-th INSERT into model_inference_results
 * throws SQLITE_IOERR_WRITE (install before the writer prepares its statements).
 */
function failingInserts(db: SqliteDatabase, every = 1): { failing: boolean } {
  const control = { failing: false };
  let inserts = 0;
  const prepare = db.prepare.bind(db);
  vi.spyOn(db, 'prepare').mockImplementation(((sql: string) => {
    const statement = prepare(sql);
    if (!sql.startsWith('INSERT INTO model_inference_results')) return statement;
    const run = statement.run.bind(statement);
    return Object.assign(statement, {
      run: (...args: unknown[]) => {
        if (control.failing && ++inserts % every === 0) throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
        return run(...args);
      },
    });
  }) as typeof db.prepare);
  return control;
}

/** Runs the writer's timers until the queue is empty (bounded, so a bug fails instead of spinning). */
function drain(writer: ResultWriter): void {
  for (let i = 0; i < 10_000 && writer.stats().queuedFrames > 0; i++) vi.advanceTimersByTime(10);
}

function storedIds(db: SqliteDatabase): string[] {
  return db.prepare('SELECT inference_id FROM model_inference_results ORDER BY id').pluck().all() as string[];
}

describe('ResultWriter when the disk is full', () => {
  it('SQLITE_FULL: one typed error, everything held in order, retried with back-off, then written once', () => {
    fakeClock();
    const t = setup();
    t.enqueue(10);
    drain(t.writer);
    expect(t.acked).toHaveLength(10);

    fillDisk(t.db);
    // Enough rows to need new pages: the first batch that does is refused and rolled back.
    t.enqueue(60);
    vi.advanceTimersByTime(10);
    for (let i = 0; i < 20 && t.writer.stats().storageState === 'ok'; i++) vi.advanceTimersByTime(10);
    const held = t.writer.stats();
    expect(held.storageState).toBe('disk_full');
    expect(held.heldSince).toEqual(expect.any(Number));
    expect(t.errors).toEqual([{ code: 'DISK_FULL', message: DISK_FULL_MESSAGE, inferenceId: null }]);
    expect(t.states).toEqual(['disk_full']);
    expect(t.db.inTransaction).toBe(false);
    const storedWhileFull = storedIds(t.db);
    // Nothing half-written: every stored frame was acknowledged, with all of its rows.
    expect(storedWhileFull).toEqual(t.acked);
    expect(t.count('SELECT count(*) FROM detection_results')).toBe(4 * t.acked.length);

    // Counting goes on: enqueue never throws, the frames wait in memory.
    t.enqueue(30);
    expect(t.writer.stats().queuedFrames).toBe(t.enqueued.length - t.acked.length);

    // Back-off: 1 s, 2 s, 4 s, 8 s, 8 s (capped) after the first refusal.
    const failures = (): number => t.writer.stats().storageFailures;
    const base = failures();
    vi.advanceTimersByTime(999 - (Date.now() - held.heldSince!));
    expect(failures()).toBe(base);
    vi.advanceTimersByTime(1);
    expect(failures()).toBe(base + 1);
    for (const [delay, expected] of [[2000, 2], [4000, 3], [8000, 4], [8000, 5]] as const) {
      vi.advanceTimersByTime(delay - 1);
      expect(failures()).toBe(base + expected - 1);
      vi.advanceTimersByTime(1);
      expect(failures()).toBe(base + expected);
    }
    expect(t.errors).toHaveLength(1); // reported once per episode, not per retry
    expect(storedIds(t.db)).toEqual(storedWhileFull);
    const dto = toStorageHealthDto(t.writer.stats());
    expect(dto).toMatchObject({
      state: 'disk_full',
      message: DISK_FULL_MESSAGE,
      heldFrames: 90,
      heldCountingEvents: 18,
      heldSince: new Date(held.heldSince!).toISOString(),
      droppedFrames: 0,
    });

    // Space returns: the next retry writes, the episode ends, the rest drains in order.
    freeDisk(t.db);
    vi.advanceTimersByTime(8000);
    expect(t.writer.stats().storageState).toBe('ok');
    expect(t.states).toEqual(['disk_full', 'ok']);
    drain(t.writer);
    expect(storedIds(t.db)).toEqual(t.enqueued);
    expect(t.acked).toEqual(t.enqueued);
    expect(t.count('SELECT count(*) FROM detection_results')).toBe(4 * t.enqueued.length);
    expect(t.count('SELECT count(*) FROM counting_results')).toBe(t.enqueued.length / 5);
    expect(toStorageHealthDto(t.writer.stats())).toMatchObject({ state: 'ok', message: null, heldRows: 0, heldSince: null });
    expect(t.errors).toHaveLength(1);
    expect(checkDatabase(t.db).ok).toBe(true);
    t.writer.close();
  });

  it('an I/O error on write: DISK_WRITE_FAILED, the batch rolled back and held, written once it works', () => {
    fakeClock();
    const { db } = migratedDb();
    insertRow(db, 'ai_models', { model_id: MODEL_ID, model_name: 'YOLOv8n', model_type: 'detection' });
    // The injected failure: the third inference INSERT of a batch fails like a failing disk would.
    const disk = failingInserts(db, 3);
    const errors: string[] = [];
    const writer = new ResultWriter(db, { maxBatchRows: 1000, flushIntervalMs: 10, onError: (err) => errors.push(`${(err as DbError).code}: ${err.message}`) });
    disk.failing = true;
    for (let f = 0; f < 5; f++) writer.enqueue(makeFrame('cam', f, new Date(START)));
    vi.advanceTimersByTime(10);
    expect(writer.stats()).toMatchObject({ storageState: 'write_failed', queuedFrames: 5, writtenFrames: 0, rejectedFrames: 0 });
    expect(errors).toEqual(['DISK_WRITE_FAILED: The disk refused a write (SQLITE_IOERR_WRITE): counts are kept in memory until it works again']);
    // Frames 0 and 1 were inserted before the failure: rolled back with their batch.
    expect(db.prepare('SELECT count(*) FROM model_inference_results').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM detection_results').pluck().get()).toBe(0);
    disk.failing = false;
    vi.advanceTimersByTime(1000);
    expect(writer.stats()).toMatchObject({ storageState: 'ok', queuedFrames: 0, writtenFrames: 5 });
    expect(db.prepare('SELECT count(*) FROM detection_results').pluck().get()).toBe(20);
    writer.close();
  });

  it('a commit reported failed but stored (an fsync error after the WAL write) is not written twice', () => {
    fakeClock();
    const { db } = migratedDb();
    insertRow(db, 'ai_models', { model_id: MODEL_ID, model_name: 'YOLOv8n', model_type: 'detection' });
    let failAfterCommit = false;
    const transaction = db.transaction.bind(db);
    vi.spyOn(db, 'transaction').mockImplementation(((fn: (...args: never[]) => unknown) => {
      const tx = transaction(fn);
      return (...args: never[]) => {
        const topLevel = !db.inTransaction;
        const result = tx(...args);
        if (topLevel && failAfterCommit) {
          failAfterCommit = false;
          throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_FSYNC' });
        }
        return result;
      };
    }) as typeof db.transaction);
    const errors: string[] = [];
    const acked: string[] = [];
    const writer = new ResultWriter(db, {
      flushIntervalMs: 10,
      onError: (err) => errors.push((err as DbError).code),
      onBatchWritten: (b) => acked.push(...b.inferenceIds),
    });
    failAfterCommit = true;
    for (let f = 0; f < 4; f++) writer.enqueue(makeFrame('cam', f, new Date(START)));
    vi.advanceTimersByTime(10);
    expect(writer.stats().storageState).toBe('write_failed');
    expect(acked).toEqual([]);
    // The retry finds the batch in the file: acknowledged, not written again, the episode over.
    vi.advanceTimersByTime(1000);
    expect(acked).toEqual(['cam:0', 'cam:1', 'cam:2', 'cam:3']);
    expect(writer.stats()).toMatchObject({ storageState: 'ok', queuedFrames: 0 });
    writer.enqueue(makeFrame('cam', 4, new Date(START)));
    drain(writer);
    expect(storedIds(db)).toEqual(['cam:0', 'cam:1', 'cam:2', 'cam:3', 'cam:4']);
    expect(acked).toEqual(['cam:0', 'cam:1', 'cam:2', 'cam:3', 'cam:4']);
    expect(writer.stats()).toMatchObject({ storageState: 'ok', rejectedFrames: 0, writtenFrames: 5, queuedRows: 0 });
    expect(errors).toEqual(['DISK_WRITE_FAILED']); // no UNIQUE failure from a second write
    writer.close();
  });

  it('past maxHoldMs a held frame loses its detail; counting events are kept, with no dangling detection', () => {
    fakeClock();
    const t = setup({ maxHoldMs: 60_000, maxBatchRows: 1000 });
    fillDisk(t.db);
    t.enqueue(50); // 10 frames with a crossing
    vi.advanceTimersByTime(10);
    expect(t.writer.stats().storageState).toBe('disk_full');
    vi.advanceTimersByTime(60_001);
    t.enqueue(10); // the sweep runs on enqueue (and on each retry)
    const s = t.writer.stats();
    expect(s).toMatchObject({ droppedFrames: 40, thinnedFrames: 10, droppedCountingEvents: 0, queuedFrames: 20, queuedCountingEvents: 12 });
    // 10 thinned (inference + event) + 10 new frames (9 rows, 2 with an event).
    expect(s.queuedRows).toBe(10 * 2 + 10 * 9 + 2);

    freeDisk(t.db);
    vi.advanceTimersByTime(8000);
    drain(t.writer);
    expect(t.writer.stats().storageState).toBe('ok');
    const crossings = t.db.prepare("SELECT inference_id, detection_id FROM counting_results ORDER BY id").all() as Array<{ inference_id: string; detection_id: string | null }>;
    expect(crossings.map((c) => c.inference_id)).toEqual(['cam:0', 'cam:5', 'cam:10', 'cam:15', 'cam:20', 'cam:25', 'cam:30', 'cam:35', 'cam:40', 'cam:45', 'cam:50', 'cam:55']);
    expect(crossings.slice(0, 10).every((c) => c.detection_id === null)).toBe(true);
    expect(crossings.slice(10).map((c) => c.detection_id)).toEqual(['cam:50:d0', 'cam:55:d0']);
    expect(t.count("SELECT count(*) FROM detection_results WHERE inference_id IN ('cam:0', 'cam:45')")).toBe(0);
    expect(t.count('SELECT count(*) FROM detection_results')).toBe(40);
    expect(checkDatabase(t.db).foreignKeyViolations).toEqual([]);
    t.writer.close();
  });

  it('a held queue emptied by the time bound still retries once frames come again', () => {
    fakeClock();
    const { db } = migratedDb();
    insertRow(db, 'ai_models', { model_id: MODEL_ID, model_name: 'YOLOv8n', model_type: 'detection' });
    const disk = failingInserts(db);
    const writer = new ResultWriter(db, { flushIntervalMs: 10, maxHoldMs: 5000, retryMaxMs: 2000 });
    writer.enqueue(makeFrame('cam', 0, new Date(START), 4, 1000)); // the only frame with a crossing
    vi.advanceTimersByTime(10);
    disk.failing = true;
    for (let f = 1; f <= 30; f++) writer.enqueue(makeFrame('cam', f, new Date(START), 4, 1000));
    vi.advanceTimersByTime(10);
    expect(writer.stats().storageState).toBe('write_failed');
    vi.advanceTimersByTime(20_000); // retries every 2 s: the sweep drops everything older than 5 s
    expect(writer.stats()).toMatchObject({ storageState: 'write_failed', queuedFrames: 0, droppedFrames: 30, droppedCountingEvents: 0 });
    const failures = writer.stats().storageFailures;
    vi.advanceTimersByTime(10_000);
    expect(writer.stats().storageFailures).toBe(failures); // nothing held, nothing tried
    for (let f = 31; f <= 35; f++) writer.enqueue(makeFrame('cam', f, new Date(START), 4, 1000));
    vi.advanceTimersByTime(2000);
    expect(writer.stats().storageFailures).toBe(failures + 1); // a retry came without being asked
    disk.failing = false;
    vi.advanceTimersByTime(2000);
    drain(writer);
    expect(writer.stats()).toMatchObject({ storageState: 'ok', queuedFrames: 0 });
    expect(storedIds(db)).toEqual(['cam:0', 'cam:31', 'cam:32', 'cam:33', 'cam:34', 'cam:35']);
    writer.close();
  });

  it('past maxQueuedRows the oldest detail goes first, then the oldest counting events; all counted', () => {
    fakeClock();
    const t = setup({ maxQueuedRows: 200, maxBatchRows: 1000 });
    fillDisk(t.db);
    t.enqueue(20); // 180 rows + 4 events = 184
    vi.advanceTimersByTime(10);
    expect(t.writer.stats()).toMatchObject({ storageState: 'disk_full', queuedRows: 184 });
    t.enqueue(2); // over 200: shed down to 180 - 9 rows, oldest first
    let s = t.writer.stats();
    expect(s.queuedRows).toBeLessThanOrEqual(200);
    expect(s.droppedCountingEvents).toBe(0);
    expect(s.droppedFrames + s.thinnedFrames).toBeGreaterThan(0);
    // Whatever was shed is the oldest: the newest frames are all still there with full detail.
    const keptFull = s.queuedFrames - s.thinnedFrames;
    expect(keptFull).toBeGreaterThan(0);

    // Frames of one person crossing: 4 rows each, 2 once thinned. Only events are left to shed after a while.
    for (let i = 0; i < 200; i++) t.enqueue(1, 1, 1);
    s = t.writer.stats();
    expect(s.queuedRows).toBeLessThanOrEqual(200);
    expect(s.droppedCountingEvents).toBeGreaterThan(0);
    const enqueuedEvents = 4 + 1 + 200; // frames 0, 5, 10, 15, 20, then every one
    expect(s.queuedCountingEvents + s.droppedCountingEvents).toBe(enqueuedEvents);

    freeDisk(t.db);
    vi.advanceTimersByTime(8000);
    drain(t.writer);
    const stored = storedIds(t.db);
    expect(stored).toHaveLength(t.enqueued.length - t.writer.stats().droppedFrames);
    // Kept in order, the newest frame among them with its detail.
    const order = stored.map((id) => t.enqueued.indexOf(id));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(stored.at(-1)).toBe(t.enqueued.at(-1));
    expect(t.count(`SELECT count(*) FROM detection_results WHERE inference_id = '${t.enqueued.at(-1)}'`)).toBe(1);
    expect(t.count('SELECT count(*) FROM counting_results')).toBe(enqueuedEvents - t.writer.stats().droppedCountingEvents);
    expect(checkDatabase(t.db).ok).toBe(true);
    t.writer.close();
  });

  it('close() while the disk is full says how many rows are lost, and stops retrying', () => {
    fakeClock();
    const t = setup();
    fillDisk(t.db);
    t.enqueue(30);
    vi.advanceTimersByTime(10);
    expect(t.writer.stats().storageState).toBe('disk_full');
    const rows = t.writer.stats().queuedRows;
    let error: (Error & { code?: string }) | null = null;
    try {
      t.writer.close();
    } catch (err) {
      error = err as Error & { code?: string };
    }
    expect(error?.code).toBe('WRITER_CLOSED');
    expect(error?.message).toBe(`ResultWriter closed with ${rows} rows unwritten: ${DISK_FULL_MESSAGE}`);
    const failures = t.writer.stats().storageFailures;
    vi.advanceTimersByTime(60_000);
    expect(t.writer.stats().storageFailures).toBe(failures);
    expect(rowsOf(makeFrame('cam', 1, new Date(START)))).toBe(9);
  });
});

describe('app:info storage', () => {
  it('reports the live writer held while the disk is full, and ok once it wrote everything', async () => {
    const engine = await openEngine({ dbPath: path.join(tempDir(), 'footfall.db'), host: 'serve', cameras: {}, registerDefaultModel: false, log: silentLogger() });
    try {
      expect((await engine.handlers['app:info']({})).storage).toMatchObject({ state: 'ok', heldRows: 0, heldSince: null });
      insertRow(engine.db, 'ai_models', { model_id: MODEL_ID, model_name: 'YOLOv8n', model_type: 'detection' });
      // The cameras' one shared writer (no camera is configured: frames go in directly).
      const writer = (engine.cameras as unknown as { writer: ResultWriter }).writer;
      fillDisk(engine.db);
      for (let f = 0; f < 100; f++) writer.enqueue(makeFrame('door', f, new Date(START + f * 100)));
      expect(() => writer.flush()).toThrow(DISK_FULL_MESSAGE);
      const held = (await engine.handlers['app:info']({})).storage;
      expect(held).toMatchObject({ state: 'disk_full', message: DISK_FULL_MESSAGE, heldCountingEvents: 20, droppedFrames: 0 });
      expect(held?.heldFrames).toBeGreaterThan(0);
      expect(Date.parse(held!.heldSince!)).toBeGreaterThan(0);
      freeDisk(engine.db);
      writer.flush();
      expect((await engine.handlers['app:info']({})).storage).toMatchObject({ state: 'ok', heldRows: 0, heldFrames: 0, heldSince: null, message: null });
      expect(engine.db.prepare('SELECT count(*) FROM model_inference_results').pluck().get()).toBe(100);
    } finally {
      await engine.close();
    }
  });
});
