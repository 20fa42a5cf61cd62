/**
 * The engine's way to open its file (open-engine.ts): a restore asked for earlier is done first,
 * then the file is checked; an empty, non-SQLite, truncated or corrupt file is moved aside as
 * `<name>.corrupt-<time>` (with its -wal/-shm) and the newest backup that passes its check is
 * copied in. With no good backup a fresh empty database is made, so the app always starts — never
 * a crash loop — and the report says what happened so the operator is told on screen.
 */
import fs from 'node:fs';
import type { DbRecoveryDto } from '../../../shared/requests-backup';
import type { MigrateResult } from '../migrate';
import type { SqliteDatabase } from '../open-database';
import { openMigratedDatabaseWithResult } from '../open-migrated-database';
import { copyInPlace, defaultBackupDir, fileStamp, listBackupFiles, moveAside } from './backup-files';
import { clearPendingRestore, readPendingRestore, restoreBackup } from './restore-backup';
import { verifyDatabaseFile } from './verify-database-file';

export interface StartupOptions {
  backupDir?: string;
  now?: () => Date;
}

export interface OpenedEngineDatabase {
  db: SqliteDatabase;
  migration: MigrateResult;
  recovery: DbRecoveryDto | null;
}

/** The newest backup in `dir` that passes integrity_check, or null. */
export function newestGoodBackup(dir: string): string | null {
  for (const b of listBackupFiles(dir)) {
    if (verifyDatabaseFile(b.path, { check: 'integrity_check' }).ok) return b.path;
  }
  return null;
}

function doPendingRestore(dbPath: string, now: Date): DbRecoveryDto | null {
  const pending = readPendingRestore(dbPath);
  if (!pending) return null;
  clearPendingRestore(dbPath);
  try {
    const r = restoreBackup(dbPath, pending.file, { now });
    return {
      at: now.toISOString(),
      kind: 'restored',
      problem: null,
      quarantined: r.replaced,
      restoredFrom: r.restoredFrom,
      freshDatabase: false,
      message: `Restored the database from ${pending.file} as asked; the previous file is kept as ${r.replaced ?? '(none)'}.`,
    };
  } catch (err) {
    return {
      at: now.toISOString(),
      kind: 'restored',
      problem: err instanceof Error ? err.message : String(err),
      quarantined: null,
      restoredFrom: null,
      freshDatabase: false,
      message: `The restore from ${pending.file} asked for earlier was not done: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

/** Checks `dbPath` and, when it is damaged, quarantines it and restores the newest good backup. */
export function recoverDamagedFile(dbPath: string, o: StartupOptions = {}): DbRecoveryDto | null {
  if (!fs.existsSync(dbPath)) return null;
  // Read-only: a WAL left by a crash is still read (so committed work counts), but nothing is
  // checkpointed into or deleted from a damaged file: the quarantined copy is what was found.
  const check = verifyDatabaseFile(dbPath, { readonly: true });
  // A lock held by another process says nothing about the file: never quarantine a busy file.
  if (check.ok || check.problem === 'busy' || check.problem === 'missing') return null;
  const now = (o.now ?? (() => new Date()))();
  const quarantined = moveAside(dbPath, `.corrupt-${fileStamp(now)}`);
  const backup = newestGoodBackup(o.backupDir ?? defaultBackupDir(dbPath));
  if (backup) copyInPlace(backup, dbPath);
  return {
    at: now.toISOString(),
    kind: 'recovered',
    problem: check.problem,
    quarantined,
    restoredFrom: backup,
    freshDatabase: backup === null,
    message: backup
      ? `The database file was ${check.problem === 'corrupt' ? 'damaged' : check.problem} (${check.message}). It was moved to ${quarantined} and the backup ${backup} was restored; results after that backup are missing.`
      : `The database file was ${check.problem === 'corrupt' ? 'damaged' : check.problem} (${check.message}) and no good backup was found. It was moved to ${quarantined} and Footfall started with a new, empty database.`,
  };
}

export function openEngineDatabase(dbPath: string, o: StartupOptions = {}): OpenedEngineDatabase {
  if (dbPath === ':memory:' || dbPath === '') return { ...openMigratedDatabaseWithResult(dbPath), recovery: null };
  const now = (o.now ?? (() => new Date()))();
  const restored = doPendingRestore(dbPath, now);
  const recovered = recoverDamagedFile(dbPath, o);
  const opened = openMigratedDatabaseWithResult(dbPath);
  return { ...opened, recovery: recovered ?? restored };
}
