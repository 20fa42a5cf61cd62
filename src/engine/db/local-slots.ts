/**
 * Local hours and days as UTC instants, daylight saving included (issue 12: the Dashboard's slots).
 * A slot is a run of instants that share one local label (date and hour, or date): so the day a
 * clock springs forward has 23 hourly slots (02:00 never happens in Europe/Berlin on 2026-03-29)
 * and the day it falls back has 25 (02:00 happens twice on 2026-10-25, each its own slot), and a
 * day slot is 23 or 25 hours long. An IANA zone is read through Intl (Node and Chromium carry
 * full ICU); a fixed UTC offset (the older `utcOffsetMinutes` field) is a zone with no changes.
 */
import { DbError } from './db-error';
import type { BucketSize } from '../../shared/enums';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;
/** Offsets are sampled this often; no zone changes its offset twice within 12 hours. */
const SAMPLE_MS = 12 * HOUR_MS;

/** Minutes east of UTC at an instant. */
export type OffsetAt = (ms: number) => number;

/** Where the slots' local time comes from: an IANA zone name, else a fixed offset. */
export interface SlotZone {
  timeZone?: string | undefined;
  utcOffsetMinutes?: number | undefined;
}

/** A stretch of time with one UTC offset: [start, end). */
export interface OffsetSegment {
  start: number;
  end: number;
  offset: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      throw new DbError('INVALID_INPUT', `unknown time zone "${timeZone}": use an IANA name such as Europe/Berlin`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the zone (e.g. "Asia/Ho_Chi_Minh"). */
export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** This machine's zone (the CLI's default), as Intl resolves it. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The offset function of a zone; a fixed offset when no zone name is given (default 0). */
export function offsetFunction(zone: SlotZone): OffsetAt {
  if (zone.timeZone === undefined) {
    const fixed = zone.utcOffsetMinutes ?? 0;
    return () => fixed;
  }
  const f = formatterFor(zone.timeZone);
  return (ms) => {
    const at = Math.floor(ms / 1000) * 1000;
    const p: Record<string, number> = {};
    for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const local = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
    return Math.round((local - at) / MINUTE_MS);
  };
}

/** The first minute at or after `lo` with offset `target`, knowing it lies in (lo, hi]. */
function changeAt(offsetAt: OffsetAt, lo: number, hi: number, target: number): number {
  let a = Math.floor(lo / MINUTE_MS);
  let b = Math.ceil(hi / MINUTE_MS);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (offsetAt(mid * MINUTE_MS) === target) b = mid;
    else a = mid;
  }
  return b * MINUTE_MS;
}

/** [from, to) cut where the offset changes. */
export function offsetSegments(offsetAt: OffsetAt, from: number, to: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let start = from;
  let offset = offsetAt(from);
  for (let t = from; t < to; ) {
    const next = Math.min(to, t + SAMPLE_MS);
    const o = offsetAt(next === to ? to - 1 : next);
    if (o !== offset) {
      const change = changeAt(offsetAt, t, next === to ? to - 1 : next, o);
      segments.push({ start, end: change, offset });
      start = change;
      offset = o;
    }
    t = next;
  }
  segments.push({ start, end: to, offset });
  return segments.filter((s) => s.end > s.start);
}

/**
 * The starts of the slots that overlap [from, to), the first being that of the slot holding
 * `from` (which may begin before it). Ascending UTC instants.
 */
export function slotStarts(offsetAt: OffsetAt, from: number, to: number, resolution: BucketSize): number[] {
  const size = resolution === 'hour' ? HOUR_MS : DAY_MS;
  // A day before `from` is enough to find where its slot began (no slot is longer than 26 hours).
  const segments = offsetSegments(offsetAt, from - DAY_MS - 3 * HOUR_MS, to);
  const label = (ms: number, offset: number): number => Math.floor((ms + offset * MINUTE_MS) / size);
  const starts: number[] = [];
  segments.forEach((seg, i) => {
    const shift = seg.offset * MINUTE_MS;
    const prev = segments[i - 1];
    // A change of offset starts a slot when the local label changes there or the clock reads a
    // whole hour (day) on it: falling back to 02:00 starts the second 02:00 slot.
    if (prev && (label(seg.start - 1, prev.offset) !== label(seg.start, seg.offset) || (seg.start + shift) % size === 0)) starts.push(seg.start);
    for (let t = (label(seg.start, seg.offset) + 1) * size - shift; t < seg.end; t += size) starts.push(t);
  });
  let first = 0;
  while (first + 1 < starts.length && (starts[first + 1] as number) <= from) first++;
  return starts.slice(first).filter((t) => t < to);
}

/** The index of the slot holding `ms` among ascending `starts` (−1 before the first). */
export function slotIndex(starts: readonly number[], ms: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
