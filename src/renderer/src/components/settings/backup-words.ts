/**
 * Backups and start-up recovery in plain words (issue 11): file names only (never a folder path),
 * dates and words in the language shown (the catalogue's settings.backups), no internal codes. Pure: used by the Settings "Backups" card
 * and the recovery notice of the app shell, and unit-tested on its own.
 */
import type { DbRecoveryDto } from '../../../../shared/requests-backup';
import type { AppErrorShape } from '../../../../shared/result';
import { formatDateTime, formatInt } from '../../format';
import { localeTag, t } from '../../i18n';

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

/** "1 Dec 2026, 14:00" (in the language shown). */
export function formatWhen(date: Date | string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  return Number.isNaN(d.getTime()) ? String(date) : formatDateTime(d.toISOString());
}

/** "the backup of 1 Dec 2026, 14:00", or the file name when the name carries no date. */
export function backupLabel(nameOrPath: string, takenAt?: string): string {
  const when = takenAt ? new Date(takenAt) : backupTakenAt(nameOrPath);
  const m = t().settings.backups;
  return when && !Number.isNaN(when.getTime()) ? m.backupOf(formatWhen(when)) : m.backupNamed(fileNameOf(nameOrPath));
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 1234567 → "1.2 MB" (in the language shown). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(localeTag(), { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

/** "24 hours", "1 backup": a count and its noun in the language shown. */
export const hoursText = (n: number): string => t().settings.backups.hours(formatInt(n), n);
export const backupsText = (n: number): string => t().settings.backups.backups(formatInt(n), n);

/**
 * When the schedule makes its next backup, as the engine's BackupScheduler decides it: the
 * interval after the newest backup, and the first one a few minutes after a start. An estimate:
 * the scheduler fixes its time at each run, so a changed interval counts from the next one.
 */
export function nextBackupText(newestTakenAt: string | null, intervalHours: number, now: Date = new Date()): string {
  const m = t().settings.backups;
  if (!newestTakenAt) return m.firstBackup;
  const due = new Date(new Date(newestTakenAt).getTime() + intervalHours * 3_600_000);
  if (Number.isNaN(due.getTime())) return '—';
  if (due.getTime() <= now.getTime()) return m.dueNow;
  return m.about(formatWhen(due));
}

/** How the operator restarts this kind of Footfall so a restore asked for applies. */
export function restartHow(host: 'electron' | 'serve' | undefined): string {
  const m = t().settings.backups;
  return host === 'serve' ? m.restartServe : m.restartDesktop;
}

/** What the restore asked for from Settings will do at the next start (restoreBackup in the engine), in plain words. */
export function restoreConsequences(label: string, dbFileName: string): string[] {
  const m = t().settings.backups.consequences;
  return [m.replace(label), m.movedAside(dbFileName), m.settingsToo];
}

/** What was wrong with the database file, by the engine's problem code. */
function problemWords(problem: string | null): string {
  const m = t().settings.backups.problems;
  const words: Partial<Record<string, string>> = { corrupt: m.corrupt, truncated: m.truncated, empty: m.empty, 'not-sqlite': m.notSqlite };
  return words[problem ?? ''] ?? m.unreadable;
}

/** Why a restore asked for earlier was not done (the engine's message, without its paths). */
function restoreFailureReason(problem: string): string {
  const m = t().settings.backups.restoreFailed;
  if (/^no backup/i.test(problem)) return m.noBackup;
  if (/not restoring|damaged|not an sqlite|truncated|empty/i.test(problem)) return m.damaged;
  if (/open in a running|in use|locked/i.test(problem)) return m.inUse;
  return m.other;
}

/** The recovery notice: what happened to the database file at this start, sentence by sentence. */
export function recoverySentences(r: DbRecoveryDto): string[] {
  const m = t().settings.backups.recovery;
  const moved = r.quarantined ? fileNameOf(r.quarantined) : null;
  if (r.kind === 'recovered') {
    const what = problemWords(r.problem);
    const out = [moved ? m.movedAside(what, moved) : m.problem(what)];
    out.push(r.restoredFrom && !r.freshDatabase ? m.restored(backupLabel(r.restoredFrom)) : m.noGoodBackup);
    if (moved) out.push(m.keptForSupport);
    return out;
  }
  // kind 'restored': a restore asked for from Settings (or the CLI) before this start.
  if (r.problem) {
    const name = backupNameIn(r.message);
    const which = name ? backupLabel(name) : m.aBackup;
    return [m.notDone(which, restoreFailureReason(r.problem)), m.startedAsItWas];
  }
  const out = [m.asAsked(r.restoredFrom ? backupLabel(r.restoredFrom) : m.theChosenBackup)];
  if (moved) out.push(m.replacedKept(moved));
  return out;
}

/** A backup request's error in plain words; other codes keep the envelope for plainError. */
export function backupError(error: AppErrorShape, keep?: number): AppErrorShape {
  const m = t().settings.backups.errors;
  const words: Partial<Record<string, string>> = {
    BACKUP_FAILED: m.failed,
    BACKUP_INVALID: m.invalid,
    BACKUP_NOT_FOUND: keep ? m.notFoundKeeping(backupsText(keep)) : m.notFound,
  };
  // A file-system refusal before the copy started (EACCES, EEXIST, ENOSPC…) is a failed backup too.
  const message = words[/^E[A-Z]+$/.test(error.code) ? 'BACKUP_FAILED' : error.code];
  return message ? { code: error.code, message } : error;
}
