import { useEffect, useRef, useState } from 'react';
import { getApi } from '../api';
import { ConversionChart, formatMoney, formatRate } from '../components/conversion-chart';
import { CountChart } from '../components/count-chart';
import { DataTable, type Column } from '../components/data-table';
import { EmptyState } from '../components/empty-state';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { DASH, formatDateTime, formatInt } from '../format';
import { useCameras } from '../stores/cameras';
import { reportError } from '../stores/errors';
import type { SalesSeriesDto } from '../../../shared/requests-sales';
import { daysBefore, localDayOf, periodOf, useCountSeries, useDashboardQuery, useRecentEvents, useSalesSeries, useTodayTotals, type Bucket, type DashboardQuery } from '../stores/dashboard';

const RECENT_COLUMNS: readonly Column[] = ['Time', 'Camera', 'Direction', 'Track', { label: 'In so far', num: true }, { label: 'Out so far', num: true }];
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

function Filters({ q }: { q: DashboardQuery }) {
  const set = useDashboardQuery((s) => s.set);
  const cameras = useCameras((s) => s.data) ?? [];
  const today = localDayOf(new Date());
  const preset = (days: number, bucket: Bucket) => set({ fromDay: daysBefore(today, days - 1), toDay: today, bucket });
  return (
    <div className="filters dashboard-filters">
      <label>
        Camera
        <select value={q.cameraId ?? ''} onChange={(e) => set({ cameraId: e.target.value || null })}>
          <option value="">All cameras</option>
          {cameras.map((c) => (
            <option key={c.cameraId} value={c.cameraId}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="date" value={q.fromDay} max={q.toDay} onChange={(e) => e.target.value && set({ fromDay: e.target.value })} />
      </label>
      <label>
        To
        <input type="date" value={q.toDay} min={q.fromDay} onChange={(e) => e.target.value && set({ toDay: e.target.value })} />
      </label>
      <label>
        Per
        <select value={q.bucket} onChange={(e) => set({ bucket: e.target.value as Bucket })}>
          <option value="hour">Hour</option>
          <option value="day">Day</option>
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={q.compare} onChange={(e) => set({ compare: e.target.checked })} />
        Compare with the previous period
      </label>
      <div className="button-row" role="group" aria-label="Quick periods">
        <button type="button" className="button" onClick={() => preset(1, 'hour')}>
          Today
        </button>
        <button type="button" className="button" onClick={() => preset(7, 'day')}>
          Last 7 days
        </button>
        <button type="button" className="button" onClick={() => preset(30, 'day')}>
          Last 30 days
        </button>
      </div>
    </div>
  );
}

function Change({ value, testId }: { value: number | null | undefined; testId: string }) {
  if (value === undefined) return null;
  const text = value === null ? 'nothing counted in the previous period' : `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toLocaleString(undefined, { maximumFractionDigits: 1 })}% vs the previous period`;
  return (
    <span className={`total-change${value !== null && value > 0 ? ' change-up' : value !== null && value < 0 ? ' change-down' : ''}`} data-testid={testId}>
      {text}
    </span>
  );
}

async function download(q: DashboardQuery, format: 'csv' | 'json'): Promise<void> {
  const result = await getApi().counts.export({ ...periodOf(q), resolution: q.bucket, format, ...(q.cameraId ? { cameraId: q.cameraId } : {}) });
  if (!result.ok) {
    reportError('Exporting counts', result.error);
    return;
  }
  const url = URL.createObjectURL(new Blob([result.value.content], { type: result.value.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = result.value.filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Business figures of the period (issue 13): conversion rate = transactions ÷ visitors and revenue
 * per visitor, over the hours that have imported sales ("—" where nobody came in), with their chart.
 */
function SalesSection({ sales, bucket, periodText }: { sales: SalesSeriesDto | null; bucket: Bucket; periodText: string }) {
  if (sales === null) return null;
  if (!sales.hasSales) {
    return (
      <section className="card" aria-labelledby="sales-title">
        <h2 id="sales-title">Sales and conversion</h2>
        <p className="muted small" data-testid="no-sales">
          {sales.cameraId ? 'No sales of this camera’s till in this period (store-wide sales show under All cameras). ' : 'No sales imported for this period. '}
          Import the till’s hourly sales (hour, transactions, revenue) with <code>footfall sales import --db FILE sales.csv</code>
          {sales.cameraId ? <> and <code>--camera</code></> : null} to see the conversion rate and revenue per visitor.
        </p>
      </section>
    );
  }
  const t = sales.totals;
  return (
    <section className="card" aria-labelledby="sales-title">
      <h2 id="sales-title">
        Conversion {bucket === 'hour' ? 'per hour' : 'per day'}, {periodText}
      </h2>
      <dl className="figures sales-figures">
        <div>
          <dt>Conversion rate</dt>
          <dd data-testid="period-conversion">{formatRate(t.conversionRate)}</dd>
        </div>
        <div>
          <dt>Revenue per visitor</dt>
          <dd data-testid="period-revenue-per-visitor">{formatMoney(t.revenuePerVisitor, sales.currency)}</dd>
        </div>
        <div>
          <dt>Transactions</dt>
          <dd data-testid="period-transactions">{formatInt(t.transactions)}</dd>
        </div>
        <div>
          <dt>Revenue</dt>
          <dd data-testid="period-revenue">{formatMoney(t.revenue, sales.currency)}</dd>
        </div>
        <div>
          <dt>Visitors in hours with sales</dt>
          <dd data-testid="period-sales-visitors">{formatInt(t.visitors)}</dd>
        </div>
      </dl>
      <ConversionChart points={sales.points} bucket={bucket} currency={sales.currency} />
      <p className="muted small">
        Conversion rate = transactions ÷ people counted in, over the {formatInt(t.salesHours)} hour{t.salesHours === 1 ? '' : 's'} with sales; “—” where nobody was counted.
      </p>
    </section>
  );
}

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
  const [exporting, setExporting] = useState<'csv' | 'json' | null>(null);
  const cameraName = (id: string | null) => (id ? (cameras?.find((c) => c.cameraId === id)?.name ?? id) : DASH);
  const { bucket, cameraId, fromDay, toDay, compare } = q;
  const day = localDayOf(new Date());

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
  const net = current ? current.totalIn - current.totalOut : null;
  const allZero = current !== null && current.points.every((p) => p.in === 0 && p.out === 0);
  const periodText = fromDay === toDay ? new Date(`${fromDay}T12:00`).toLocaleDateString(undefined, { dateStyle: 'medium' }) : `${new Date(`${fromDay}T12:00`).toLocaleDateString(undefined, { dateStyle: 'medium' })} – ${new Date(`${toDay}T12:00`).toLocaleDateString(undefined, { dateStyle: 'medium' })}`;
  const todayCurrent = today?.current ?? null;

  const runExport = async (format: 'csv' | 'json') => {
    setExporting(format);
    try {
      await download(q, format);
    } finally {
      setExporting(null);
    }
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Dashboard" description="People counted over time, per camera or all, and the latest crossings." actions={<Filters q={q} />} />

      <section className="card today-card" aria-labelledby="today-title">
        <h2 id="today-title">Today</h2>
        <dl className="figures today-figures">
          <div>
            <dt>In</dt>
            <dd className="figure-in" data-testid="today-in">
              {formatInt(todayCurrent?.totalIn)}
            </dd>
          </div>
          <div>
            <dt>Out</dt>
            <dd className="figure-out" data-testid="today-out">
              {formatInt(todayCurrent?.totalOut)}
            </dd>
          </div>
          <div>
            <dt>Net</dt>
            <dd>{formatInt(todayCurrent ? todayCurrent.totalIn - todayCurrent.totalOut : null)}</dd>
          </div>
        </dl>
        {day <= toDay ? <p className="muted small">Updates by itself while cameras count.</p> : null}
      </section>

      <div className="totals" aria-label="Totals for the period">
        <div className="card total">
          <span className="total-label">In</span>
          <span className="total-value figure-in" data-testid="period-in">
            {formatInt(current?.totalIn)}
          </span>
          {compare ? <Change value={series?.change?.in} testId="change-in" /> : null}
        </div>
        <div className="card total">
          <span className="total-label">Out</span>
          <span className="total-value figure-out" data-testid="period-out">
            {formatInt(current?.totalOut)}
          </span>
          {compare ? <Change value={series?.change?.out} testId="change-out" /> : null}
        </div>
        <div className="card total">
          <span className="total-label">Net</span>
          <span className="total-value">{formatInt(net)}</span>
        </div>
      </div>

      <section className="card" aria-labelledby="chart-title">
        <div className="card-title-row">
          <h2 id="chart-title">
            {bucket === 'hour' ? 'People per hour' : 'People per day'}, {periodText}
          </h2>
          <div className="button-row">
            <button type="button" className="button" onClick={() => void runExport('csv')} disabled={exporting !== null}>
              {exporting === 'csv' ? 'Exporting…' : 'Export CSV'}
            </button>
            <button type="button" className="button" onClick={() => void runExport('json')} disabled={exporting !== null}>
              {exporting === 'json' ? 'Exporting…' : 'Export JSON'}
            </button>
          </div>
        </div>
        {current === null ? (
          seriesLoading ? <Loading what="counts" /> : null
        ) : (
          <>
            <CountChart points={current.points} previous={compare ? (series?.previous?.points ?? null) : null} bucket={bucket} />
            {allZero ? <p className="muted small">Nothing was counted in this period. Counts appear once a camera with a counting line is running.</p> : null}
          </>
        )}
      </section>

      <SalesSection sales={sales} bucket={bucket} periodText={periodText} />

      <section className="card" aria-labelledby="recent-title">
        <h2 id="recent-title">Recent events</h2>
        {recent === null ? null : recent.length === 0 ? (
          <EmptyState title="No count events yet">They appear here as soon as someone crosses a camera’s counting line.</EmptyState>
        ) : (
          <DataTable columns={RECENT_COLUMNS}>
            {recent.map((e) => (
              <tr key={e.eventId}>
                <td>{formatDateTime(e.createdAt)}</td>
                <td>{cameraName(e.cameraId)}</td>
                <td>
                  <span className={`direction direction-${e.direction}`}>{e.direction}</span>
                </td>
                <td>{e.trackId ?? DASH}</td>
                <td className="num">{formatInt(e.currentIn)}</td>
                <td className="num">{formatInt(e.currentOut)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </section>
  );
}
