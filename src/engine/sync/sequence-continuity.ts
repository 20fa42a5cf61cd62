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
    db.prepare('INSERT INTO sync_outbox (table_name, row_id) SELECT table_name, row_id FROM sync_outbox WHERE seq <= ? ORDER BY seq').run(centralLastSeq);
    db.prepare('DELETE FROM sync_outbox WHERE seq <= ?').run(centralLastSeq);
    return true;
  }).immediate();
}
