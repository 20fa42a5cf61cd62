import { useEffect, useRef } from 'react';
import { getApi } from '../api';
import { CountChart } from '../components/count-chart';
import { DashboardFilters } from '../components/dashboard/dashboard-filters';
import { ExportButtons } from '../components/dashboard/export-buttons';
import { PeriodTotals } from '../components/dashboard/period-totals';
import { RecentEvents } from '../components/dashboard/recent-events';
import { SalesSection } from '../components/dashboard/sales-section';
import { TodayCard } from '../components/dashboard/today-card';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { DASH, formatDate } from '../format';
import { t } from '../i18n';
import { routeLabel } from '../router';
import { useCameras } from '../stores/cameras';
import { localDayOf, useCountSeries, useDashboardQuery, useRecentEvents, useSalesSeries, useTodayTotals, type DashboardQuery } from '../stores/dashboard';

/** While people are counted, the shown period is read again at most this often. */
const LIVE_REFRESH_MS = 2000;

function useQuery(): DashboardQuery {
  const bucket = useDashboardQuery((s) => s.bucket);
  const cameraId = useDashboardQuery((s) => s.cameraId);
  const fromDay = useDashboardQuery((s) => s.fromDay);
  const toDay = useDashboardQuery((s) => s.toDay);
  const compare = useDashboardQuery((s) => s.compare);
  return { bucket, cameraId, fromDay, toDay, compare };
}

/** "1 Dec 2026" or "24 Nov 2026 – 1 Dec 2026" in the language shown. */
function periodTextOf(fromDay: string, toDay: string): string {
  const day = (d: string): string => formatDate(new Date(`${d}T12:00`).toISOString());
  return fromDay === toDay ? day(fromDay) : `${day(fromDay)} – ${day(toDay)}`;
}

/**
 * Footfall over a chosen period (issue 12): today's totals, the period's totals with the change
 * against the previous period, in/out per slot with the people inside as a line, its export, the
 * till's conversion where sales were imported, and the latest crossings; re-read while counting.
 */
export function DashboardPage() {
  const q = useQuery();
  const syncFromUrl = useDashboardQuery((s) => s.syncFromUrl);
  const series = useCountSeries((s) => s.data);
  const seriesLoading = useCountSeries((s) => s.loading);
  const loadSeries = useCountSeries((s) => s.load);
  const sales = useSalesSeries((s) => s.data);
  const loadSales = useSalesSeries((s) => s.load);
  const today = useTodayTotals((s) => s.data);
  const loadToday = useTodayTotals((s) => s.load);
  const recent = useRecentEvents((s) => s.data);
  const loadRecent = useRecentEvents((s) => s.load);
  const loadCameras = useCameras((s) => s.load);
  const cameras = useCameras((s) => s.data);
  const cameraName = (id: string | null) => (id ? (cameras?.find((c) => c.cameraId === id)?.name ?? id) : DASH);
  const { bucket, cameraId, fromDay, toDay, compare } = q;
  const m = t().dashboard;

  useEffect(() => {
    syncFromUrl();
    void loadCameras();
  }, [syncFromUrl, loadCameras]);

  // Everything shown, read again; `reload.current` lets the live-event listener call the latest.
  const reload = useRef<() => void>(() => undefined);
  reload.current = () => {
    const query = { bucket, cameraId, fromDay, toDay, compare };
    void loadSeries(query);
    void loadSales(query);
    void loadToday({ cameraId, day: localDayOf(new Date()) });
    void loadRecent({ cameraId });
  };
  useEffect(() => reload.current(), [bucket, cameraId, fromDay, toDay, compare]);

  // Live refresh: a count pushed by a running camera re-reads the period (when it includes now).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = getApi().on('live:counts', (e) => {
      if (cameraId && e.cameraId !== cameraId) return;
      if (localDayOf(new Date()) > toDay || timer) return;
      timer = setTimeout(() => {
        timer = null;
        reload.current();
      }, LIVE_REFRESH_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [cameraId, toDay]);

  const current = series?.current ?? null;
  const allZero = current !== null && current.points.every((p) => p.in === 0 && p.out === 0);
  const periodText = periodTextOf(fromDay, toDay);

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title={routeLabel('dashboard')} description={m.page.description} actions={<DashboardFilters q={q} />} />

      <TodayCard today={today?.current ?? null} live={localDayOf(new Date()) <= toDay} />

      <PeriodTotals series={series} compare={compare} />

      <section className="card" aria-labelledby="chart-title">
        <div className="card-title-row">
          <h2 id="chart-title">{m.chart[bucket].chartTitle(periodText)}</h2>
          <ExportButtons q={q} />
        </div>
        {current === null ? (
          seriesLoading ? <Loading what={m.loadingWhat} /> : null
        ) : (
          <>
            <CountChart points={current.points} previous={compare ? (series?.previous?.points ?? null) : null} bucket={bucket} />
            <p className="muted small">{allZero ? m.chart.nothingCounted : m.chart[bucket].occupancyNote}</p>
          </>
        )}
      </section>

      <SalesSection sales={sales} bucket={bucket} periodText={periodText} />

      <RecentEvents recent={recent} cameraName={cameraName} />
    </section>
  );
}
