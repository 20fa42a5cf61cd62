import type { CameraDto } from '../../../shared/dto';
import { formatDateTime, formatDecimal, formatInt } from '../format';
import { useLive } from '../stores/live';
import { StateBadge } from './state-badge';
import { VideoOverlay } from './video-overlay';

/** One camera on the Live page: state, picture with tracked boxes, and its running counts. */
export function CameraTile({ camera }: { camera: CameraDto }) {
  const counts = useLive((s) => s.counts[camera.cameraId]);
  const frame = useLive((s) => s.frames[camera.cameraId]);
  const preview = useLive((s) => s.previews[camera.cameraId]);
  const health = useLive((s) => s.health[camera.cameraId]);
  const headingId = `tile-${camera.cameraId}`;
  const state = camera.enabled ? (health?.state ?? 'connecting') : 'stopped';
  const showReason = health?.reason && state !== 'live';

  return (
    <article className="card tile" aria-labelledby={headingId} data-camera-id={camera.cameraId}>
      <header className="tile-header">
        <h2 id={headingId}>{camera.name}</h2>
        <StateBadge state={camera.enabled ? state : 'stopped'} label={camera.enabled ? undefined : 'disabled'} />
      </header>
      {showReason ? <p className="tile-reason small">{health.reason}</p> : null}
      <VideoOverlay cameraName={camera.name} preview={preview} frame={frame} lines={camera.lines} zones={camera.zones} />
      <dl className="figures">
        <div>
          <dt>In</dt>
          <dd className="figure-in">{formatInt(counts?.in)}</dd>
        </div>
        <div>
          <dt>Out</dt>
          <dd className="figure-out">{formatInt(counts?.out)}</dd>
        </div>
        <div>
          <dt>Inside</dt>
          <dd>{formatInt(counts?.occupancy)}</dd>
        </div>
      </dl>
      <p className="muted small tile-foot">
        <span>{counts ? `Updated ${formatDateTime(counts.at)}` : 'No counts yet'}</span>
        {health?.processedFps !== null && health?.processedFps !== undefined ? <span className="nowrap">{formatDecimal(health.processedFps)} fps processed</span> : null}
      </p>
    </article>
  );
}
