import { useEffect } from 'react';
import type { CameraDto } from '../../../shared/dto';
import { EmptyState } from '../components/empty-state';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { VideoOverlay } from '../components/video-overlay';
import { formatDateTime, formatInt } from '../format';
import { useCameras } from '../stores/cameras';
import { useLive } from '../stores/live';

function CameraTile({ camera }: { camera: CameraDto }) {
  const counts = useLive((s) => s.counts[camera.cameraId]);
  const frame = useLive((s) => s.frames[camera.cameraId]);
  const preview = useLive((s) => s.previews[camera.cameraId]);
  const headingId = `tile-${camera.cameraId}`;
  return (
    <article className="card tile" aria-labelledby={headingId}>
      <header className="tile-header">
        <h2 id={headingId}>{camera.name}</h2>
        <span className="muted">{camera.enabled ? camera.sourceKind.replace('_', ' ') : 'disabled'}</span>
      </header>
      <VideoOverlay cameraName={camera.name} preview={preview} frame={frame} />
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
      <p className="muted small">{counts ? `Updated ${formatDateTime(counts.at)}` : 'No counts yet'}</p>
    </article>
  );
}

export function LivePage() {
  const cameras = useCameras((s) => s.data);
  const loading = useCameras((s) => s.loading);
  const load = useCameras((s) => s.load);
  useEffect(() => void load(), [load]);

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Live" description="People walking in and out, per camera, as it happens." />
      {cameras === null ? (
        loading ? <Loading what="cameras" /> : null
      ) : cameras.length === 0 ? (
        <EmptyState title="No cameras yet">
          Add one from the command line: <code>npm run cli -- cameras add …</code>
        </EmptyState>
      ) : (
        <div className="tile-grid">
          {cameras.map((camera) => (
            <CameraTile key={camera.cameraId} camera={camera} />
          ))}
        </div>
      )}
    </section>
  );
}
