/**
 * Start-up check (issue 11, item 4): a corrupt, truncated or empty database file is quarantined
 * and the newest good backup restored; with none, a fresh database — never a crash loop — and
 * the engine reports what it did through app:info `recovery`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackup, listBackupFiles, openEngineDatabase, requestRestore } from '../../../src/engine/db/backup';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { LATEST_SCHEMA_VERSION } from '../../../src/engine/db/migrations';
import { openEngine } from '../../../src/engine/wiring/open-engine';
import { silentLogger } from '../../../src/engine/log';
import { tempDir } from './db-test-helpers';

const NOW = new Date('2025-03-01T08:00:00Z');

/** A database with `rows` marker settings and two backups: an older one (1 row) and a newer one (`rows`). */
async function withBackups(rows: number): Promise<{ file: string; dir: string; newest: string }> {
  const folder = tempDir();
  const file = path.join(folder, 'footfall.db');
  const dir = path.join(folder, 'backups');
  const db = openMigratedDatabase(file);
  db.exec('CREATE TABLE marker (n INTEGER)');
  db.prepare('INSERT INTO marker VALUES (0)').run();
  await createBackup(db, { dir, now: new Date('2025-02-27T03:00:00Z') });
  for (let i = 1; i < rows; i++) db.prepare('INSERT INTO marker VALUES (?)').run(i);
  const newest = await createBackup(db, { dir, now: new Date('2025-02-28T03:00:00Z') });
  for (let i = 0; i < 10; i++) db.prepare('INSERT INTO marker VALUES (?)').run(1000 + i); // after the last backup
  db.close();
  return { file, dir, newest: newest.path };
}

const damage = {
  corrupt: (file: string) => {
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    for (let p = 1; p < bytes.length / pageSize; p++) bytes.fill(0x5a, p * pageSize, p * pageSize + 100);
    fs.writeFileSync(file, bytes);
  },
  truncated: (file: string) => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 3)),
  empty: (file: string) => fs.writeFileSync(file, ''),
  'not-sqlite': (file: string) => fs.writeFileSync(file, 'this is a text file, not a database\n'.repeat(200)),
};

describe('start-up recovery', () => {
  it.each(Object.keys(damage) as Array<keyof typeof damage>)('a %s file is quarantined and the newest good backup restored', async (kind) => {
    const { file, dir, newest } = await withBackups(5);
    // A leftover WAL must go with the file it belongs to.
    fs.writeFileSync(`${file}-wal`, 'stale');
    damage[kind](file);
    const damagedBytes = fs.readFileSync(file);
    const { db, recovery } = openEngineDatabase(file, { backupDir: dir, now: () => NOW });
    try {
      expect(recovery).toMatchObject({ kind: 'recovered', problem: kind === 'not-sqlite' || kind === 'empty' || kind === 'truncated' ? kind : 'corrupt', restoredFrom: newest, freshDatabase: false });
      expect(recovery!.quarantined).toMatch(/footfall\.db\.corrupt-\d{8}-\d{6}$/);
      expect(fs.readFileSync(recovery!.quarantined!)).toEqual(damagedBytes); // kept as it was
      expect(fs.readFileSync(`${recovery!.quarantined!}-wal`, 'utf8')).toBe('stale');
      expect(recovery!.message).toMatch(/restored/);
      expect(db.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
      expect(db.prepare('SELECT count(*) FROM marker').pluck().get()).toBe(5); // the newest backup, not the older one
      expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });

  it('skips a damaged newest backup for an older good one', async () => {
    const { file, dir, newest } = await withBackups(5);
    fs.writeFileSync(newest, 'garbage');
    damage.empty(file);
    const { db, recovery } = openEngineDatabase(file, { backupDir: dir, now: () => NOW });
    try {
      expect(recovery!.restoredFrom).toBe(listBackupFiles(dir)[1]!.path);
      expect(db.prepare('SELECT count(*) FROM marker').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });

  it('with no good backup: a fresh migrated database, reported through app:info, and the next start is normal', async () => {
    const folder = tempDir();
    const file = path.join(folder, 'footfall.db');
    fs.writeFileSync(file, Buffer.alloc(8192, 7));
    const engine = await openEngine({ dbPath: file, host: 'serve', cameras: false, registerDefaultModel: false, log: silentLogger() });
    try {
      const info = await engine.handlers['app:info']({});
      expect(info.recovery).toMatchObject({ kind: 'recovered', problem: 'not-sqlite', restoredFrom: null, freshDatabase: true });
      expect(info.recovery!.message).toMatch(/new, empty database/);
      expect(info.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(fs.existsSync(info.recovery!.quarantined!)).toBe(true);
    } finally {
      await engine.close();
    }
    const again = await openEngine({ dbPath: file, host: 'serve', cameras: false, registerDefaultModel: false, log: silentLogger() });
    try {
      expect((await again.handlers['app:info']({})).recovery).toBeNull();
    } finally {
      await again.close();
    }
  });

  it('a healthy file is left alone', async () => {
    const { file, dir } = await withBackups(3);
    const { db, recovery } = openEngineDatabase(file, { backupDir: dir, now: () => NOW });
    try {
      expect(recovery).toBeNull();
      expect(db.prepare('SELECT count(*) FROM marker').pluck().get()).toBe(13);
    } finally {
      db.close();
    }
  });

  it('backup:restore from the app verifies the backup and restores it at the next start', async () => {
    const { file, dir } = await withBackups(4);
    const older = listBackupFiles(dir)[1]!;
    const engine = await openEngine({ dbPath: file, host: 'serve', cameras: false, registerDefaultModel: false, log: silentLogger() });
    try {
      const list = await engine.handlers['backup:list']({});
      expect(list).toMatchObject({ dir, keep: 7, intervalHours: 24, pendingRestore: null });
      expect(list.backups.map((b) => b.name)).toHaveLength(2);
      expect(await engine.handlers['backup:restore']({ name: older.name })).toEqual({ name: older.name, restartRequired: true });
      expect((await engine.handlers['backup:list']({})).pendingRestore).toBe(older.path);
      const made = await engine.handlers['backup:create']({});
      expect(made).toMatchObject({ schemaVersion: LATEST_SCHEMA_VERSION, pruned: [] });
    } finally {
      await engine.close();
    }
    const again = await openEngine({ dbPath: file, host: 'serve', cameras: false, registerDefaultModel: false, log: silentLogger() });
    try {
      const info = await again.handlers['app:info']({});
      expect(info.recovery).toMatchObject({ kind: 'restored', restoredFrom: older.path });
      expect(again.db.prepare('SELECT count(*) FROM marker').pluck().get()).toBe(1);
      expect(fs.existsSync(info.recovery!.quarantined!)).toBe(true); // the replaced file is kept
    } finally {
      await again.close();
    }
  });

  it('a pending restore of a backup that went bad is not done, and says so', async () => {
    const { file, dir, newest } = await withBackups(2);
    requestRestore(file, newest);
    fs.writeFileSync(newest, 'garbage');
    const { db, recovery } = openEngineDatabase(file, { backupDir: dir, now: () => NOW });
    try {
      expect(recovery).toMatchObject({ kind: 'restored', restoredFrom: null });
      expect(recovery!.message).toMatch(/was not done/);
      expect(db.prepare('SELECT count(*) FROM marker').pluck().get()).toBe(12);
    } finally {
      db.close();
    }
  });
});
