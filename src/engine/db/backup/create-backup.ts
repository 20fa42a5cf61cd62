/**
 * An online backup: SQLite's backup API (better-sqlite3 `db.backup()`) copies the database page by
 * page while the result writer keeps writing; the copy is a consistent snapshot of one moment.
 * It is written under a temp name, verified, then renamed, so a listed backup is always whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteDatabase } from '../open-database';
import { DEFAULT_BACKUP_KEEP, nextBackupName, pruneBackups, type BackupFile } from './backup-files';
import { verifyDatabaseFile } from './verify-database-file';

export interface CreateBackupOptions {
  /** Backup folder (see defaultBackupDir). */
  dir: string;
  /** Keep the newest N backups (default 7, the `backup.keep` setting). */
  keep?: number;
  now?: Date;
  /**
   * Pages copied per step (default 100, between which the event loop runs). Writes made through
   * the same connection go into the copy as it runs; a write by another connection restarts it,
   * so a separate process (the CLI) copies in one step (Infinity): in WAL mode that read
   * transaction does not block the engine's writer.
   */
  pagesPerStep?: number;
}

export interface CreatedBackup extends BackupFile {
  schemaVersion: number;
  /** Names of older backups deleted to keep the newest `keep`. */
  pruned: string[];
  durationMs: number;
}

export class BackupError extends Error {
  constructor(
    readonly code: 'BACKUP_FAILED' | 'BACKUP_INVALID' | 'BACKUP_NOT_FOUND' | 'DB_IN_USE',
    message: string,
  ) {
    super(message);
  }
}

export async function createBackup(db: SqliteDatabase, o: CreateBackupOptions): Promise<CreatedBackup> {
  const t0 = performance.now();
  const now = o.now ?? new Date();
  fs.mkdirSync(o.dir, { recursive: true });
  const name = nextBackupName(o.dir, now);
  const final = path.join(o.dir, name);
  const tmp = path.join(o.dir, `.${name}.partial-${process.pid}`);
  try {
    const rate = Math.max(1, Math.min(0x7fffffff, o.pagesPerStep ?? 100));
    await db.backup(tmp, { progress: () => rate });
    // The copy keeps the source's WAL flag; a backup is one self-contained file, so switch it to a
    // rollback journal (no -wal/-shm beside it). openDatabase turns WAL back on once restored.
    const copy = new Database(tmp);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const check = verifyDatabaseFile(tmp, { check: 'integrity_check' });
    if (!check.ok) throw new BackupError('BACKUP_INVALID', `the new backup failed its check: ${check.message}`);
    fs.renameSync(tmp, final);
    const pruned = pruneBackups(o.dir, o.keep ?? DEFAULT_BACKUP_KEEP);
    return {
      name,
      path: final,
      sizeBytes: fs.statSync(final).size,
      takenAt: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(),
      schemaVersion: check.schemaVersion,
      pruned,
      durationMs: Math.round(performance.now() - t0),
    };
  } catch (err) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
    if (err instanceof BackupError) throw err;
    throw new BackupError('BACKUP_FAILED', `backup to ${o.dir} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
