import { useEffect } from 'react';
import type { CameraUptimeDto } from '../../../../shared/requests-health';
import { DataTable, type Column } from '../data-table';
import { EmptyState } from '../empty-state';
import { formatDateTime, formatInt, formatPercent } from '../../format';
import { t } from '../../i18n';
import { createResourceStore } from '../../stores/resource';
import type { Result } from '../../../../shared/result';

interface Uptime {
  day: CameraUptimeDto[];
  week: CameraUptimeDto[];
}

/** `health:uptime` over the last day and the last 7 days, read together. */
const useUptime = createResourceStore<Uptime>(() => t().health.contexts.uptime, async (api): Promise<Result<Uptime>> => {
  const [day, week] = await Promise.all([api.health.uptime({ days: 1 }), api.health.uptime({ days: 7 })]);
  if (!day.ok) return day;
  if (!week.ok) return week;
  return { ok: true, value: { day: day.value, week: week.value } };
});

/** Samples keep coming while cameras run: re-read now and then while the page is open. */
const REFRESH_MS = 60_000;

function columns(): readonly Column[] {
  const c = t().health.uptime.columns;
  return [t().common.camera, { label: c.day, num: true }, { label: c.week, num: true }, { label: c.samples, num: true }, c.since];
}

const share = (u: CameraUptimeDto | undefined): string => (u?.liveShare === null || u?.liveShare === undefined ? '—' : formatPercent(u.liveShare * 100));

/** Health → Camera uptime (issue 13, part 6): the share of time each camera was live. */
export function CameraUptimeCard() {
  const uptime = useUptime((s) => s.data);
  const load = useUptime((s) => s.load);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  if (uptime === null) return null;
  const day = new Map(uptime.day.map((u) => [u.cameraId, u]));
  const m = t().health.uptime;
  return (
    <section className="card" aria-labelledby="camera-uptime-title">
      <h2 id="camera-uptime-title">{m.title}</h2>
      {uptime.week.length === 0 ? (
        <EmptyState title={m.empty} />
      ) : (
        <DataTable columns={columns()} caption={m.caption}>
          {uptime.week.map((w) => (
            <tr key={w.cameraId}>
              <th scope="row">{w.name}</th>
              <td className="num">{share(day.get(w.cameraId))}</td>
              <td className="num">{share(w)}</td>
              <td className="num">{formatInt(w.samples)}</td>
              <td>{w.since ? formatDateTime(w.since) : m.noSamples}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <p className="muted small">{m.explanation}</p>
    </section>
  );
}
