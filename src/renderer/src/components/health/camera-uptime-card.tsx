import { useEffect } from 'react';
import type { CameraUptimeDto } from '../../../../shared/requests-health';
import { DataTable, type Column } from '../data-table';
import { EmptyState } from '../empty-state';
import { formatDateTime, formatInt, formatPercent } from '../../format';
import { createResourceStore } from '../../stores/resource';
import type { Result } from '../../../../shared/result';

interface Uptime {
  day: CameraUptimeDto[];
  week: CameraUptimeDto[];
}

/** `health:uptime` over the last day and the last 7 days, read together. */
const useUptime = createResourceStore<Uptime>('Loading camera uptime', async (api): Promise<Result<Uptime>> => {
  const [day, week] = await Promise.all([api.health.uptime({ days: 1 }), api.health.uptime({ days: 7 })]);
  if (!day.ok) return day;
  if (!week.ok) return week;
  return { ok: true, value: { day: day.value, week: week.value } };
});

/** Samples keep coming while cameras run: re-read now and then while the page is open. */
const REFRESH_MS = 60_000;

const COLUMNS: readonly Column[] = ['Camera', { label: 'Live, last 24 h', num: true }, { label: 'Live, last 7 days', num: true }, { label: 'Samples (7 days)', num: true }, 'Measured since'];

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
  return (
    <section className="card" aria-labelledby="camera-uptime-title">
      <h2 id="camera-uptime-title">Camera uptime</h2>
      {uptime.week.length === 0 ? (
        <EmptyState title="No cameras to measure yet" />
      ) : (
        <DataTable columns={COLUMNS} caption="Share of time each camera was live">
          {uptime.week.map((w) => (
            <tr key={w.cameraId}>
              <th scope="row">{w.name}</th>
              <td className="num">{share(day.get(w.cameraId))}</td>
              <td className="num">{share(w)}</td>
              <td className="num">{formatInt(w.samples)}</td>
              <td>{w.since ? formatDateTime(w.since) : 'no samples yet'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <p className="muted small">
        How it is worked out: while Footfall runs it notes each camera’s state every 15 seconds. Each note counts for the time until the next one (at most a minute), and the
        time live is divided by the time since the period began — or since the camera’s first note, when later. Time with Footfall not running counts as not live.
      </p>
    </section>
  );
}
