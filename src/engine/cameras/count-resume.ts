import type { SqliteDatabase } from '../db/open-database';
import { repositoriesFor } from '../db/repositories';

export interface LineTotals {
  in: number;
  out: number;
}

/**
 * Running totals per line as stored: each counting row carries the line's totals after that
 * crossing, and totals only grow, so MAX() is the last stored total whatever the clock did. Only
 * rows since the line was created count: SQLite may hand a deleted line's id to a new line.
 * Rows the writer had not flushed when the engine died are gone together with their totals, so
 * a restart continues exactly from what is stored: nothing counted twice, no gap in the totals.
 */
export function resumeLineCounts(db: SqliteDatabase, cameraId: string, lines: ReadonlyArray<{ id: number; createdAt: string }>): LineTotals[] {
  const results = repositoriesFor(db).countingResults;
  return lines.map((l) => results.lineTotals(cameraId, l.id, l.createdAt));
}
