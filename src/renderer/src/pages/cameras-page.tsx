import { useEffect, useMemo, useState } from 'react';
import type { CameraDto, CameraHealthDto } from '../../../shared/dto';
import { getApi } from '../api';
import { t } from '../i18n';
import { CameraFormDialog } from '../components/cameras/camera-form-dialog';
import { CameraTable, type CameraLiveStatus, type RowTest } from '../components/cameras/camera-table';
import { RemoveCameraDialog } from '../components/cameras/remove-camera-dialog';
import { EmptyState } from '../components/empty-state';
import { Loading } from '../components/loading';
import { Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { useCameras, useCameraStatus } from '../stores/cameras';
import { useLive } from '../stores/live';
import { useCanRequest } from '../stores/session';

type Dialog = { kind: 'add' } | { kind: 'edit'; camera: CameraDto } | { kind: 'remove'; camera: CameraDto };

/** Replaces one camera in the loaded list (or appends it) without a reload. */
function putCamera(camera: CameraDto): void {
  useCameras.setState((s) => {
    const rows = s.data ?? [];
    return { data: rows.some((c) => c.cameraId === camera.cameraId) ? rows.map((c) => (c.cameraId === camera.cameraId ? camera : c)) : [...rows, camera] };
  });
}

/** A page banner goes by itself after this long (it is also announced, and can be dismissed). */
const NOTICE_MS = 8000;

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

const newerHealth = (a: CameraHealthDto | undefined, b: CameraHealthDto | undefined): CameraHealthDto | null =>
  !a ? (b ?? null) : !b ? a : (b.sampledAt ?? '') > (a.sampledAt ?? '') ? b : a;

/**
 * Each camera's state, health and model: `cameras:status` when the page opens, then the pushed
 * health of each camera (and the model stamped on its live pictures) as it comes; the status is
 * asked again when a camera changes state (its model is known once it runs).
 */
function useCameraStatuses(): Record<string, CameraLiveStatus> {
  const status = useCameraStatus((s) => s.data);
  const loadStatus = useCameraStatus((s) => s.load);
  const pushed = useLive((s) => s.health);
  const previews = useLive((s) => s.previews);
  useEffect(() => void loadStatus(), [loadStatus]);
  const states = Object.values(pushed)
    .map((h) => `${h.cameraId}:${h.state}`)
    .sort()
    .join(' ');
  useEffect(() => {
    if (!states) return;
    const timer = setTimeout(() => void loadStatus(), 500);
    return () => clearTimeout(timer);
  }, [states, loadStatus]);
  return useMemo(() => {
    const out: Record<string, CameraLiveStatus> = {};
    const ids = new Set([...(status ?? []).map((s) => s.cameraId), ...Object.keys(pushed)]);
    for (const id of ids) {
      const s = status?.find((x) => x.cameraId === id);
      const health = newerHealth(s?.health, pushed[id]);
      const stamped = previews[id]?.model ?? null;
      const running = health && health.state !== 'stopped' ? (stamped ?? s?.running ?? null) : null;
      out[id] = { health, running, chosen: s?.chosen ?? null };
    }
    return out;
  }, [status, pushed, previews]);
}

export function CamerasPage() {
  const cameras = useCameras((s) => s.data);
  const loading = useCameras((s) => s.loading);
  const load = useCameras((s) => s.load);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState('');
  const [tests, setTests] = useState<Record<string, RowTest>>({});
  const canAdd = useCanRequest('cameras:add');
  const statuses = useCameraStatuses();
  const now = useNow(1000);
  const m = t().cameras.page;
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(''), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  async function test(camera: CameraDto) {
    const id = camera.cameraId;
    setTests((t) => ({ ...t, [id]: { pending: true, result: null, error: null } }));
    const result = await getApi().cameras.test({ cameraId: id });
    setTests((t) => ({ ...t, [id]: { pending: false, result: result.ok ? result.value : null, error: result.ok ? null : result.error } }));
  }

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader
        title={m.title}
        description={m.description}
        actions={
          canAdd ? (
            <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'add' })}>
              {m.addCamera}
            </button>
          ) : null
        }
      />
      <Notice message={notice} onDismiss={() => setNotice('')} />
      {cameras === null ? (
        loading ? <Loading what={m.loadingWhat} /> : null
      ) : cameras.length === 0 ? (
        <EmptyState title={m.emptyTitle}>{m.emptyHint}</EmptyState>
      ) : (
        <CameraTable
          cameras={cameras}
          statuses={statuses}
          now={now}
          tests={tests}
          onEdit={(camera) => setDialog({ kind: 'edit', camera })}
          onRemove={(camera) => setDialog({ kind: 'remove', camera })}
          onTest={(camera) => void test(camera)}
          onChanged={(camera) => {
            putCamera(camera);
            void useCameraStatus.getState().load();
            setNotice(camera.enabled ? m.enabled(camera.name) : m.disabled(camera.name));
          }}
        />
      )}
      {dialog?.kind === 'add' || dialog?.kind === 'edit' ? (
        <CameraFormDialog
          camera={dialog.kind === 'edit' ? dialog.camera : null}
          onClose={() => setDialog(null)}
          onDone={(saved) => {
            putCamera(saved);
            void useCameraStatus.getState().load();
            // A test of the old settings says nothing about the new ones.
            setTests(({ [saved.cameraId]: _stale, ...rest }) => rest);
            setNotice(dialog.kind === 'add' ? m.added(saved.name) : m.saved(saved.name));
            setDialog(null);
          }}
        />
      ) : null}
      {dialog?.kind === 'remove' ? (
        <RemoveCameraDialog
          camera={dialog.camera}
          onClose={() => setDialog(null)}
          onDone={() => {
            const { cameraId, name } = dialog.camera;
            useCameras.setState((s) => ({ data: (s.data ?? []).filter((c) => c.cameraId !== cameraId) }));
            setTests(({ [cameraId]: _removed, ...rest }) => rest);
            setNotice(m.removed(name));
            setDialog(null);
          }}
        />
      ) : null}
    </section>
  );
}
