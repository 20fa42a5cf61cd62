/**
 * The one aggregation of footfall over time, used by the Dashboard (`counts:series`, its chart,
 * its previous-period comparison and its CSV/JSON export through `counts:export`) and by the
 * command line (`counts export`): in, out and occupancy per hour or per day, every slot present
 * (zeros included), from the stored crossing rows (CountingResultsRepository.summary()). Slots
 * follow the shop's local clock with its daylight-saving changes (src/engine/db/local-slots.ts):
 * a 23- or 25-hour day has 23 or 25 hourly slots. The export text is made here too, so the app's
 * file and the CLI's are the same bytes for the same query.
 *
 * Occupancy is what a shop owner means by "how many are inside": the people counted in minus
 * those counted out since the local midnight (the daily reset the Live tiles use too), at the
 * end of each hour, never below 0 (more people counted out than in — someone who came in unseen
 * — reads as an empty shop, not a negative one); per day, the highest of that day's hourly
 * figures (the day's busiest moment). With all cameras it is the whole shop's in − out. It comes
 * from the line crossings (`in`, `out`), not from zone entry/exit events, which only cameras
 * with a drawn zone have and which describe that area, not the shop.
 */
import type { CountingResultsRepository } from './repositories/counting-results-repository';
import { normalizeIso } from './repositories/query-helpers';
import { DbError } from './db-error';
import { DAY_MS, HOUR_MS, offsetFunction, offsetSegments, slotIndex, slotStarts, type OffsetAt, type SlotZone } from './local-slots';
import type { BucketSize } from '../../shared/enums';
import type { CountSeriesDto, CountSeriesPointDto, CountSeriesResultDto } from '../../shared/requests-counts';
import type { SalesSeriesDto } from '../../shared/requests-sales';

export interface CountSeriesQuery extends SlotZone {
  cameraId?: string;
  /** Inclusive, ISO-8601. */
  from: string;
  /** Exclusive, ISO-8601. */
  to: string;
  resolution: BucketSize;
  /** The shop's IANA time zone (e.g. Europe/Berlin): slots follow its local hours and midnights, DST included. */
  timeZone?: string | undefined;
  /** A fixed UTC offset (minutes east), used when no `timeZone` is given. Default 0. */
  utcOffsetMinutes?: number | undefined;
}

/** A year of hours: one query cannot ask for millions of slots. */
export const MAX_SLOTS = 24 * 366;

interface SlotSums {
  starts: number[];
  in: number[];
  out: number[];
}

/**
 * In and out per local slot over [from, to): one summary() per stretch of constant UTC offset
 * (SQLite shifts by that offset), each of its buckets added to the local slot it lies in (a
 * bucket cut by an offset change is found by the part inside the stretch).
 */
function sumsPerSlot(results: CountingResultsRepository, offsetAt: OffsetAt, q: { cameraId?: string | undefined; from: number; to: number; resolution: BucketSize }): SlotSums {
  const starts = slotStarts(offsetAt, q.from, q.to, q.resolution);
  const sums: SlotSums = { starts, in: starts.map(() => 0), out: starts.map(() => 0) };
  for (const seg of offsetSegments(offsetAt, q.from, q.to)) {
    const summary = results.summary({
      ...(q.cameraId !== undefined ? { cameraId: q.cameraId } : {}),
      from: new Date(seg.start).toISOString(),
      to: new Date(seg.end).toISOString(),
      bucket: q.resolution,
      utcOffsetMinutes: seg.offset,
    });
    for (const b of summary.buckets) {
      const i = slotIndex(starts, Math.max(Date.parse(b.start), seg.start));
      if (i < 0) continue;
      sums.in[i] = (sums.in[i] ?? 0) + b.in;
      sums.out[i] = (sums.out[i] ?? 0) + b.out;
    }
  }
  return sums;
}

/**
 * Occupancy per slot of `starts` (see the top of this file): hourly in − out summed from each
 * local midnight, clamped at 0; per day, the day's highest hourly figure.
 */
function occupancyPerSlot(results: CountingResultsRepository, offsetAt: OffsetAt, q: { cameraId?: string | undefined; to: number; resolution: BucketSize }, starts: readonly number[]): number[] {
  if (starts.length === 0) return [];
  const first = starts[0] as number;
  const days = slotStarts(offsetAt, first, q.to, 'day');
  const hours = sumsPerSlot(results, offsetAt, { ...q, from: days[0] as number, resolution: 'hour' });
  const occupancy = starts.map(() => 0);
  let net = 0;
  let day = -1;
  hours.starts.forEach((start, h) => {
    const d = slotIndex(days, start);
    if (d !== day) {
      day = d;
      net = 0;
    }
    net += (hours.in[h] ?? 0) - (hours.out[h] ?? 0);
    const i = slotIndex(starts, start);
    if (i < 0) return;
    const inside = Math.max(0, net);
    occupancy[i] = q.resolution === 'hour' ? inside : Math.max(occupancy[i] ?? 0, inside);
  });
  return occupancy;
}

/** In, out and occupancy per slot from `from` (its slot's start) to `to`, zeros where nothing was counted. */
export function countSeries(results: CountingResultsRepository, q: CountSeriesQuery): CountSeriesDto {
  const from = Date.parse(normalizeIso(q.from, 'from'));
  const to = Date.parse(normalizeIso(q.to, 'to'));
  if (!(to > from)) throw new DbError('INVALID_INPUT', 'the end of the period must be after its start');
  const size = q.resolution === 'hour' ? HOUR_MS : DAY_MS;
  // Checked before any slot is made: with 23/25-hour days the count is within a slot or two of this.
  if ((to - from) / size > MAX_SLOTS) throw new DbError('INVALID_INPUT', `at most ${MAX_SLOTS} slots in one query: choose a shorter period or days`);
  const offsetAt = offsetFunction(q);
  const camera = q.cameraId !== undefined ? { cameraId: q.cameraId } : {};
  const sums = sumsPerSlot(results, offsetAt, { ...camera, from, to, resolution: q.resolution });
  const occupancy = occupancyPerSlot(results, offsetAt, { ...camera, to, resolution: q.resolution }, sums.starts);
  const points: CountSeriesPointDto[] = sums.starts.map((t, i) => ({ start: new Date(t).toISOString(), in: sums.in[i] ?? 0, out: sums.out[i] ?? 0, occupancy: occupancy[i] ?? 0 }));
  return {
    cameraId: q.cameraId ?? null,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    resolution: q.resolution,
    timeZone: q.timeZone ?? null,
    utcOffsetMinutes: offsetAt(from),
    totalIn: sums.in.reduce((a, b) => a + b, 0),
    totalOut: sums.out.reduce((a, b) => a + b, 0),
    points,
  };
}

/** Change from `before` to `now` in percent, one decimal; null when there was nothing before. */
export function percentChange(now: number, before: number): number | null {
  if (before === 0) return null;
  return Math.round(((now - before) / before) * 1000) / 10;
}

/** The period and the one of the same length just before it, with the % change of each total. */
export function countSeriesWithPrevious(results: CountingResultsRepository, q: CountSeriesQuery & { compare?: boolean }): CountSeriesResultDto {
  const current = countSeries(results, q);
  if (!q.compare) return { current, previous: null, change: null };
  const length = Date.parse(current.to) - Date.parse(current.from);
  const previous = countSeries(results, { ...q, from: new Date(Date.parse(current.from) - length).toISOString(), to: current.from });
  return {
    current,
    previous,
    change: { in: percentChange(current.totalIn, previous.totalIn), out: percentChange(current.totalOut, previous.totalOut) },
  };
}

/**
 * The shown data as a file: CSV `start,in,out,occupancy` (one row per slot) or the JSON of the
 * series (each point has `in`, `out`, `occupancy`).
 * With `sales` (issue 13: the period has imported sales, src/engine/sales/sales-series.ts, same
 * slots) the columns transactions, revenue, conversion_rate (a fraction) and revenue_per_visitor
 * follow, empty where a slot has no sales or no visitors; `in` and `out` stay as they are.
 */
export function formatCountSeries(series: CountSeriesDto, format: 'csv' | 'json', cameraName?: string | null, sales?: SalesSeriesDto | null): string {
  const withSales = sales?.hasSales ? sales : null;
  const salesAt = new Map((withSales?.points ?? []).map((p) => [p.start, p]));
  if (format === 'json') {
    if (!withSales) return `${JSON.stringify({ camera: cameraName ?? null, ...series }, null, 2)}\n`;
    const points = series.points.map((p) => {
      const s = salesAt.get(p.start);
      return { ...p, transactions: s?.transactions ?? null, revenue: s?.revenue ?? null, conversionRate: s?.conversionRate ?? null, revenuePerVisitor: s?.revenuePerVisitor ?? null };
    });
    return `${JSON.stringify({ camera: cameraName ?? null, ...series, points, sales: { currency: withSales.currency, totals: withSales.totals } }, null, 2)}\n`;
  }
  if (!withSales) {
    const lines = ['start,in,out,occupancy', ...series.points.map((p) => `${p.start},${p.in},${p.out},${p.occupancy}`)];
    return `${lines.join('\n')}\n`;
  }
  const cell = (v: number | null | undefined, digits: number): string => (v === null || v === undefined ? '' : String(Math.round(v * 10 ** digits) / 10 ** digits));
  const lines = [
    'start,in,out,occupancy,transactions,revenue,conversion_rate,revenue_per_visitor',
    ...series.points.map((p) => {
      const s = salesAt.get(p.start);
      return `${p.start},${p.in},${p.out},${p.occupancy},${cell(s?.transactions, 0)},${cell(s?.revenue, 4)},${cell(s?.conversionRate, 6)},${cell(s?.revenuePerVisitor, 4)}`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}
