import { t } from '../../i18n';
import { useCameras } from '../../stores/cameras';
import { daysBefore, localDayOf, useDashboardQuery, type Bucket, type DashboardQuery } from '../../stores/dashboard';

/** Camera, date range, slot size, comparison and quick periods; every change goes to the URL (stores/dashboard.ts). */
export function DashboardFilters({ q }: { q: DashboardQuery }) {
  const set = useDashboardQuery((s) => s.set);
  const cameras = useCameras((s) => s.data) ?? [];
  const m = t().dashboard.filters;
  const common = t().common;
  const today = localDayOf(new Date());
  const preset = (days: number, bucket: Bucket) => set({ fromDay: daysBefore(today, days - 1), toDay: today, bucket });
  return (
    <div className="filters dashboard-filters">
      <label>
        {common.camera}
        <select value={q.cameraId ?? ''} onChange={(e) => set({ cameraId: e.target.value || null })}>
          <option value="">{common.allCameras}</option>
          {cameras.map((c) => (
            <option key={c.cameraId} value={c.cameraId}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {common.from}
        <input type="date" value={q.fromDay} max={q.toDay} onChange={(e) => e.target.value && set({ fromDay: e.target.value })} />
      </label>
      <label>
        {common.to}
        <input type="date" value={q.toDay} min={q.fromDay} onChange={(e) => e.target.value && set({ toDay: e.target.value })} />
      </label>
      <label>
        {m.per}
        <select value={q.bucket} onChange={(e) => set({ bucket: e.target.value as Bucket })}>
          <option value="hour">{m.hour}</option>
          <option value="day">{m.day}</option>
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={q.compare} onChange={(e) => set({ compare: e.target.checked })} />
        {m.compare}
      </label>
      <div className="button-row" role="group" aria-label={m.quickPeriods}>
        <button type="button" className="button" onClick={() => preset(1, 'hour')}>
          {common.today}
        </button>
        <button type="button" className="button" onClick={() => preset(7, 'day')}>
          {m.last7Days}
        </button>
        <button type="button" className="button" onClick={() => preset(30, 'day')}>
          {m.last30Days}
        </button>
      </div>
    </div>
  );
}
