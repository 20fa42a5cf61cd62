/**
 * `footfall db stats` and `footfall backup create|list|restore` (issue 11, item 8) through the
 * real command line, plus the growth estimate of db stats on back-dated rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseStats } from '../../../src/engine/db/db-stats';
import { openDatabase } from '../../../src/engine/db/open-database';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { killRunningClis, runCli } from '../pipeline/cli-runner';
import { migratedDb, tempDir } from './db-test-helpers';

afterAll(killRunningClis);

const DAY = 86_400_000;

describe('db stats', () => {
  it('reports size, pages, rows and bytes per table, and growth from created_at over 7 days', () => {
    const { db, file } = migratedDb();
    db.exec("CREATE TABLE big_rows (id INTEGER PRIMARY KEY, payload TEXT, created_at TEXT NOT NULL)");
    const now = new Date('2025-03-10T12:00:00Z');
    const ins = db.prepare('INSERT INTO big_rows (payload, created_at) VALUES (?, ?)');
    db.transaction(() => {
      // 1000 rows over the last 4 days, 1000 older ones (outside the window).
      for (let i = 0; i < 1000; i++) ins.run('p'.repeat(500), new Date(now.getTime() - 4 * DAY + i * ((4 * DAY) / 1000)).toISOString());
      for (let i = 0; i < 1000; i++) ins.run('p'.repeat(500), new Date(now.getTime() - 30 * DAY).toISOString());
    })();
    const s = databaseStats(db, file, now);
    expect(s.sizeBytes + s.walBytes).toBeGreaterThan(1_000_000);
    expect(s.pageSize).toBe(4096);
    expect(s.pageCount).toBeGreaterThan(200);
    expect(s.freePages).toBeGreaterThanOrEqual(0);
    expect(s.bytesExact).toBe(true);
    const big = s.tables[0]!;
    expect(big).toMatchObject({ name: 'big_rows', rows: 2000 });
    expect(big.bytes).toBeGreaterThan(2000 * 500);
    expect(s.tables.find((t) => t.name === 'schema_migrations')!.rows).toBeGreaterThan(0);
    const g = s.growth.tables.find((t) => t.table === 'big_rows')!;
    expect(g.rowsInWindow).toBe(1000);
    expect(s.growth.spanDays).toBeCloseTo(4, 2);
    // 1000 rows of ~(bytes/2000) each over 4 days.
    expect(g.bytesPerDay).toBeCloseTo((1000 * Math.round(big.bytes / 2000)) / 4, -2);
    expect(s.growth.bytesPerDay).toBeGreaterThanOrEqual(g.bytesPerDay);
    expect(s.growth.windowDays).toBe(7);
  });
});

describe('backup and db stats on the command line', () => {
  it('db stats --json, backup create|list|restore --json, refusing a file in use', async () => {
    const folder = tempDir();
    const file = path.join(folder, 'shop.db');
    const to = path.join(folder, 'elsewhere');
    const db = openMigratedDatabase(file);
    db.exec('CREATE TABLE marker (n INTEGER)');
    db.prepare('INSERT INTO marker VALUES (1)').run();
    db.close();

    const stats = await runCli(['db', 'stats', '--db', file, '--json']);
    expect(stats.code, stats.stderr).toBe(0);
    const s = JSON.parse(stats.stdout) as Record<string, unknown>;
    expect(Object.keys(s).sort()).toEqual(['bytesExact', 'file', 'freePages', 'growth', 'pageCount', 'pageSize', 'sizeBytes', 'tables', 'walBytes']);
    expect((s.tables as Array<{ name: string; rows: number }>).find((t) => t.name === 'marker')).toMatchObject({ rows: 1 });

    const created = await runCli(['backup', 'create', '--db', file, '--to', to, '--json']);
    expect(created.code, created.stderr).toBe(0);
    const b = JSON.parse(created.stdout) as { name: string; path: string; sizeBytes: number; pruned: string[] };
    expect(b.name).toMatch(/^footfall-\d{8}-\d{6}\.db$/);
    expect(b.path).toBe(path.join(to, b.name));
    expect(fs.statSync(b.path).size).toBe(b.sizeBytes);

    const listed = await runCli(['backup', 'list', '--db', file, '--to', to, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ dir: to, backups: [{ name: b.name, sizeBytes: b.sizeBytes }] });

    // Change the file after the backup, then restore: the change is gone, the old file kept.
    const live = openDatabase(file);
    live.prepare('INSERT INTO marker VALUES (2)').run();
    const refused = await runCli(['backup', 'restore', '--db', file, '--to', to, '--file', b.name, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr.trim().split('\n').pop()!)).toMatchObject({ error: { code: 'DB_IN_USE', message: expect.stringMatching(/close it first/) } });
    live.close();

    const restored = await runCli(['backup', 'restore', '--db', file, '--to', to, '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    const r = JSON.parse(restored.stdout) as { restoredFrom: string; replaced: string };
    expect(r.restoredFrom).toBe(b.path);
    expect(r.replaced).toMatch(/shop\.db\.replaced-\d{8}-\d{6}$/);
    const check = openDatabase(file, { readonly: true });
    try {
      expect(check.prepare('SELECT n FROM marker').pluck().all()).toEqual([1]);
      expect(check.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
    } finally {
      check.close();
    }
  }, 180_000);
});
