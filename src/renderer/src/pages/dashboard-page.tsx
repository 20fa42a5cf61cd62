import { useEffect } from 'react';
import { CountChart } from '../components/count-chart';
import { DataTable, type Column } from '../components/data-table';
import { EmptyState } from '../components/empty-state';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { DASH, formatDateTime, formatInt } from '../format';
import { useCameras } from '../stores/cameras';
import { useCountSummary, useDashboardQuery, useRecentEvents, type Bucket } from '../stores/dashboard';

const RECENT_COLUMNS: readonly Column[] = ['Time', 'Camera', 'Direction', 'Track', { label: 'In so far', num: true }, { label: 'Out so far', num: true }];

function Filters() {
  const { bucket, cameraId, setBucket, setCamera } = useDashboardQuery();
  const cameras = useCameras((s) => s.data) ?? [];
  return (
    <div className="filters">
      <label>
        Period
        <select value={bucket} onChange={(e) => setBucket(e.target.value as Bucket)}>
          <option value="hour">Last 24 hours, by hour</option>
          <option value="day">Last 30 days, by day</option>
        </select>
      </label>
      <label>
        Camera
        <select value={cameraId ?? ''} onChange={(e) => setCamera(e.target.value || null)}>
          <option value="">All cameras</option>
          {cameras.map((c) => (
            <option key={c.cameraId} value={c.cameraId}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

export function DashboardPage() {
  const bucket = useDashboardQuery((s) => s.bucket);
  const cameraId = useDashboardQuery((s) => s.cameraId);
  const summary = useCountSummary((s) => s.data);
  const summaryLoading = useCountSummary((s) => s.loading);
  const loadSummary = useCountSummary((s) => s.load);
  const recent = useRecentEvents((s) => s.data);
  const loadRecent = useRecentEvents((s) => s.load);
  const loadCameras = useCameras((s) => s.load);
  const cameras = useCameras((s) => s.data);
  const cameraName = (id: string | null) => (id ? (cameras?.find((c) => c.cameraId === id)?.name ?? id) : DASH);

  useEffect(() => void loadCameras(), [loadCameras]);
  useEffect(() => {
    void loadSummary({ bucket, cameraId });
    void loadRecent({ bucket, cameraId });
  }, [bucket, cameraId, loadSummary, loadRecent]);

  const net = summary ? summary.totalIn - summary.totalOut : null;
  const hasCounts = summary !== null && summary.buckets.some((b) => b.in > 0 || b.out > 0);

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Dashboard" description="Counts over time and the latest crossings." actions={<Filters />} />
      <div className="totals" aria-label="Totals for the period">
        <div className="card total">
          <span className="total-label">In</span>
          <span className="total-value figure-in">{formatInt(summary?.totalIn)}</span>
        </div>
        <div className="card total">
          <span className="total-label">Out</span>
          <span className="total-value figure-out">{formatInt(summary?.totalOut)}</span>
        </div>
        <div className="card total">
          <span className="total-label">Net</span>
          <span className="total-value">{formatInt(net)}</span>
        </div>
      </div>

      <section className="card" aria-labelledby="chart-title">
        <h2 id="chart-title">{bucket === 'hour' ? 'People per hour' : 'People per day'}</h2>
        {summary === null ? (
          summaryLoading ? <Loading what="counts" /> : null
        ) : hasCounts ? (
          <CountChart buckets={summary.buckets} bucket={bucket} />
        ) : (
          <EmptyState title="No counts in this period">Counts appear here once a camera with a counting line is running.</EmptyState>
        )}
      </section>

      <section className="card" aria-labelledby="recent-title">
        <h2 id="recent-title">Recent events</h2>
        {recent === null ? null : recent.length === 0 ? (
          <EmptyState title="No count events yet" />
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
