/**
 * Backups (issue 11, item 4): online backup under a running writer, verification, keep-last-N and
 * the schedule (fake timers). Real SQLite files in temp folders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BACKUP_START_DELAY_MS,
  BackupScheduler,
  createBackup,
  listBackupFiles,
  pruneBackups,
  restoreBackup,
  verifyDatabaseFile,
} from '../../../src/engine/db/backup';
import { openDatabase } from '../../../src/engine/db/open-database';
import { LATEST_SCHEMA_VERSION } from '../../../src/engine/db/migrations';
import { migratedDb, tempDir } from './db-test-helpers';

const at = (iso: string): Date => new Date(iso);

function fillRows(db: ReturnType<typeof migratedDb>['db'], n: number): void {
  db.exec('CREATE TABLE IF NOT EXISTS load_rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
  const ins = db.prepare('INSERT INTO load_rows (payload) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) ins.run('x'.repeat(300) + i);
  })();
}

afterEach(() => {
  vi.useRealTimers();
});

describe('online backup', () => {
  it('taken while a writer keeps inserting, restores to a consistent database (count between start and end)', async () => {
    const { db, file } = migratedDb();
    fillRows(db, 20_000); // ~7 MB: the copy takes many 100-page steps
    const dir = path.join(path.dirname(file), 'backups');
    const ins = db.prepare('INSERT INTO load_rows (payload) VALUES (?)');
    const countAt = (): number => db.prepare('SELECT count(*) FROM load_rows').pluck().get() as number;
    const before = countAt();
    let writing = true;
    let batches = 0;
    // The result writer's pattern: small transactions between event-loop turns, on the same connection.
    const writer = (async () => {
      while (writing) {
        db.transaction(() => {
          for (let i = 0; i < 20; i++) ins.run(`w${batches}-${i}`);
        })();
        batches++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const backup = await createBackup(db, { dir, now: at('2025-03-01T10:00:00Z') });
    const duringBackup = batches;
    writing = false;
    await writer;
    const after = countAt();
    expect(duringBackup).toBeGreaterThan(0); // the writer really ran while the copy was made
    expect(backup.name).toMatch(/^footfall-\d{8}-\d{6}\.db$/);
    expect(fs.readdirSync(dir)).toEqual([backup.name]); // no temp file left

    db.close();
    const restored = restoreBackup(file, backup.path, { now: at('2025-03-01T11:00:00Z') });
    expect(restored.replaced).toMatch(/\.replaced-\d{8}-\d{6}$/);
    expect(fs.existsSync(restored.replaced!)).toBe(true);
    const back = openDatabase(file);
    try {
      expect(back.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
      const n = back.prepare('SELECT count(*) FROM load_rows').pluck().get() as number;
      expect(n).toBeGreaterThanOrEqual(before);
      expect(n).toBeLessThanOrEqual(after);
      // Whole batches only: a transaction is in the copy entirely or not at all.
      expect((n - before) % 20).toBe(0);
      expect(back.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      back.close();
    }
  });

  it('keeps the newest N and prunes the rest', async () => {
    const { db } = migratedDb();
    const dir = tempDir();
    for (let i = 0; i < 5; i++) await createBackup(db, { dir, keep: 3, now: at(`2025-03-0${i + 1}T03:00:00Z`) });
    const left = listBackupFiles(dir);
    expect(left).toHaveLength(3);
    expect(left.map((b) => b.takenAt)).toEqual(['2025-03-05T03:00:00.000Z', '2025-03-04T03:00:00.000Z', '2025-03-03T03:00:00.000Z']);
    // Two in the same second get distinct names.
    const a = await createBackup(db, { dir, keep: 10, now: at('2025-03-06T03:00:00Z') });
    const b = await createBackup(db, { dir, keep: 10, now: at('2025-03-06T03:00:00Z') });
    expect(b.name).not.toBe(a.name);
    expect(listBackupFiles(dir)[0]!.name).toBe(b.name);
    expect(pruneBackups(dir, 1)).toHaveLength(4);
    expect(listBackupFiles(dir).map((f) => f.name)).toEqual([b.name]);
  });

  it('verification refuses a backup with flipped bytes, and restore will not use it', async () => {
    const { db, file } = migratedDb();
    fillRows(db, 2000);
    const dir = tempDir();
    const good = await createBackup(db, { dir });
    expect(verifyDatabaseFile(good.path)).toMatchObject({ ok: true, check: 'integrity_check', schemaVersion: LATEST_SCHEMA_VERSION });
    const bad = path.join(dir, 'footfall-20200101-000000.db');
    const bytes = fs.readFileSync(good.path);
    const pageSize = bytes.readUInt16BE(16);
    // Garbage over the b-tree headers of pages in the middle of the file.
    for (let p = 3; p < bytes.length / pageSize - 1; p += 7) bytes.fill(0xa5, p * pageSize, p * pageSize + 64);
    fs.writeFileSync(bad, bytes);
    const check = verifyDatabaseFile(bad);
    expect(check.ok).toBe(false);
    expect(check.ok ? null : check.problem).toBe('corrupt');
    db.close();
    expect(() => restoreBackup(file, bad)).toThrow(expect.objectContaining({ code: 'BACKUP_INVALID' }));
    expect(fs.existsSync(file)).toBe(true); // nothing was moved
  });

  it('refuses to restore over a file another connection has open, in plain words', async () => {
    const { db, file } = migratedDb();
    const b = await createBackup(db, { dir: tempDir() });
    expect(() => restoreBackup(file, b.path)).toThrow(expect.objectContaining({ code: 'DB_IN_USE', message: expect.stringMatching(/open in a running Footfall/) }));
  });
});

describe('backup schedule', () => {
  it('runs every backup.interval_hours after the start delay, reads the setting each time, and stops', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(at('2025-03-01T12:00:00Z'));
    const { db } = migratedDb();
    const dir = tempDir();
    let hours = 6;
    const runs: string[] = [];
    const s = new BackupScheduler(db, { dir, intervalHours: () => hours, keep: () => 3, onRun: (b) => runs.push(b.takenAt), onError: (e) => runs.push(`error ${e.message}`) });
    s.start();
    expect(s.nextRunAt()!.getTime()).toBe(Date.now() + BACKUP_START_DELAY_MS);
    await vi.advanceTimersByTimeAsync(BACKUP_START_DELAY_MS - 1000);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    await s.pending;
    expect(runs).toEqual(['2025-03-01T12:05:00.000Z']);
    hours = 2; // applies from the next run's planning
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    await s.pending;
    expect(runs[1]).toBe('2025-03-01T18:05:00.000Z');
    await vi.advanceTimersByTimeAsync(2 * 3_600_000);
    await s.pending;
    expect(runs[2]).toBe('2025-03-01T20:05:00.000Z');
    await vi.advanceTimersByTimeAsync(4 * 3_600_000);
    await s.pending;
    expect(listBackupFiles(dir)).toHaveLength(3); // keep: 3
    await s.stop();
    const count = runs.length;
    await vi.advanceTimersByTimeAsync(48 * 3_600_000);
    expect(runs).toHaveLength(count);
    expect(s.nextRunAt()).toBeNull();
  });

  it('after a restart, waits for the interval since the newest backup', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(at('2025-03-01T12:00:00Z'));
    const { db } = migratedDb();
    const dir = tempDir();
    await createBackup(db, { dir, now: new Date() });
    vi.setSystemTime(at('2025-03-01T14:00:00Z'));
    const s = new BackupScheduler(db, { dir, intervalHours: () => 24 });
    s.start();
    expect(s.nextRunAt()!.toISOString()).toBe('2025-03-02T12:00:00.000Z');
    await s.stop();
  });
});
