/**
 * Footfall turned into business figures per hour or day (`sales:series`, the Dashboard and its
 * export): conversion rate = transactions ÷ visitors and revenue per visitor = revenue ÷
 * visitors, where visitors are the footfall `in` of the hours that have sales, taken from the
 * Dashboard's one aggregation (countSeries, src/engine/db/count-series.ts). A slot without sales
 * or without visitors has no rate (null, shown as "—"): never a 0 % that did not happen.
 */
import type { Repositories } from '../db/repositories';
import { countSeries, MAX_SLOTS, type CountSeriesQuery } from '../db/count-series';
import { slotIndex } from '../db/local-slots';
import type { SalesSeriesDto, SalesSeriesPointDto } from '../../shared/requests-sales';
import { salesRepositoryFor } from './sales-repository';

const HOUR_MS = 3_600_000;

export const rate = (num: number | null, visitors: number): number | null => (num === null || visitors === 0 ? null : num / visitors);

/** Visitors (`in`) per UTC hour over [from, to), in chunks the count series allows. */
export function hourlyVisitors(repos: Repositories, q: { cameraId?: string; from: string; to: string }): Map<number, number> {
  const out = new Map<number, number>();
  const from = Math.floor(Date.parse(q.from) / HOUR_MS) * HOUR_MS;
  const to = Date.parse(q.to);
  for (let start = from; start < to; start += MAX_SLOTS * HOUR_MS) {
    const end = Math.min(to, start + MAX_SLOTS * HOUR_MS);
    const s = countSeries(repos.countingResults, {
      ...(q.cameraId !== undefined ? { cameraId: q.cameraId } : {}),
      from: new Date(start).toISOString(),
      to: new Date(end).toISOString(),
      resolution: 'hour',
      utcOffsetMinutes: 0,
    });
    for (const p of s.points) out.set(Date.parse(p.start), p.in);
  }
  return out;
}

function hasSalesTable(repos: Repositories): boolean {
  return repos.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sales_hourly'").get() !== undefined;
}

export function salesSeries(repos: Repositories, q: CountSeriesQuery): SalesSeriesDto {
  const counts = countSeries(repos.countingResults, q);
  const offset = counts.utcOffsetMinutes;
  // A file opened read-only before its migration to 0016_sales (`counts export`) has no sales table.
  const sales = hasSalesTable(repos) ? salesRepositoryFor(repos.db).range(counts.from, counts.to, q.cameraId) : [];
  const byHour = new Map<number, { transactions: number; revenue: number }>();
  for (const r of sales) {
    const t = Date.parse(r.hour);
    const cur = byHour.get(t) ?? { transactions: 0, revenue: 0 };
    byHour.set(t, { transactions: cur.transactions + r.transactions, revenue: cur.revenue + r.revenue });
  }
  const visitorsAt = byHour.size ? hourlyVisitors(repos, { ...(q.cameraId !== undefined ? { cameraId: q.cameraId } : {}), from: counts.from, to: counts.to }) : new Map<number, number>();
  const slots = new Map<number, { salesHours: number; visitors: number; transactions: number; revenue: number }>();
  // The count series' own slots (local hours and days, DST included), so both charts line up.
  const starts = counts.points.map((p) => Date.parse(p.start));
  for (const [t, s] of byHour) {
    const slot = starts[slotIndex(starts, t)] ?? t;
    const cur = slots.get(slot) ?? { salesHours: 0, visitors: 0, transactions: 0, revenue: 0 };
    slots.set(slot, {
      salesHours: cur.salesHours + 1,
      visitors: cur.visitors + (visitorsAt.get(t) ?? 0),
      transactions: cur.transactions + s.transactions,
      revenue: cur.revenue + s.revenue,
    });
  }
  const point = (inCount: number, s: { salesHours: number; visitors: number; transactions: number; revenue: number } | undefined): Omit<SalesSeriesPointDto, 'start'> => ({
    in: inCount,
    salesHours: s?.salesHours ?? 0,
    visitors: s?.visitors ?? 0,
    transactions: s ? s.transactions : null,
    revenue: s ? round(s.revenue, 4) : null,
    conversionRate: s ? rate(s.transactions, s.visitors) : null,
    revenuePerVisitor: s ? rate(s.revenue, s.visitors) : null,
  });
  const points = counts.points.map((p) => ({ start: p.start, ...point(p.in, slots.get(Date.parse(p.start))) }));
  const all = [...slots.values()];
  const total = all.length
    ? all.reduce((a, s) => ({ salesHours: a.salesHours + s.salesHours, visitors: a.visitors + s.visitors, transactions: a.transactions + s.transactions, revenue: a.revenue + s.revenue }))
    : undefined;
  const currency = repos.settings.getValue('business.currency', null);
  return {
    cameraId: counts.cameraId,
    from: counts.from,
    to: counts.to,
    resolution: counts.resolution,
    utcOffsetMinutes: offset,
    currency: typeof currency === 'string' ? currency : null,
    hasSales: byHour.size > 0,
    totals: point(counts.totalIn, total),
    points,
  };
}

export const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;
