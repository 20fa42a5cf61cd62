/**
 * The Dashboard's filters, kept in the URL (`#/dashboard?camera=door&from=2026-12-01&to=2026-12-01
 * &res=hour&compare=1`) so a reload or a shared link shows the same view; and its data, all from
 * the one engine aggregation (`counts:series`, src/engine/db/count-series.ts), with the till's
 * sales over the same slots where they were imported (`sales:series`).
 */
import { create } from 'zustand';
import type { BucketSize } from '../../../shared/enums';
import { t } from '../i18n';
import { createResourceStore } from './resource';

export type Bucket = BucketSize;

export interface DashboardQuery {
  bucket: Bucket;
  cameraId: string | null;
  /** First and last local day shown, YYYY-MM-DD (both included). */
  fromDay: string;
  toDay: string;
  compare: boolean;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export function localDayOf(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Local midnight of a YYYY-MM-DD day, plus `addDays`. */
export function midnightOf(day: string, addDays = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + addDays);
}

export function daysBefore(day: string, n: number): string {
  return localDayOf(midnightOf(day, -n));
}

/** This viewer's IANA time zone (e.g. "Europe/Berlin"); undefined where the runtime cannot name it. */
export function viewerTimeZone(): string | undefined {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone ? zone : undefined;
}

/**
 * The request's instants for a query: from the first day's midnight to the day after the last,
 * with the viewer's time zone so the engine makes local hours and days across DST changes (23 or
 * 25 hourly slots on the change days); the fixed offset stays for an engine that predates it.
 */
export function periodOf(q: Pick<DashboardQuery, 'fromDay' | 'toDay'>, timeZone = viewerTimeZone()): { from: string; to: string; utcOffsetMinutes: number; timeZone?: string } {
  const from = midnightOf(q.fromDay);
  return { from: from.toISOString(), to: midnightOf(q.toDay, 1).toISOString(), utcOffsetMinutes: -from.getTimezoneOffset(), ...(timeZone ? { timeZone } : {}) };
}

export function defaultQuery(now = new Date()): DashboardQuery {
  const today = localDayOf(now);
  return { bucket: 'hour', cameraId: null, fromDay: today, toDay: today, compare: true };
}

/** The query in the hash's `?…` part; anything missing or malformed takes its default. */
export function queryFromHash(hash: string, now = new Date()): DashboardQuery {
  const d = defaultQuery(now);
  const qs = new URLSearchParams(hash.split('?')[1] ?? '');
  const fromDay = qs.get('from') ?? '';
  const toDay = qs.get('to') ?? '';
  const res = qs.get('res');
  const q: DashboardQuery = {
    bucket: res === 'day' || res === 'hour' ? res : d.bucket,
    cameraId: qs.get('camera') || null,
    fromDay: DAY_RE.test(fromDay) ? fromDay : d.fromDay,
    toDay: DAY_RE.test(toDay) ? toDay : d.toDay,
    compare: qs.has('compare') ? qs.get('compare') === '1' : d.compare,
  };
  if (q.toDay < q.fromDay) q.toDay = q.fromDay;
  return q;
}

export function hashOf(q: DashboardQuery): string {
  const qs = new URLSearchParams();
  if (q.cameraId) qs.set('camera', q.cameraId);
  qs.set('from', q.fromDay);
  qs.set('to', q.toDay);
  qs.set('res', q.bucket);
  qs.set('compare', q.compare ? '1' : '0');
  return `#/dashboard?${qs.toString()}`;
}

export const useCountSeries = createResourceStore(() => t().dashboard.contexts.counts, (api, q: DashboardQuery) =>
  api.counts.series({ ...periodOf(q), resolution: q.bucket, compare: q.compare, ...(q.cameraId ? { cameraId: q.cameraId } : {}) }),
);

/**
 * Sales of the same period and slots (issue 13: conversion rate and revenue per visitor, `sales:series`
 * over the same count series), empty (`hasSales: false`) where no till data was imported.
 */
export const useSalesSeries = createResourceStore(() => t().dashboard.contexts.sales, (api, q: DashboardQuery) =>
  api.sales.series({ ...periodOf(q), resolution: q.bucket, ...(q.cameraId ? { cameraId: q.cameraId } : {}) }),
);

/** Today's totals (local midnight to midnight), for the camera chosen or all. */
export const useTodayTotals = createResourceStore(() => t().dashboard.contexts.today, (api, q: { cameraId: string | null; day: string }) =>
  api.counts.series({ ...periodOf({ fromDay: q.day, toDay: q.day }), resolution: 'day', ...(q.cameraId ? { cameraId: q.cameraId } : {}) }),
);

export const useRecentEvents = createResourceStore(() => t().dashboard.contexts.recent, (api, q: { cameraId: string | null }) =>
  api.counts.recent({ limit: 20, ...(q.cameraId ? { cameraId: q.cameraId } : {}) }),
);

interface DashboardState extends DashboardQuery {
  set(patch: Partial<DashboardQuery>): void;
  /** Reads the URL again (on opening the page, or after back/forward). */
  syncFromUrl(): void;
}

export const useDashboardQuery = create<DashboardState>()((set, get) => ({
  ...queryFromHash(typeof window === 'undefined' ? '' : window.location.hash),
  set: (patch) => {
    const { set: _s, syncFromUrl: _u, ...current } = get();
    const next = { ...current, ...patch };
    if (next.toDay < next.fromDay) next.toDay = next.fromDay;
    set(next);
    // replaceState: the filters are part of the page's address without a history entry per click.
    if (typeof window !== 'undefined' && window.location.hash.startsWith('#/dashboard')) window.history.replaceState(null, '', hashOf(next));
  },
  syncFromUrl: () => {
    if (window.location.hash.includes('?')) {
      set(queryFromHash(window.location.hash));
      return;
    }
    // Opened from the sidebar: keep the filters last used, and show them in the address.
    const { set: _s, syncFromUrl: _u, ...current } = get();
    if (window.location.hash.startsWith('#/dashboard')) window.history.replaceState(null, '', hashOf(current));
  },
}));
