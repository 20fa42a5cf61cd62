/**
 * Backups and start-up recovery in plain words (issue 11): file names only (never a folder path),
 * dates in the computer's own locale, no internal codes. Pure: used by the Settings "Backups" card
 * and the recovery notice of the app shell, and unit-tested on its own.
 */
import type { DbRecoveryDto } from '../../../../shared/requests-backup';
import type { AppErrorShape } from '../../../../shared/result';

/** The last part of a path as the engine sent it (POSIX or Windows): "/data/footfall.db" → "footfall.db". */
export function fileNameOf(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

const BACKUP_NAME = /footfall-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-\d{1,3})?\.db/;

/** When a backup was taken, read from its name (footfall-YYYYMMDD-HHMMSS.db, the engine's local time); null for another name. */
export function backupTakenAt(nameOrPath: string): Date | null {
  const m = BACKUP_NAME.exec(fileNameOf(nameOrPath));
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, s);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The backup name inside a sentence (a recovery message names the file with its folder). */
export function backupNameIn(text: string): string | null {
  return BACKUP_NAME.exec(text)?.[0] ?? null;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "1 Dec 2026, 14:00" (in the computer's locale). */
export function formatWhen(date: Date | string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  return Number.isNaN(d.getTime()) ? String(date) : dateTime.format(d);
}

/** "the backup of 1 Dec 2026, 14:00", or the file name when the name carries no date. */
export function backupLabel(nameOrPath: string, takenAt?: string): string {
  const when = takenAt ? new Date(takenAt) : backupTakenAt(nameOrPath);
  return when && !Number.isNaN(when.getTime()) ? `the backup of ${formatWhen(when)}` : `the backup ${fileNameOf(nameOrPath)}`;
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 1234567 → "1.2 MB" (in the computer's locale). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(undefined, { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/**
 * When the schedule makes its next backup, as the engine's BackupScheduler decides it: the
 * interval after the newest backup, and the first one a few minutes after a start. An estimate:
 * the scheduler fixes its time at each run, so a changed interval counts from the next one.
 */
export function nextBackupText(newestTakenAt: string | null, intervalHours: number, now: Date = new Date()): string {
  if (!newestTakenAt) return 'A few minutes after Footfall starts (there is no backup yet)';
  const due = new Date(new Date(newestTakenAt).getTime() + intervalHours * 3_600_000);
  if (Number.isNaN(due.getTime())) return '—';
  if (due.getTime() <= now.getTime()) return 'Due now: it is made within the hour';
  return `About ${formatWhen(due)}`;
}

/** How the operator restarts this kind of Footfall so a restore asked for applies. */
export function restartHow(host: 'electron' | 'serve' | undefined): string {
  return host === 'serve' ? 'Stop the Footfall server (the serve command) and start it again.' : 'Close Footfall and open it again.';
}

/** What the restore asked for from Settings will do at the next start (restoreBackup in the engine), in plain words. */
export function restoreConsequences(label: string, dbFileName: string): string[] {
  return [
    `Footfall will replace the current database with ${label} at its next start. Nothing changes until then: Footfall keeps counting into the current database.`,
    `The current database is not deleted: at that start it is moved aside, in the same folder, as ${dbFileName}.replaced-<date and time of the start>. Counts recorded after the backup are kept in that file, but Footfall no longer shows them.`,
    'Cameras, user accounts, passwords and settings also go back to how they were when the backup was made.',
  ];
}

const PROBLEM_WORDS: Record<string, string> = {
  corrupt: 'was damaged (it failed its integrity check)',
  truncated: 'was cut short (truncated)',
  empty: 'was empty (0 bytes)',
  'not-sqlite': 'was not a database file',
};

/** Why a restore asked for earlier was not done (the engine's message, without its paths). */
function restoreFailureReason(problem: string): string {
  if (/^no backup/i.test(problem)) return 'the backup file was no longer there (older backups are removed to keep the newest ones)';
  if (/not restoring|damaged|not an sqlite|truncated|empty/i.test(problem)) return 'the backup failed its integrity check';
  if (/open in a running|in use|locked/i.test(problem)) return 'the database was still open in another Footfall program';
  return 'the backup could not be copied';
}

/** The recovery notice: what happened to the database file at this start, sentence by sentence. */
export function recoverySentences(r: DbRecoveryDto): string[] {
  const moved = r.quarantined ? fileNameOf(r.quarantined) : null;
  if (r.kind === 'recovered') {
    const what = PROBLEM_WORDS[r.problem ?? ''] ?? 'could not be read';
    const out = [moved ? `The database file ${what} and was moved aside to ${moved}.` : `The database file ${what}.`];
    if (r.restoredFrom && !r.freshDatabase) {
      out.push(`Footfall restored ${backupLabel(r.restoredFrom)} — counts after that time are missing.`);
    } else {
      out.push('No good backup was available: Footfall started with an empty database. Cameras and settings need to be set up again.');
    }
    if (moved) out.push('The file moved aside is kept in the database folder, for support.');
    return out;
  }
  // kind 'restored': a restore asked for from Settings (or the CLI) before this start.
  if (r.problem) {
    const name = backupNameIn(r.message);
    const which = name ? backupLabel(name) : 'a backup';
    return [`The restore of ${which} asked for earlier was not done: ${restoreFailureReason(r.problem)}.`, 'Footfall started with the database as it was.'];
  }
  const out = [`As asked, Footfall replaced the database with ${r.restoredFrom ? backupLabel(r.restoredFrom) : 'the chosen backup'}.`];
  if (moved) out.push(`The database it replaced is kept as ${moved}: counts recorded after the backup are in that file, not on screen.`);
  return out;
}

/** A backup request's error in plain words; other codes keep the envelope for plainError. */
export function backupError(error: AppErrorShape, keep?: number): AppErrorShape {
  const words: Record<string, string> = {
    BACKUP_FAILED: 'The backup could not be written: the disk may be full, or the backups folder cannot be written to. The database itself is unchanged.',
    BACKUP_INVALID: 'The backup failed its integrity check, so it was not used. The database itself is unchanged.',
    BACKUP_NOT_FOUND: `That backup is no longer there${keep ? ` (only the newest ${plural(keep, 'backup')} are kept)` : ''}. Choose another one from the list.`,
  };
  // A file-system refusal before the copy started (EACCES, EEXIST, ENOSPC…) is a failed backup too.
  const message = words[/^E[A-Z]+$/.test(error.code) ? 'BACKUP_FAILED' : error.code];
  return message ? { code: error.code, message } : error;
}
