/**
 * Is this file a healthy Footfall database? Used on every backup after writing it, on a backup
 * before restoring it, and on the main file at engine start.
 */
import fs from 'node:fs';
import { errorMessage } from '../db-error';
import { currentSchemaVersion } from '../migrate';
import { openDatabase, type SqliteDatabase } from '../open-database';

/** 'busy': another connection held a lock too long to judge the file — it is NOT damaged. */
export type FileProblem = 'missing' | 'empty' | 'not-sqlite' | 'truncated' | 'corrupt' | 'busy';

export type FileCheck =
  | { ok: true; check: 'integrity_check' | 'quick_check'; schemaVersion: number; sizeBytes: number }
  | { ok: false; problem: FileProblem; message: string; sizeBytes: number };

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Above this size the start-up check runs `PRAGMA quick_check` instead of `integrity_check`.
 * integrity_check also cross-checks every index against its table, which costs O(N log N) and
 * takes minutes on a multi-GB file — the cameras would wait that long at every start. quick_check
 * reads every page once (O(N)) and still finds broken b-trees, bad page links, truncation and
 * garbage pages, which is what a crash, a full disk or a bad copy leave behind; only an index that
 * disagrees with its table slips through (`footfall db check` finds that).
 */
export const QUICK_CHECK_ABOVE_BYTES = 256 * 1024 * 1024;

export interface VerifyOptions {
  /** 'auto' (default): integrity_check up to QUICK_CHECK_ABOVE_BYTES, quick_check above. */
  check?: 'auto' | 'integrity_check' | 'quick_check';
  /** Read-only (default): nothing in or beside the file changes. */
  readonly?: boolean;
}

/** Cheap checks on the bytes before SQLite sees the file: empty, not SQLite, shorter than its header says. */
function headerProblem(file: string, size: number): { problem: FileProblem; message: string } | null {
  if (size === 0) return { problem: 'empty', message: `${file} is empty (0 bytes)` };
  const head = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 100 || !head.subarray(0, 16).equals(MAGIC)) return { problem: 'not-sqlite', message: `${file} is not an SQLite database` };
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = head.readUInt32BE(28);
  // The in-header size is only valid when the change counter matches "version-valid-for".
  const valid = head.readUInt32BE(24) === head.readUInt32BE(92);
  if (valid && pages > 0 && size < pages * pageSize) {
    return { problem: 'truncated', message: `${file} is truncated: ${size} bytes, its header says ${pages * pageSize}` };
  }
  return null;
}

/** Checks an open connection: integrity (or quick) check and a readable schema version. */
function checkOpen(db: SqliteDatabase, check: 'integrity_check' | 'quick_check'): { ok: true; schemaVersion: number } | { ok: false; message: string } {
  const rows = db.prepare(`PRAGMA ${check}(20)`).pluck().all() as string[];
  if (rows.length !== 1 || rows[0] !== 'ok') return { ok: false, message: `${check}: ${rows.slice(0, 3).join('; ')}` };
  return { ok: true, schemaVersion: currentSchemaVersion(db) };
}

function sqliteCode(err: unknown): string | undefined {
  for (let e: unknown = err, i = 0; e && i < 3; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  }
  return undefined;
}

export function verifyDatabaseFile(file: string, o: VerifyOptions = {}): FileCheck {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return { ok: false, problem: 'missing', message: `${file} does not exist`, sizeBytes: 0 };
  }
  const early = headerProblem(file, size);
  if (early) return { ok: false, ...early, sizeBytes: size };
  const check = !o.check || o.check === 'auto' ? (size > QUICK_CHECK_ABOVE_BYTES ? 'quick_check' : 'integrity_check') : o.check;
  let db: SqliteDatabase | undefined;
  try {
    db = openDatabase(file, { readonly: o.readonly !== false });
    const r = checkOpen(db, check);
    if (!r.ok) return { ok: false, problem: 'corrupt', message: `${file} is damaged (${r.message})`, sizeBytes: size };
    return { ok: true, check, schemaVersion: r.schemaVersion, sizeBytes: size };
  } catch (err) {
    if (sqliteCode(err) === 'SQLITE_BUSY' || sqliteCode(err) === 'SQLITE_LOCKED') {
      return { ok: false, problem: 'busy', message: `${file} is locked by another connection: ${errorMessage(err)}`, sizeBytes: size };
    }
    return { ok: false, problem: 'corrupt', message: `${file} is damaged: ${errorMessage(err)}`, sizeBytes: size };
  } finally {
    db?.close();
  }
}
