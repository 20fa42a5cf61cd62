/**
 * Turns the outbox on, once per database: in one IMMEDIATE transaction every existing row of every
 * forwarded table is queued (parents before children) and the triggers start recording changes,
 * so no row written before or during the switch is missed. Until then a shop that never syncs
 * pays nothing but one lookup per write.
 */
import type { SqliteDatabase } from '../db/open-database';
import { SyncError } from './sync-error';
import { SYNCED_TABLES } from './synced-tables';

export interface EnableResult {
  /** False when the outbox was already on. */
  enabled: boolean;
  /** Rows queued from before. */
  queued: number;
}

/** The forwarded tables this database has, each checked for both of its outbox triggers. */
export function forwardedLocalTables(db: SqliteDatabase): string[] {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  const triggers = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'sync_outbox_%'").pluck().all() as string[]);
  const present = SYNCED_TABLES.map((t) => t.table).filter((t) => tables.has(t));
  const missing = present.filter((t) => !triggers.has(`sync_outbox_${t}_insert`) || !triggers.has(`sync_outbox_${t}_update`));
  if (missing.length > 0) {
    // A forwarded table without its triggers would silently never reach the centre.
    throw new SyncError('SYNC_SCHEMA_MISSING', `no outbox triggers on ${missing.join(', ')}: this database needs a newer migration ("footfall db migrate")`);
  }
  return present;
}

export function isOutboxEnabled(db: SqliteDatabase): boolean {
  return db.prepare('SELECT outbox_enabled FROM sync_state WHERE id = 1').pluck().get() === 1;
}

export function enableOutbox(db: SqliteDatabase, at: string): EnableResult {
  return db.transaction((): EnableResult => {
    if (isOutboxEnabled(db)) return { enabled: false, queued: 0 };
    let queued = 0;
    for (const table of forwardedLocalTables(db)) {
      queued += db.prepare(`INSERT INTO sync_outbox (table_name, row_id) SELECT ?, rowid FROM "${table}" ORDER BY rowid`).run(table).changes;
    }
    db.prepare('UPDATE sync_state SET outbox_enabled = 1, enabled_at = ?, updated_at = ? WHERE id = 1').run(at, at);
    return { enabled: true, queued };
  }).immediate();
}
