import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DbError, errorMessage } from './db-error';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  readonly?: boolean;
}

/** How long a connection waits for another writer (CLI, retention, second window) before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

const IN_MEMORY = new Set([':memory:', '']);

/**
 * The one place that opens the database file. Every connection gets the same pragmas:
 * - WAL: readers (dashboard, CLI) never block the result writer and vice versa.
 * - foreign_keys=ON: SQLite enforces REFERENCES only when asked, per connection.
 * - busy_timeout: a second connection waits for a short write lock instead of failing at once.
 * - synchronous=NORMAL: in WAL mode this is still durable against an app crash (committed pages
 *   are in the WAL file); only an OS crash or power loss can lose the last few transactions, and
 *   the database itself never corrupts. FULL would fsync on every commit, which the high-rate
 *   result writer cannot afford. (README "Durability and a full disk"; a SIGKILL test:
 *   tests/integration/db/writer-crash.test.ts.)
 */
export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): SqliteDatabase {
  const readonly = opts.readonly === true;
  const inMemory = IN_MEMORY.has(file);
  let db: SqliteDatabase | undefined;
  try {
    if (!inMemory && !readonly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    db = new Database(file, { readonly, fileMustExist: readonly });
    // The first statement reads the header: a file that is not a database fails here (SQLITE_NOTADB).
    // auto_vacuum=INCREMENTAL (before WAL, which writes the header): a new file can give the pages
    // retention frees back to the disk (retention.ts); on an existing file it waits for a VACUUM.
    if (!readonly) db.pragma('auto_vacuum = INCREMENTAL');
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!readonly) db.pragma('synchronous = NORMAL');
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (err) {
    db?.close();
    throw new DbError('DB_OPEN_FAILED', `cannot open database ${file}: ${errorMessage(err)}`, err);
  }
}
