import { useEffect } from 'react';
import { getApi } from '../api';
import { CameraTile } from '../components/camera-tile';
import { EmptyState } from '../components/empty-state';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { hrefFor } from '../router';
import { useCameras } from '../stores/cameras';
import { reportError } from '../stores/errors';
import { applyLiveSnapshot, useLive } from '../stores/live';

export function LivePage() {
  const cameras = useCameras((s) => s.data);
  const loading = useCameras((s) => s.loading);
  const load = useCameras((s) => s.load);
  // Set again when the event socket reconnects: what happened meanwhile comes from a new snapshot.
  const connectedAt = useLive((s) => (s.engine?.state === 'running' ? s.engine.at : null));
  useEffect(() => void load(), [load]);

  useEffect(() => {
    let current = true;
    void getApi()
      .live.snapshot({})
      .then((result) => {
        if (!current) return;
        if (result.ok) applyLiveSnapshot(result.value);
        else reportError('Loading live state', result.error);
      });
    return () => {
      current = false;
    };
  }, [connectedAt]);

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Live" description="People walking in and out, per camera, as it happens." />
      {cameras === null ? (
        loading ? <Loading what="cameras" /> : null
      ) : cameras.length === 0 ? (
        <EmptyState title="No cameras yet">
          Add one on the <a href={hrefFor('cameras')}>Cameras</a> page.
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
