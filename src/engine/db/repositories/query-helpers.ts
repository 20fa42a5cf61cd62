import { isIsoTimestamp, toIso } from '../../../shared/timestamps';
import { DbError } from '../db-error';

/** Bounds that sort before/after every stored timestamp, so range queries need no dynamic SQL. */
const EARLIEST = '0000-01-01T00:00:00.000Z';
const LATEST = '9999-12-31T23:59:59.999Z';

export interface TimeRange {
  /** Inclusive, any ISO-8601 form (offsets are converted to UTC). */
  from?: string;
  /** Exclusive. */
  to?: string;
}

/** Accepts any ISO-8601 instant (e.g. with +07:00) and returns the stored UTC form. */
export function normalizeIso(value: string, what: string): string {
  if (isIsoTimestamp(value)) return value;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new DbError('INVALID_INPUT', `${what}: not an ISO-8601 time: ${value}`);
  return toIso(new Date(time));
}

export function rangeBounds(range: TimeRange = {}): [string, string] {
  return [
    range.from === undefined ? EARLIEST : normalizeIso(range.from, 'from'),
    range.to === undefined ? LATEST : normalizeIso(range.to, 'to'),
  ];
}

/** A LIMIT value: positive integer, capped so one call cannot pull a whole table into memory. */
export function clampLimit(limit: number | undefined, fallback = 100, max = 10_000): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1) throw new DbError('INVALID_INPUT', `limit must be a positive integer, got ${limit}`);
  return Math.min(limit, max);
}
