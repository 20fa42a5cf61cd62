/**
 * The centre only lets a change overwrite a row when its outbox sequence number is higher than
 * the one it has. A database restored from a backup (or re-created) restarts its sequence below
 * what the centre already holds, and its changes would be ignored. At the start of a push the
 * shop compares its counter with the centre's record of the highest number it received; when the
 * shop is behind, it jumps past it and re-queues its pending entries above it, in order.
 *
 * An ordinary crash after the centre's COMMIT never triggers this: the shop's counter is always at
 * or above anything it sent, and the entries it re-sends keep their numbers (and are skipped).
 */
import type { SqliteDatabase } from '../db/open-database';

export function localOutboxSequence(db: SqliteDatabase): number {
  const seq = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'").pluck().get();
  return typeof seq === 'number' ? seq : 0;
}

/** Returns true when the sequence had to be moved (the database was restored or replaced). */
export function alignOutboxSequence(db: SqliteDatabase, centralLastSeq: number): boolean {
  return db.transaction((): boolean => {
    if (centralLastSeq <= localOutboxSequence(db)) return false;
    const updated = db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'sync_outbox'").run(centralLastSeq).changes;
    if (updated === 0) db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('sync_outbox', ?)").run(centralLastSeq);
    // Taken out first, then put back in order: one entry per hourly row is unique (migration 0009).
    const pending = db.prepare('SELECT table_name, row_id FROM sync_outbox ORDER BY seq').raw().all() as Array<[string, number]>;
    db.prepare('DELETE FROM sync_outbox').run();
    const insert = db.prepare('INSERT INTO sync_outbox (table_name, row_id) VALUES (?, ?)');
    for (const [table, rowId] of pending) insert.run(table, rowId);
    return true;
  }).immediate();
}
