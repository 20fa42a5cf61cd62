/**
 * Where backups live and what they are called: `<data folder>/backups/footfall-YYYYMMDD-HHMMSS.db`
 * (local time, so an operator can read it), newest first when listed, the oldest pruned past `keep`.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A finished backup's name; a second one in the same second gets `-2`, `-3`… */
export const BACKUP_NAME = /^footfall-(\d{8})-(\d{6})(?:-(\d{1,3}))?\.db$/;

/** Used by `backup.keep` and `backup.interval_hours` while no setting is stored. */
export const DEFAULT_BACKUP_KEEP = 7;
export const DEFAULT_BACKUP_INTERVAL_HOURS = 24;

export interface BackupFile {
  /** File name inside the backup folder (what `backup restore --file` and `backup:restore` take). */
  name: string;
  path: string;
  sizeBytes: number;
  /** When it was taken (from its name, local time), ISO-8601 UTC. */
  takenAt: string;
}

/** `<folder of the database>/backups`. */
export function defaultBackupDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'backups');
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** YYYYMMDD-HHMMSS in local time (also used for `.replaced-`/`.corrupt-` suffixes). */
export function fileStamp(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

function takenAtOf(name: string): Date | null {
  const m = BACKUP_NAME.exec(name);
  if (!m) return null;
  const [d, t] = [m[1]!, m[2]!];
  const date = new Date(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +t.slice(0, 2), +t.slice(2, 4), +t.slice(4, 6));
  return Number.isNaN(date.getTime()) ? null : date;
}

function sequenceOf(name: string): number {
  return Number(BACKUP_NAME.exec(name)?.[3] ?? 1);
}

/** A free name for a backup taken at `now` in `dir`. */
export function nextBackupName(dir: string, now: Date): string {
  const stamp = fileStamp(now);
  for (let i = 1; i < 1000; i++) {
    const name = i === 1 ? `footfall-${stamp}.db` : `footfall-${stamp}-${i}.db`;
    if (!fs.existsSync(path.join(dir, name))) return name;
  }
  throw new Error(`too many backups named footfall-${stamp}*.db in ${dir}`);
}

/** The finished backups in `dir`, newest first (temp files and other names are left out). */
export function listBackupFiles(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: Array<BackupFile & { t: number; seq: number }> = [];
  for (const name of names) {
    const taken = takenAtOf(name);
    if (!taken) continue;
    const full = path.join(dir, name);
    let st: fs.Stats;
    try {
      st = fs.statSync(full);
    } catch {
      continue;
    }
    if (!st.isFile()) continue;
    out.push({ name, path: full, sizeBytes: st.size, takenAt: taken.toISOString(), t: taken.getTime(), seq: sequenceOf(name) });
  }
  out.sort((a, b) => b.t - a.t || b.seq - a.seq);
  return out.map(({ t: _t, seq: _s, ...f }) => f);
}

/** Deletes all but the newest `keep` backups; returns the names removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`keep must be a whole number ≥ 1, got ${keep}`);
  const removed: string[] = [];
  for (const old of listBackupFiles(dir).slice(keep)) {
    fs.rmSync(old.path, { force: true });
    removed.push(old.name);
  }
  return removed;
}

/** Resolves a name given by a user to a file in `dir`; only plain backup names, never a path. */
export function backupPathFor(dir: string, name: string): string {
  if (!BACKUP_NAME.test(name)) throw new Error(`"${name}" is not a backup name (footfall-YYYYMMDD-HHMMSS.db)`);
  return path.join(dir, name);
}

export const SIDE_FILES = ['-wal', '-shm'] as const;

/**
 * Moves `file` and its -wal/-shm aside as `<file><suffix>` (and `<file><suffix>-wal`…), so
 * SQLite never pairs an old WAL with a new main file. Returns the new path of the main file,
 * or null when there was no main file.
 */
export function moveAside(file: string, suffix: string): string | null {
  const target = `${file}${suffix}`;
  const hadMain = fs.existsSync(file);
  if (hadMain) fs.renameSync(file, target);
  for (const side of SIDE_FILES) {
    if (fs.existsSync(file + side)) fs.renameSync(file + side, target + side);
  }
  return hadMain ? target : null;
}

/** Copies `from` to `to` through a temp name in the same folder, then renames (never half a file). */
export function copyInPlace(from: string, to: string): void {
  const tmp = `${to}.restoring-${process.pid}`;
  try {
    fs.copyFileSync(from, tmp);
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, to);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
