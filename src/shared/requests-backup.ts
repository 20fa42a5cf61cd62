/**
 * Backups of the database file (issue 11, item 4). Spread into `requests` in contract.ts.
 * Handlers: src/engine/handlers/backup-handlers.ts; the files: src/engine/db/backup/.
 */
import { z } from 'zod';
import { emptyInput, request } from './request-spec';

export interface BackupDto {
  /** File name in the backup folder, e.g. footfall-20250101-030000.db. */
  name: string;
  sizeBytes: number;
  takenAt: string;
}

export interface BackupListDto {
  dir: string;
  /** The `backup.keep` and `backup.interval_hours` settings in force. */
  keep: number;
  intervalHours: number;
  /** Newest first. */
  backups: BackupDto[];
  /** A restore asked for from the app, done at its next start. */
  pendingRestore: string | null;
}

export interface BackupCreatedDto extends BackupDto {
  schemaVersion: number;
  pruned: string[];
  durationMs: number;
}

export interface BackupRestoreDto {
  name: string;
  /** The app holds the file while it runs: the restore happens when it next starts. */
  restartRequired: boolean;
}

/** What the engine did to the database file at start (app:info `recovery`); null when nothing. */
export interface DbRecoveryDto {
  at: string;
  /** 'recovered': the file was damaged; 'restored': a restore asked for earlier was done. */
  kind: 'recovered' | 'restored';
  /** Why: empty, not-sqlite, truncated, corrupt (recovered) or the restore's request. */
  problem: string | null;
  /** Where the damaged (or replaced) file was moved. */
  quarantined: string | null;
  /** The backup copied in; null when none was good and a fresh empty database was made. */
  restoredFrom: string | null;
  freshDatabase: boolean;
  /** One sentence for the operator. */
  message: string;
}

const backupName = z.string().regex(/^footfall-\d{8}-\d{6}(-\d{1,3})?\.db$/, 'a backup file name such as footfall-20250101-030000.db');

export const backupRequests = {
  'backup:list': request<BackupListDto>()(emptyInput, 'admin'),
  'backup:create': request<BackupCreatedDto>()(emptyInput, 'admin'),
  'backup:restore': request<BackupRestoreDto>()(z.strictObject({ name: backupName }), 'admin'),
} as const;
