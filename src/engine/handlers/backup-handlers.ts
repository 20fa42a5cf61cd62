/**
 * Backups from the app (Settings) and `serve`: thin over src/engine/db/backup/. A restore cannot
 * replace the file under the running engine, so `backup:restore` verifies the backup and asks for
 * the restore at the next start (startup-recovery.ts does it, and app:info `recovery` reports it).
 */
import fs from 'node:fs';
import type { Handlers } from '../../shared/contract';
import type { backupRequests } from '../../shared/requests-backup';
import { AppError } from '../../shared/result';
import {
  backupPathFor,
  createBackup,
  DEFAULT_BACKUP_INTERVAL_HOURS,
  DEFAULT_BACKUP_KEEP,
  listBackupFiles,
  readPendingRestore,
  requestRestore,
} from '../db/backup';
import type { EngineContext } from '../wiring/engine-context';

type BackupRequestName = keyof typeof backupRequests;

export interface BackupSettings {
  keep(): number;
  intervalHours(): number;
}

/** The `backup.*` settings of this database, with their defaults. */
export function backupSettings(ctx: Pick<EngineContext, 'repos'>): BackupSettings {
  const num = (key: string, fallback: number): number => {
    const v = ctx.repos.settings.get(key)?.value;
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
  };
  return { keep: () => Math.floor(num('backup.keep', DEFAULT_BACKUP_KEEP)), intervalHours: () => num('backup.interval_hours', DEFAULT_BACKUP_INTERVAL_HOURS) };
}

export function backupHandlers(ctx: EngineContext, dir: string): Pick<Handlers, BackupRequestName> {
  const settings = backupSettings(ctx);
  const inMemory = (): void => {
    if (ctx.dbPath === ':memory:') throw new AppError('VALIDATION', 'an in-memory database has no backups');
  };
  return {
    'backup:list': () => ({
      dir,
      keep: settings.keep(),
      intervalHours: settings.intervalHours(),
      backups: listBackupFiles(dir).map(({ name, sizeBytes, takenAt }) => ({ name, sizeBytes, takenAt })),
      pendingRestore: ctx.dbPath === ':memory:' ? null : (readPendingRestore(ctx.dbPath)?.file ?? null),
    }),
    'backup:create': async () => {
      inMemory();
      const { path: _path, ...b } = await createBackup(ctx.db, { dir, keep: settings.keep() });
      return b;
    },
    'backup:restore': ({ name }) => {
      inMemory();
      const file = backupPathFor(dir, name);
      if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `There is no backup named ${name}.`);
      requestRestore(ctx.dbPath, file);
      return { name, restartRequired: true };
    },
  };
}
