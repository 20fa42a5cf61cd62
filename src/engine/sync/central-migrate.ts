/**
 * Applies the central schema (`sync init`) with the same rules as the shop's own migrations:
 * numbered, each in its own transaction with its sha256 recorded, an edited applied migration
 * refused. An advisory lock makes two admins running init at once take turns.
 */
import { migrationSha256 } from '../db/migrate';
import { CENTRAL_MIGRATIONS, LATEST_CENTRAL_VERSION, type CentralMigration } from './central-migrations';
import type { CentralClient } from './central-connection';
import { describePgError, type ServerContext } from './pg-errors';
import { SyncError } from './sync-error';

export interface CentralMigrateResult {
  applied: number[];
  version: number;
}

interface AppliedRow {
  version: number;
  name: string;
  sha256: string;
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  sha256 CHAR(64) NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)`;
const LOCK = "SELECT pg_advisory_xact_lock(hashtext('footfall.central-migrations'))";

/** Refuses a server whose history does not match this code (newer schema, edited migration). */
export function verifyCentralHistory(applied: readonly AppliedRow[], migrations: readonly CentralMigration[] = CENTRAL_MIGRATIONS): void {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  for (const row of applied) {
    const code = migrations.find((m) => m.version === row.version);
    if (!code) {
      if (row.version > latest) continue; // a newer Footfall initialised it: still readable by this one
      throw new SyncError('SYNC_SCHEMA_MODIFIED', `central migration ${row.version} (${row.name}) is not part of this Footfall`);
    }
    if (code.name !== row.name || migrationSha256(code.sql) !== row.sha256.trim()) {
      throw new SyncError(
        'SYNC_SCHEMA_MODIFIED',
        `central migration ${code.name} differs from the one applied on the server (recorded sha256 ${row.sha256.trim()}); restore it and add a new migration instead`,
      );
    }
  }
}

export async function readCentralHistory(client: CentralClient, ctx: ServerContext): Promise<AppliedRow[]> {
  try {
    return (await client.query<AppliedRow>('SELECT version, name, sha256 FROM schema_migrations ORDER BY version')).rows;
  } catch (err) {
    throw describePgError(err, ctx);
  }
}

export async function migrateCentral(client: CentralClient, ctx: ServerContext, migrations: readonly CentralMigration[] = CENTRAL_MIGRATIONS): Promise<CentralMigrateResult> {
  const applied: number[] = [];
  const inTransaction = async <T>(fn: () => Promise<T>): Promise<T> => {
    await client.query('BEGIN');
    try {
      await client.query(LOCK);
      const value = await fn();
      await client.query('COMMIT');
      return value;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  };
  try {
    await inTransaction(async () => {
      await client.query(CREATE_TABLE);
    });
    for (const migration of migrations) {
      const done = await inTransaction(async () => {
        const history = (await client.query<AppliedRow>('SELECT version, name, sha256 FROM schema_migrations ORDER BY version')).rows;
        verifyCentralHistory(history, migrations);
        if (history.some((h) => h.version === migration.version)) return false;
        try {
          await client.query(migration.sql);
        } catch (err) {
          const why = describePgError(err, ctx);
          throw new SyncError(why.code, `central migration ${migration.name} failed and was rolled back: ${why.message}`, false, err);
        }
        await client.query('INSERT INTO schema_migrations (version, name, sha256) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          migrationSha256(migration.sql),
        ]);
        return true;
      });
      if (done) applied.push(migration.version);
    }
    const version = (await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')).rows[0]?.v ?? 0;
    return { applied, version };
  } catch (err) {
    throw describePgError(err, ctx);
  }
}

/** For the forwarder: the server must carry at least this Footfall's central schema, unedited. */
export async function assertCentralSchema(client: CentralClient, ctx: ServerContext): Promise<number> {
  const history = await readCentralHistory(client, ctx);
  verifyCentralHistory(history);
  const version = history[history.length - 1]?.version ?? 0;
  if (version < LATEST_CENTRAL_VERSION) {
    throw new SyncError(
      'SYNC_SCHEMA_MISSING',
      `the central database is at schema v${version}, this Footfall needs v${LATEST_CENTRAL_VERSION}: run "footfall sync init --pg URL" with the chain admin's role`,
    );
  }
  return version;
}
