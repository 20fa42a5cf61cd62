/**
 * The one aggregation of footfall over time, used by the Dashboard (`counts:series`, its chart,
 * its previous-period comparison and its CSV/JSON export through `counts:export`) and by the
 * command line (`counts export`): in and out per hour or per day, every slot present (zeros
 * included), from the stored crossing rows (CountingResultsRepository.summary()). The export
 * text is made here too, so the app's file and the CLI's are the same bytes for the same query.
 */
import type { CountingResultsRepository } from './repositories/counting-results-repository';
import { normalizeIso } from './repositories/query-helpers';
import { DbError } from './db-error';
import type { BucketSize } from '../../shared/enums';
import type { CountSeriesDto, CountSeriesPointDto, CountSeriesResultDto } from '../../shared/requests-counts';
import type { SalesSeriesDto } from '../../shared/requests-sales';

export interface CountSeriesQuery {
  cameraId?: string;
  /** Inclusive, ISO-8601. */
  from: string;
  /** Exclusive, ISO-8601. */
  to: string;
  resolution: BucketSize;
  /** The shop's UTC offset: day slots start at its local midnight. Default 0. */
  utcOffsetMinutes?: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A year of hours: one query cannot ask for millions of slots. */
export const MAX_SLOTS = 24 * 366;

/** The start of the slot holding `ms`, as a UTC instant (slots are aligned to local time). */
export function slotStart(ms: number, resolution: BucketSize, offsetMin: number): number {
  const size = resolution === 'hour' ? HOUR_MS : DAY_MS;
  const shift = offsetMin * 60_000;
  return Math.floor((ms + shift) / size) * size - shift;
}

/** In and out per slot from `from` (its slot's start) to `to`, zeros where nothing was counted. */
export function countSeries(results: CountingResultsRepository, q: CountSeriesQuery): CountSeriesDto {
  const from = Date.parse(normalizeIso(q.from, 'from'));
  const to = Date.parse(normalizeIso(q.to, 'to'));
  const offset = q.utcOffsetMinutes ?? 0;
  if (!(to > from)) throw new DbError('INVALID_INPUT', 'the end of the period must be after its start');
  const size = q.resolution === 'hour' ? HOUR_MS : DAY_MS;
  const first = slotStart(from, q.resolution, offset);
  if ((to - first) / size > MAX_SLOTS) throw new DbError('INVALID_INPUT', `at most ${MAX_SLOTS} slots in one query: choose a shorter period or days`);
  const summary = results.summary({
    ...(q.cameraId !== undefined ? { cameraId: q.cameraId } : {}),
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    bucket: q.resolution,
    utcOffsetMinutes: offset,
  });
  const stored = new Map(summary.buckets.map((b) => [Date.parse(b.start), b]));
  const points: CountSeriesPointDto[] = [];
  for (let t = first; t < to; t += size) {
    const b = stored.get(t);
    points.push({ start: new Date(t).toISOString(), in: b?.in ?? 0, out: b?.out ?? 0 });
  }
  return {
    cameraId: q.cameraId ?? null,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    resolution: q.resolution,
    utcOffsetMinutes: offset,
    totalIn: summary.totalIn,
    totalOut: summary.totalOut,
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
 * The shown data as a file: CSV `start,in,out` (one row per slot) or the JSON of the series.
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
    const lines = ['start,in,out', ...series.points.map((p) => `${p.start},${p.in},${p.out}`)];
    return `${lines.join('\n')}\n`;
  }
  const cell = (v: number | null | undefined, digits: number): string => (v === null || v === undefined ? '' : String(Math.round(v * 10 ** digits) / 10 ** digits));
  const lines = [
    'start,in,out,transactions,revenue,conversion_rate,revenue_per_visitor',
    ...series.points.map((p) => {
      const s = salesAt.get(p.start);
      return `${p.start},${p.in},${p.out},${cell(s?.transactions, 0)},${cell(s?.revenue, 4)},${cell(s?.conversionRate, 6)},${cell(s?.revenuePerVisitor, 4)}`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}
