/**
 * After a bench has filled a file in one big transaction (back-dated rows for retention or drift):
 * back to the engine's journal settings, and the fill flushed to the disk, so what is measured
 * next does not pay for it.
 */
import fs from 'node:fs';
import type { SqliteDatabase } from '../db/open-database';

export function settleFilledFile(db: SqliteDatabase): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Re-read the schema after the switch: without it, a file whose migrations dropped and renamed a
  // table (0015) answers the next wal_checkpoint with SQLITE_LOCKED.
  db.prepare('SELECT count(*) FROM sqlite_schema').get();
  // Flush the fill to the disk now, or the first checkpoint of whatever runs next (retention,
  // a drift check: measured) would wait for the OS to write back hundreds of megabytes it was
  // never asked to.
  if (db.name !== '' && db.name !== ':memory:') {
    const fd = fs.openSync(db.name, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
}
