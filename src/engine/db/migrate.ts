import { createHash } from 'node:crypto';
import { DbError, errorMessage } from './db-error';
import { MIGRATIONS, type Migration } from './migrations';
import type { SqliteDatabase } from './open-database';

export interface MigrateResult {
  /** Versions applied by this call, in order (empty when the file was already current). */
  applied: number[];
  /** Schema version of the file after the call. */
  version: number;
}

interface AppliedMigration {
  version: number;
  name: string;
  sha256: string;
}

const CREATE_SCHEMA_MIGRATIONS = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT`;

export function migrationSha256(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

function hasMigrationsTable(db: SqliteDatabase): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
}

function readApplied(db: SqliteDatabase): AppliedMigration[] {
  if (!hasMigrationsTable(db)) return [];
  return db.prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version').all() as AppliedMigration[];
}

/** The highest applied migration version; 0 for a file that was never migrated. */
export function currentSchemaVersion(db: SqliteDatabase): number {
  const applied = readApplied(db);
  return applied[applied.length - 1]?.version ?? 0;
}

function assertWellFormed(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new DbError('MIGRATION_FAILED', `migration list is not numbered 1..n: ${m.name} has version ${m.version} at position ${i + 1}`);
  });
}

/**
 * Checks that the file's recorded history matches the code before touching anything: a newer
 * file (written by a later app version) or an edited applied migration is refused loudly, because
 * running on either would silently diverge from the schema the code was written for.
 */
function verifyHistory(applied: readonly AppliedMigration[], migrations: readonly Migration[]): void {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const newest = applied[applied.length - 1]?.version ?? 0;
  if (newest > latest) {
    throw new DbError('SCHEMA_TOO_NEW', `database schema version ${newest} is newer than this app knows (${latest}); use a newer Footfall`);
  }
  for (const row of applied) {
    const code = migrations.find((m) => m.version === row.version);
    if (!code) throw new DbError('MIGRATION_MODIFIED', `applied migration ${row.version} (${row.name}) is missing from the code`);
    const sha256 = migrationSha256(code.sql);
    if (code.name !== row.name || sha256 !== row.sha256) {
      throw new DbError(
        'MIGRATION_MODIFIED',
        `migration ${code.name} was modified after it was applied (recorded ${row.name} sha256 ${row.sha256}, code sha256 ${sha256}); restore it and add a new migration instead`,
      );
    }
  }
}

/**
 * Brings the file to the latest schema: each pending migration runs in its own IMMEDIATE
 * transaction together with its schema_migrations row, so a crash leaves the file at a whole
 * version and a second process migrating at the same time waits and then skips what is done.
 */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[] = MIGRATIONS): MigrateResult {
  assertWellFormed(migrations);
  const applied = readApplied(db);
  verifyHistory(applied, migrations);

  const done = new Set(applied.map((a) => a.version));
  const appliedNow: number[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    const apply = db.transaction(() => {
      db.exec(CREATE_SCHEMA_MIGRATIONS);
      const already = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(migration.version);
      if (already !== undefined) return false;
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, sha256) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        migrationSha256(migration.sql),
      );
      return true;
    });
    try {
      if (apply.immediate()) appliedNow.push(migration.version);
    } catch (err) {
      throw new DbError('MIGRATION_FAILED', `migration ${migration.name} failed and was rolled back: ${errorMessage(err)}`, err);
    }
  }
  return { applied: appliedNow, version: currentSchemaVersion(db) };
}
