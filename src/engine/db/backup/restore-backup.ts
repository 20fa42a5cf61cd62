/**
 * Putting a backup back: only onto a file no running Footfall has open. The current file (and its
 * -wal/-shm) is kept as `<name>.replaced-<time>`, never deleted, and the backup is copied in
 * through a temp name. The app asks for a restore at its next start instead (requestRestore),
 * because its own engine holds the file while it runs.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { copyInPlace, fileStamp, moveAside } from './backup-files';
import { BackupError } from './create-backup';
import { verifyDatabaseFile } from './verify-database-file';

/**
 * Whether another connection (an app, `serve`, a CLI command) has `file` open. In WAL mode every
 * open connection holds a shared lock on the file; asking for an exclusive one with no busy wait
 * fails at once while any other connection exists, in this process or another.
 */
export function databaseInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  let probe: Database.Database | undefined;
  try {
    probe = new Database(file, { fileMustExist: true });
    probe.pragma('busy_timeout = 0');
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
    return false;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
  } finally {
    probe?.close();
  }
}

export interface RestoreResult {
  restoredFrom: string;
  /** Where the file that was replaced now lives (null when there was none). */
  replaced: string | null;
  schemaVersion: number;
}

export interface RestoreOptions {
  now?: Date;
}

export function restoreBackup(dbPath: string, backupPath: string, o: RestoreOptions = {}): RestoreResult {
  if (!fs.existsSync(backupPath)) throw new BackupError('BACKUP_NOT_FOUND', `no backup ${backupPath}`);
  const check = verifyDatabaseFile(backupPath, { check: 'integrity_check' });
  if (!check.ok) throw new BackupError('BACKUP_INVALID', `not restoring: ${check.message}`);
  if (databaseInUse(dbPath)) {
    throw new BackupError(
      'DB_IN_USE',
      `${dbPath} is open in a running Footfall (the app, "serve" or another command); close it first, or restore from the app's Settings page, which restores at its next start`,
    );
  }
  const replaced = moveAside(dbPath, `.replaced-${fileStamp(o.now ?? new Date())}`);
  copyInPlace(backupPath, dbPath);
  return { restoredFrom: backupPath, replaced, schemaVersion: check.schemaVersion };
}

/** `<db>.restore-pending.json`: the backup the app restores at its next start. */
export function pendingRestorePath(dbPath: string): string {
  return `${dbPath}.restore-pending.json`;
}

export function requestRestore(dbPath: string, backupPath: string, now = new Date()): void {
  const check = verifyDatabaseFile(backupPath, { check: 'integrity_check' });
  if (!check.ok) throw new BackupError('BACKUP_INVALID', `not restoring: ${check.message}`);
  fs.writeFileSync(pendingRestorePath(dbPath), JSON.stringify({ file: backupPath, requestedAt: now.toISOString() }));
}

export function readPendingRestore(dbPath: string): { file: string; requestedAt: string } | null {
  try {
    const v = JSON.parse(fs.readFileSync(pendingRestorePath(dbPath), 'utf8')) as { file?: unknown; requestedAt?: unknown };
    return typeof v.file === 'string' ? { file: v.file, requestedAt: String(v.requestedAt ?? '') } : null;
  } catch {
    return null;
  }
}

export function clearPendingRestore(dbPath: string): void {
  fs.rmSync(pendingRestorePath(dbPath), { force: true });
}
