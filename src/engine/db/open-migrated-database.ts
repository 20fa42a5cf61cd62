import { migrate, type MigrateResult } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import { openDatabase, type SqliteDatabase } from './open-database';

export interface OpenMigratedOptions {
  /** The migrations to apply (default: all of them); tests pass a prefix to build an older schema. */
  migrations?: readonly Migration[];
}

/**
 * Opens `file` (see openDatabase) and brings it to the schema of `migrations`. A migration that
 * throws closes the connection before the error goes on, so no caller leaks a handle.
 */
export function openMigratedDatabaseWithResult(file: string, opts: OpenMigratedOptions = {}): { db: SqliteDatabase; migration: MigrateResult } {
  const db = openDatabase(file);
  try {
    return { db, migration: migrate(db, opts.migrations ?? MIGRATIONS) };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The one way to get a read-write connection on the current schema. */
export function openMigratedDatabase(file: string, opts: OpenMigratedOptions = {}): SqliteDatabase {
  return openMigratedDatabaseWithResult(file, opts).db;
}
