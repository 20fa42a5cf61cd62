import { useEffect, useState } from 'react';
import type { CameraDto } from '../../../shared/dto';
import { getApi } from '../api';
import { CameraFormDialog } from '../components/cameras/camera-form-dialog';
import { CameraTable, type RowTest } from '../components/cameras/camera-table';
import { RemoveCameraDialog } from '../components/cameras/remove-camera-dialog';
import { EmptyState } from '../components/empty-state';
import { Loading } from '../components/loading';
import { Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { useCameras } from '../stores/cameras';
import { useCanRequest } from '../stores/session';

type Dialog = { kind: 'add' } | { kind: 'edit'; camera: CameraDto } | { kind: 'remove'; camera: CameraDto };

/** Replaces one camera in the loaded list (or appends it) without a reload. */
function putCamera(camera: CameraDto): void {
  useCameras.setState((s) => {
    const rows = s.data ?? [];
    return { data: rows.some((c) => c.cameraId === camera.cameraId) ? rows.map((c) => (c.cameraId === camera.cameraId ? camera : c)) : [...rows, camera] };
  });
}

export function CamerasPage() {
  const cameras = useCameras((s) => s.data);
  const loading = useCameras((s) => s.loading);
  const load = useCameras((s) => s.load);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState('');
  const [tests, setTests] = useState<Record<string, RowTest>>({});
  const canAdd = useCanRequest('cameras:add');
  useEffect(() => void load(), [load]);

  async function test(camera: CameraDto) {
    const id = camera.cameraId;
    setTests((t) => ({ ...t, [id]: { pending: true, result: null, error: null } }));
    const result = await getApi().cameras.test({ cameraId: id });
    setTests((t) => ({ ...t, [id]: { pending: false, result: result.ok ? result.value : null, error: result.ok ? null : result.error } }));
  }

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader
        title="Cameras"
        description="Sources, processing rate, counting lines and zones. Passwords are stored encrypted and never shown."
        actions={
          canAdd ? (
            <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'add' })}>
              Add camera…
            </button>
          ) : null
        }
      />
      <Notice message={notice} onDismiss={() => setNotice('')} />
      {cameras === null ? (
        loading ? <Loading what="cameras" /> : null
      ) : cameras.length === 0 ? (
        <EmptyState title="No cameras yet">Add an IP camera, a USB camera or a recording with “Add camera…”.</EmptyState>
      ) : (
        <CameraTable
          cameras={cameras}
          tests={tests}
          onEdit={(camera) => setDialog({ kind: 'edit', camera })}
          onRemove={(camera) => setDialog({ kind: 'remove', camera })}
          onTest={(camera) => void test(camera)}
          onChanged={(camera) => {
            putCamera(camera);
            setNotice(`${camera.name} ${camera.enabled ? 'enabled' : 'disabled'}.`);
          }}
        />
      )}
      {dialog?.kind === 'add' || dialog?.kind === 'edit' ? (
        <CameraFormDialog
          camera={dialog.kind === 'edit' ? dialog.camera : null}
          onClose={() => setDialog(null)}
          onDone={(saved) => {
            putCamera(saved);
            // A test of the old settings says nothing about the new ones.
            setTests(({ [saved.cameraId]: _stale, ...rest }) => rest);
            setNotice(`${saved.name} ${dialog.kind === 'add' ? 'added' : 'saved'}.`);
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
            setNotice(`${name} removed.`);
            setDialog(null);
          }}
        />
      ) : null}
    </section>
  );
}
