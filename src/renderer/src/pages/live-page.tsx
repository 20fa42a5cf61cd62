import { useEffect } from 'react';
import { getApi } from '../api';
import { t } from '../i18n';
import { routeLabel } from '../router';
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
  const m = t().live.page;
  const cm = t().cameras.page;
  useEffect(() => void load(), [load]);

  useEffect(() => {
    let current = true;
    void getApi()
      .live.snapshot({})
      .then((result) => {
        if (!current) return;
        if (result.ok) applyLiveSnapshot(result.value);
        else reportError(t().live.page.loadingContext, result.error);
      });
    return () => {
      current = false;
    };
  }, [connectedAt]);

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title={routeLabel('live')} description={m.description} />
      {cameras === null ? (
        loading ? <Loading what={cm.loadingWhat} /> : null
      ) : cameras.length === 0 ? (
        <EmptyState title={cm.emptyTitle}>
          {m.emptyBefore}
          <a href={hrefFor('cameras')}>{m.emptyLink}</a>
          {m.emptyAfter}
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
