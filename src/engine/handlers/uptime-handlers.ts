/**
 * `health:uptime` (issue 13, part 6): per camera, the share of time live over the last `days`
 * days, from camera_health_samples (one row per camera every 15 s while the engine runs). Each
 * sample stands for the time until the next one, at most HEALTH_UPTIME_MAX_GAP_S; the time measured
 * starts at the period's start or the camera's first sample in it, whichever is later, so the engine
 * not running counts as not live, and a camera added an hour ago is measured over that hour.
 */
import type { Handlers } from '../../shared/contract';
import { HEALTH_UPTIME_MAX_GAP_S, type CameraUptimeDto, type healthRequests } from '../../shared/requests-health';
import type { EngineContext } from '../wiring/engine-context';

type HealthRequestName = keyof typeof healthRequests;

const DAY_MS = 86_400_000;

interface UptimeRow {
  camera_id: string;
  samples: number;
  first_at: string;
  live_seconds: number | null;
}

export function uptimeHandlers(ctx: Pick<EngineContext, 'db' | 'repos'>, now: () => Date = () => new Date()): Pick<Handlers, HealthRequestName> {
  // Gaps rounded to the millisecond (julianday is a double). LEAD over (camera_id, sampled_at) walks idx_camera_health_samples_camera_sampled.
  const query = ctx.db.prepare(`
    SELECT camera_id, count(*) AS samples, min(sampled_at) AS first_at,
      sum(CASE WHEN state = 'live' THEN min(max(gap, 0), @cap) ELSE 0 END) AS live_seconds
    FROM (
      SELECT camera_id, state, sampled_at,
        round((julianday(coalesce(lead(sampled_at) OVER (PARTITION BY camera_id ORDER BY sampled_at, id), @to)) - julianday(sampled_at)) * 86400000.0) / 1000.0 AS gap
      FROM camera_health_samples WHERE sampled_at >= @from AND sampled_at < @to
    )
    GROUP BY camera_id`);
  return {
    'health:uptime': ({ days }) => {
      const end = now();
      const start = new Date(end.getTime() - days * DAY_MS);
      const rows = new Map(
        (query.all({ from: start.toISOString(), to: end.toISOString(), cap: HEALTH_UPTIME_MAX_GAP_S }) as UptimeRow[]).map((r) => [r.camera_id, r]),
      );
      return ctx.repos.cameras.list().map((c): CameraUptimeDto => {
        const r = rows.get(c.cameraId);
        if (!r) return { cameraId: c.cameraId, name: c.name, liveShare: null, samples: 0, liveSeconds: 0, since: null };
        const sinceMs = Math.max(start.getTime(), new Date(r.first_at).getTime());
        const period = (end.getTime() - sinceMs) / 1000;
        const live = Math.round((r.live_seconds ?? 0) * 1000) / 1000;
        const share = period > 0 ? Math.min(1, Math.max(0, live / period)) : null;
        return { cameraId: c.cameraId, name: c.name, liveShare: share, samples: r.samples, liveSeconds: live, since: new Date(sinceMs).toISOString() };
      });
    },
  };
}
