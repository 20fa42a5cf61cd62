// Issue 11, part 5: disk full while counting, on a really full filesystem (a 16 MiB tmpfs: room for the WAL's
// usual 4 MB before its checkpoint, mounted
// here: the tests run as root). The real writer on a real migrated database: SQLITE_FULL becomes a
// typed DISK_FULL, nothing crashes, the frames wait in memory; once the filler is deleted every
// held frame is written, once, in order, and the file passes integrity_check.
// Where mounting is not allowed the test is skipped and says why.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { DbError } from '../../../src/engine/db/db-error';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { DISK_FULL_MESSAGE, ResultWriter } from '../../../src/engine/db/result-writer';
import { toStorageHealthDto } from '../../../src/engine/db/storage-health';
import { insertRow } from './db-test-helpers';
import { makeFrame, MODEL_ID } from './frame-fixtures';

const START = Date.parse('2025-05-01T08:00:00.000Z');

function mountSmallDisk(): { dir: string; skip: string | null } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'footfall-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
    return { dir, skip: null };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { dir, skip: `cannot mount a small tmpfs (needs root or CAP_SYS_ADMIN): ${why}` };
  }
}

const disk = mountSmallDisk();
// The reason a real-disk test did not run must be visible in the output.
if (disk.skip) console.warn(`disk-full-tmpfs: skipped: ${disk.skip}`);

let db: SqliteDatabase | null = null;
afterAll(() => {
  if (disk.skip) return;
  if (db?.open) db.close();
  execFileSync('umount', ['-l', disk.dir]);
  fs.rmSync(disk.dir, { recursive: true, force: true });
});

/** Writes until the filesystem refuses (ENOSPC), in smaller and smaller pieces. */
function fill(file: string): number {
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  try {
    for (const size of [65536, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 0x5a);
      for (;;) {
        try {
          fs.writeSync(fd, chunk);
          bytes += size;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
          break;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

describe('disk full on a real filesystem', () => {
  it.skipIf(disk.skip !== null)('holds every frame while the disk is full and writes them all, once, when space returns', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date'], now: START });
    try {
      const file = path.join(disk.dir, 'footfall.db');
      db = openMigratedDatabase(file);
      insertRow(db, 'ai_models', { model_id: MODEL_ID, model_name: 'YOLOv8n', model_type: 'detection' });
      const errors: Array<{ code: string; message: string }> = [];
      const acked: string[] = [];
      const writer = new ResultWriter(db, {
        maxBatchRows: 200,
        flushIntervalMs: 10,
        onError: (err) => errors.push({ code: (err as DbError).code, message: err.message }),
        onBatchWritten: (b) => acked.push(...b.inferenceIds),
      });
      const enqueued: string[] = [];
      let next = 0;
      const enqueue = (n: number): void => {
        for (let i = 0; i < n; i++) {
          const f = next++;
          writer.enqueue(makeFrame('door', f, new Date(START + f * 200)));
          enqueued.push(`door:${f}`);
        }
      };
      enqueue(20);
      for (let i = 0; i < 10; i++) vi.advanceTimersByTime(10);
      expect(acked).toHaveLength(20);

      const filler = path.join(disk.dir, 'filler.bin');
      expect(fill(filler)).toBeGreaterThan(0);
      // Count on until SQLite runs out of room (the WAL may still have some it can reuse).
      for (let round = 0; round < 2000 && writer.stats().storageState === 'ok'; round++) {
        enqueue(10);
        vi.advanceTimersByTime(10);
      }
      const full = writer.stats();
      expect(full.storageState).toBe('disk_full');
      expect(errors).toEqual([{ code: 'DISK_FULL', message: DISK_FULL_MESSAGE }]);
      expect(db.inTransaction).toBe(false);

      // Counting goes on while the disk is full; the retries keep being refused.
      enqueue(100);
      vi.advanceTimersByTime(1000 + 2000 + 4000);
      const held = toStorageHealthDto(writer.stats());
      expect(held).toMatchObject({ state: 'disk_full', message: DISK_FULL_MESSAGE, heldFrames: enqueued.length - acked.length, droppedFrames: 0 });
      expect(held.heldRows).toBeGreaterThan(100 * 9);
      expect(writer.stats().storageFailures).toBeGreaterThanOrEqual(3);
      expect(errors).toHaveLength(1);
      const storedWhileFull = db.prepare('SELECT inference_id FROM model_inference_results ORDER BY id').pluck().all();
      expect(storedWhileFull).toEqual(acked);

      // Space returns.
      fs.rmSync(filler);
      vi.advanceTimersByTime(10_000);
      for (let i = 0; i < 1000 && writer.stats().queuedFrames > 0; i++) vi.advanceTimersByTime(10);
      expect(writer.stats()).toMatchObject({ storageState: 'ok', queuedRows: 0, rejectedFrames: 0, droppedFrames: 0 });
      expect(acked).toEqual(enqueued);
      const stored = db.prepare('SELECT inference_id FROM model_inference_results ORDER BY id').pluck().all();
      expect(stored).toEqual(enqueued);
      expect(db.prepare('SELECT count(*) FROM detection_results').pluck().get()).toBe(4 * enqueued.length);
      writer.close();
      db.close();
      // A fresh connection (WAL replayed from the file) sees the same, intact.
      db = openMigratedDatabase(file);
      expect(db.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
      expect(db.prepare('SELECT count(*) FROM model_inference_results').pluck().get()).toBe(enqueued.length);
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
