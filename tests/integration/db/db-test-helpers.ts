import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';
import type { Migration } from '../../../src/engine/db/migrations';
import { openDatabase, type SqliteDatabase } from '../../../src/engine/db/open-database';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';

const cleanups: Array<() => void> = [];

afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** A fresh temporary folder, removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'footfall-db-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function closedAfterTest(db: SqliteDatabase): SqliteDatabase {
  cleanups.push(() => {
    if (db.open) db.close();
  });
  return db;
}

/** Opens a database file in a fresh temp folder, not migrated (closed after the test). */
export function openTempDb(file = 'footfall.db'): { db: SqliteDatabase; file: string } {
  const full = path.join(tempDir(), file);
  return { db: closedAfterTest(openDatabase(full)), file: full };
}

/** A migrated database file in a fresh temp folder (closed after the test). */
export function migratedDb(migrations?: readonly Migration[]): { db: SqliteDatabase; file: string } {
  const full = path.join(tempDir(), 'footfall.db');
  return { db: closedAfterTest(openMigratedDatabase(full, migrations ? { migrations } : {})), file: full };
}

/** A migrated database shared by every test of a file (read-only tests), closed after the file. */
export function sharedMigratedDb(): SqliteDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'footfall-db-'));
  const db = openMigratedDatabase(path.join(dir, 'shared.db'));
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return db;
}

export function tableNames(db: SqliteDatabase): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
}

export interface Snapshot {
  counts: Record<string, number>;
  checksum: string;
}

/** Row counts of every table plus one hash over all their contents, in rowid order. */
export function snapshot(db: SqliteDatabase, except: readonly string[] = []): Snapshot {
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  for (const table of tableNames(db)) {
    if (except.includes(table)) continue;
    const rows = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
    counts[table] = rows.length;
    hash.update(table);
    hash.update(JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
  }
  return { counts, checksum: hash.digest('hex') };
}

/** The error thrown by fn (the test fails when nothing is thrown). */
export function thrownBy(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`non-Error thrown: ${String(err)}`);
  }
  throw new Error('expected an error, nothing was thrown');
}

/** Inserts one row from a column → value object. */
export function insertRow(db: SqliteDatabase, table: string, row: Record<string, unknown>): number {
  const cols = Object.keys(row);
  const sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`;
  return Number(db.prepare(sql).run(row).lastInsertRowid);
}
