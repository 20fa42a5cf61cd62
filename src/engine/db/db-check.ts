import { currentSchemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION } from './migrations';
import type { SqliteDatabase } from './open-database';

export interface ForeignKeyViolation {
  table: string;
  rowid: number | null;
  parent: string;
}

export interface DatabaseCheck {
  ok: boolean;
  /** ['ok'] for a healthy file, otherwise SQLite's list of problems. */
  integrity: string[];
  foreignKeyViolations: ForeignKeyViolation[];
  schemaVersion: number;
  latestVersion: number;
  tables: string[];
  /** Human-readable reasons when ok is false. */
  problems: string[];
}

/** A corrupt file can report millions of problems; the first ones are enough to act on. */
const MAX_REPORTED = 1000;

/** `footfall db check`: integrity, foreign keys and schema version of an open database. */
export function checkDatabase(db: SqliteDatabase): DatabaseCheck {
  const integrity = db.prepare(`PRAGMA integrity_check(${MAX_REPORTED})`).pluck().all() as string[];
  const foreignKeyViolations: ForeignKeyViolation[] = [];
  for (const row of db.prepare('PRAGMA foreign_key_check').iterate() as Iterable<ForeignKeyViolation>) {
    foreignKeyViolations.push({ table: row.table, rowid: row.rowid, parent: row.parent });
    if (foreignKeyViolations.length >= MAX_REPORTED) break;
  }
  const schemaVersion = currentSchemaVersion(db);
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];

  const problems: string[] = [];
  if (integrity.length !== 1 || integrity[0] !== 'ok') problems.push(`integrity check failed: ${integrity.slice(0, 5).join('; ')}`);
  if (foreignKeyViolations.length > 0) problems.push(`${foreignKeyViolations.length} foreign key violation(s)`);
  if (schemaVersion !== LATEST_SCHEMA_VERSION) problems.push(`schema version ${schemaVersion}, expected ${LATEST_SCHEMA_VERSION}`);
  return {
    ok: problems.length === 0,
    integrity,
    foreignKeyViolations,
    schemaVersion,
    latestVersion: LATEST_SCHEMA_VERSION,
    tables,
    problems,
  };
}
