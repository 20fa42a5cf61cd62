import type { SqliteDatabase } from '../open-database';
import { DEFAULT_BACKUP_KEEP } from './backup-files';

/** `backup.keep` stored in a file (the default where it has none, or no settings table yet). */
export function storedBackupKeep(db: SqliteDatabase): number {
  try {
    const raw = db.prepare("SELECT value FROM settings WHERE key = 'backup.keep'").pluck().get();
    const v = typeof raw === 'string' ? Number(JSON.parse(raw)) : NaN;
    return Number.isInteger(v) && v >= 1 ? v : DEFAULT_BACKUP_KEEP;
  } catch {
    return DEFAULT_BACKUP_KEEP;
  }
}
