import type { Statement } from 'better-sqlite3';
import { DbError } from '../db-error';
import type { SqliteDatabase } from '../open-database';
import { countingMapper } from '../result-row-mappers';
import type { StoredCounting } from '../result-rows';
import type { BucketSize } from '../../../shared/enums';
import { clampLimit, rangeBounds, type TimeRange } from './query-helpers';

export interface CountQuery extends TimeRange {
  /** All cameras when omitted. */
  cameraId?: string;
}

export interface CountSummaryQuery extends CountQuery {
  bucket?: BucketSize;
  /**
   * The shop's UTC offset, so day buckets start at local midnight (hour buckets too, for
   * half-hour zones). A fixed offset: a DST change inside the range shifts later buckets by an hour.
   */
  utcOffsetMinutes?: number;
}

export interface CountBucket {
  /** Bucket start, UTC ISO-8601. */
  start: string;
  in: number;
  out: number;
}

export interface CountSummary {
  cameraId: string | null;
  totalIn: number;
  totalOut: number;
  buckets: CountBucket[];
}

// Footfall is line crossings. Zone entries/exits (event_type entry/exit) describe occupancy of an
// area the same people may also have crossed a line into, so counting them too would double count.
const IS_IN = "(event_type = 'cross_line' AND direction = 'in')";
const IS_OUT = "(event_type = 'cross_line' AND direction = 'out')";

// Shift into local time, truncate, shift back: the bucket start as a UTC instant.
const bucketExpr = (format: string): string =>
  `strftime('%Y-%m-%dT%H:%M:%fZ', strftime('${format}', created_at, @shift), @unshift)`;

/** Dashboard reads of counting events: the shop's business data, kept through retention. */
export class CountingResultsRepository {
  private readonly recentStmt: Statement;
  private readonly bucketStmts: Record<BucketSize, Statement>;
  private readonly byEventId: Statement;
  private readonly lineTotalsStmt: Statement;

  constructor(db: SqliteDatabase) {
    const where = '(@camera_id IS NULL OR camera_id = @camera_id) AND created_at >= @from AND created_at < @to';
    this.recentStmt = db.prepare(`SELECT * FROM counting_results WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT @limit`);
    const bucketSql = (format: string): string => `
      SELECT ${bucketExpr(format)} AS start, sum(${IS_IN}) AS "in", sum(${IS_OUT}) AS "out"
      FROM counting_results WHERE ${where}
      GROUP BY start ORDER BY start`;
    this.bucketStmts = { hour: db.prepare(bucketSql('%Y-%m-%d %H:00:00')), day: db.prepare(bucketSql('%Y-%m-%d 00:00:00')) };
    this.byEventId = db.prepare('SELECT * FROM counting_results WHERE counting_event_id = ?');
    this.lineTotalsStmt = db.prepare(`
      SELECT coalesce(max(current_count_in), 0) AS i, coalesce(max(current_count_out), 0) AS o
      FROM counting_results
      WHERE camera_id = ? AND line_id = ? AND event_type = 'cross_line' AND created_at >= ?`);
  }

  get(countingEventId: string): StoredCounting | undefined {
    const row = this.byEventId.get(countingEventId);
    return row === undefined ? undefined : countingMapper.fromRow(row);
  }

  /**
   * The last stored running totals of one line: each crossing row carries the line's totals after
   * it and totals only grow, so MAX() is the last one whatever the clock did. Only rows from
   * `since` (the line's creation) count: SQLite may hand a deleted line's id to a new line.
   */
  lineTotals(cameraId: string, lineId: number, since: string): { in: number; out: number } {
    const row = this.lineTotalsStmt.get(cameraId, lineId, since) as { i: number; o: number };
    return { in: row.i, out: row.o };
  }

  /** Newest first. */
  recent(query: CountQuery & { limit?: number } = {}): StoredCounting[] {
    const [from, to] = rangeBounds(query);
    return this.recentStmt
      .all({ camera_id: query.cameraId ?? null, from, to, limit: clampLimit(query.limit, 50) })
      .map((r) => countingMapper.fromRow(r));
  }

  summary(query: CountSummaryQuery = {}): CountSummary {
    const [from, to] = rangeBounds(query);
    const offset = query.utcOffsetMinutes ?? 0;
    if (!Number.isInteger(offset) || Math.abs(offset) > 14 * 60) {
      throw new DbError('INVALID_INPUT', `utcOffsetMinutes must be an integer within ±840, got ${offset}`);
    }
    const rows = this.bucketStmts[query.bucket ?? 'hour'].all({
      camera_id: query.cameraId ?? null,
      from,
      to,
      shift: `${offset >= 0 ? '+' : '-'}${Math.abs(offset)} minutes`,
      unshift: `${offset >= 0 ? '-' : '+'}${Math.abs(offset)} minutes`,
    }) as CountBucket[];
    return {
      cameraId: query.cameraId ?? null,
      totalIn: rows.reduce((sum, b) => sum + b.in, 0),
      totalOut: rows.reduce((sum, b) => sum + b.out, 0),
      buckets: rows,
    };
  }
}
