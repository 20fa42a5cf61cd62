import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { checkDatabase } from '../../../src/engine/db/db-check';
import { currentSchemaVersion, migrate, migrationSha256 } from '../../../src/engine/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../../src/engine/db/migrations';
import { openDatabase, type SqliteDatabase } from '../../../src/engine/db/open-database';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { insertRow, migratedDb, openTempDb, snapshot, tableNames, tempDir, thrownBy } from './db-test-helpers';

const T0 = '2025-03-01T10:00:00.000Z';

describe('migrate', () => {
  it('creates the full schema on an empty file and records every migration with its sha256', () => {
    const { db } = openTempDb();
    expect(migrate(db)).toEqual({ applied: MIGRATIONS.map((m) => m.version), version: LATEST_SCHEMA_VERSION });
    const rows = db.prepare('SELECT version, name, sha256, applied_at FROM schema_migrations ORDER BY version').all() as Array<{
      version: number;
      name: string;
      sha256: string;
      applied_at: string;
    }>;
    expect(rows.map((r) => [r.version, r.name, r.sha256])).toEqual(MIGRATIONS.map((m) => [m.version, m.name, migrationSha256(m.sql)]));
    for (const r of rows) expect(r.applied_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('replaying on a migrated file is a no-op', () => {
    const { db } = migratedDb();
    insertRow(db, 'ai_models', { model_id: 'yolov8n', model_name: 'YOLOv8n', model_type: 'detection' });
    const before = snapshot(db);
    expect(migrate(db)).toEqual({ applied: [], version: LATEST_SCHEMA_VERSION });
    expect(snapshot(db)).toEqual(before);
  });

  it('refuses a database whose applied migration hash was tampered with, naming it, and changes nothing', () => {
    const { db } = migratedDb(MIGRATIONS.slice(0, 4));
    db.prepare('UPDATE schema_migrations SET sha256 = ? WHERE version = 3').run('0'.repeat(64));
    const before = snapshot(db);
    const err = thrownBy(() => migrate(db));
    expect(err.code).toBe('MIGRATION_MODIFIED');
    expect(err.message).toContain('0003_inference_results');
    expect(snapshot(db)).toEqual(before);
    expect(currentSchemaVersion(db)).toBe(4);
  });

  it('refuses when the code of an applied migration was edited', () => {
    const { db } = migratedDb();
    const before = snapshot(db);
    const edited: Migration[] = MIGRATIONS.map((m) => (m.version === 2 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    const err = thrownBy(() => migrate(db, edited));
    expect(err.code).toBe('MIGRATION_MODIFIED');
    expect(err.message).toContain('0002_version_control_and_deployment');
    expect(snapshot(db)).toEqual(before);
  });

  it('refuses a file from the future (SCHEMA_TOO_NEW) without touching it', () => {
    const { db } = migratedDb();
    db.prepare('INSERT INTO schema_migrations (version, name, sha256) VALUES (?, ?, ?)').run(
      LATEST_SCHEMA_VERSION + 1,
      'from_a_later_release',
      'a'.repeat(64),
    );
    const before = snapshot(db);
    expect(thrownBy(() => migrate(db)).code).toBe('SCHEMA_TOO_NEW');
    expect(snapshot(db)).toEqual(before);
    // An older app (knowing fewer migrations) opening today's file is refused the same way.
    const { db: current } = migratedDb();
    expect(thrownBy(() => migrate(current, MIGRATIONS.slice(0, 5))).code).toBe('SCHEMA_TOO_NEW');
  });

  it('rolls a failing migration back completely and keeps the earlier version', () => {
    const { db } = migratedDb();
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE half_done (a INTEGER); SELECT no_such_function();' },
    ];
    const err = thrownBy(() => migrate(db, broken));
    expect(err.code).toBe('MIGRATION_FAILED');
    expect(err.message).toContain('broken');
    expect(tableNames(db)).not.toContain('half_done');
    expect(currentSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('upgrades an old fixture (first 3 migrations plus data) to the latest version and keeps the data', () => {
    const { db, file } = migratedDb(MIGRATIONS.slice(0, 3));
    expect(currentSchemaVersion(db)).toBe(3);
    insertRow(db, 'users', { username: 'tech', role: 'technician' });
    insertRow(db, 'ai_models', { model_id: 'yolov8n', model_name: 'YOLOv8n', model_type: 'detection', model_config: '{"input":[1,3,640,640]}' });
    insertRow(db, 'model_versions', { model_id: 'yolov8n', version_number: '1.0.0', validation_f1: 61.2 });
    insertRow(db, 'model_inference_results', {
      inference_id: 'cam1:1',
      model_id: 'yolov8n',
      model_version: '1.0.0',
      input_timestamp: T0,
      inference_results: '{"people":1}',
      camera_id: 'cam1',
    });
    insertRow(db, 'detection_results', {
      inference_id: 'cam1:1', detection_id: 'cam1:1:0', object_class: 'person', confidence_score: 0.91,
      bbox_x: 10, bbox_y: 20, bbox_width: 40, bbox_height: 100,
    });
    insertRow(db, 'counting_results', { inference_id: 'cam1:1', counting_event_id: 'cam1:e1', event_type: 'entry', direction: 'in', camera_id: 'cam1' });
    const old = snapshot(db, ['schema_migrations']);
    db.close();

    const reopened = openDatabase(file);
    try {
      expect(migrate(reopened)).toEqual({ applied: MIGRATIONS.slice(3).map((m) => m.version), version: LATEST_SCHEMA_VERSION });
      const added = tableNames(reopened).filter((t) => !(t in old.counts));
      expect(added).toContain('cameras');
      // Every pre-existing table holds exactly the same rows as before the upgrade.
      expect(snapshot(reopened, ['schema_migrations', ...added])).toEqual(old);
      expect(checkDatabase(reopened).ok).toBe(true);
    } finally {
      reopened.close();
    }
  });
});

describe('openDatabase', () => {
  it('creates missing parent folders and sets WAL, foreign keys, busy timeout and synchronous=NORMAL', () => {
    const { file } = openTempDb();
    const nested = path.join(path.dirname(file), 'a', 'b', 'footfall.db');
    const db = openDatabase(nested);
    try {
      expect(fs.existsSync(nested)).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it.each([
    ['a file that is not a database', (dir: string) => {
      const f = path.join(dir, 'notes.db');
      fs.writeFileSync(f, 'this is plain text, not SQLite '.repeat(200));
      return { file: f, readonly: false };
    }],
    ['a missing file opened read-only', (dir: string) => ({ file: path.join(dir, 'missing.db'), readonly: true })],
    ['a folder', (dir: string) => ({ file: dir, readonly: false })],
  ])('fails with DB_OPEN_FAILED for %s', (_label, make) => {
    const { file: existing } = openTempDb();
    const { file, readonly } = make(path.dirname(existing));
    const err = thrownBy(() => openDatabase(file, { readonly }));
    expect(err.code).toBe('DB_OPEN_FAILED');
    expect(err.message).toContain(file);
  });

  it('opens an existing file read-only (writes refused)', () => {
    const { db, file } = migratedDb();
    db.close();
    const ro = openDatabase(file, { readonly: true });
    try {
      expect(currentSchemaVersion(ro)).toBe(LATEST_SCHEMA_VERSION);
      expect(() => ro.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run()).toThrow(/readonly/);
    } finally {
      ro.close();
    }
  });
});

describe('openMigratedDatabase', () => {
  it('opens a file on the latest schema', () => {
    const db = openMigratedDatabase(path.join(tempDir(), 'fresh.db'));
    try {
      expect(currentSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });

  it('closes the connection when a migration fails, and the file keeps its earlier version', () => {
    const { file, db: first } = migratedDb();
    first.close();
    const broken: Migration[] = [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', sql: 'SELECT no_such_function();' }];
    const close = vi.spyOn(Database.prototype, 'close');
    try {
      expect(thrownBy(() => openMigratedDatabase(file, { migrations: broken })).code).toBe('MIGRATION_FAILED');
      expect(close).toHaveBeenCalledTimes(1);
      expect((close.mock.contexts[0] as SqliteDatabase).open).toBe(false);
    } finally {
      close.mockRestore();
    }
    const again = openMigratedDatabase(file);
    try {
      expect(currentSchemaVersion(again)).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      again.close();
    }
  });
});
