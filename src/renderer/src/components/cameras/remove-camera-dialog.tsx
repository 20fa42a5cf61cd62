import type { CameraDto } from '../../../../shared/dto';
import { getApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { ConfirmDialog } from '../confirm-dialog';

/** Stops the camera and deletes its settings, lines, zones and stored password. */
export function RemoveCameraDialog({ camera, onDone, onClose }: { camera: CameraDto; onDone: () => void; onClose: () => void }) {
  const action = useAction((cameraId: string) => getApi().cameras.remove({ cameraId }));
  async function confirm() {
    if (await action.run(camera.cameraId)) onDone();
  }
  return (
    <ConfirmDialog
      title={`Remove ${camera.name}?`}
      description={
        <>
          The camera stops, and its address, password, {camera.lines.length} counting line{camera.lines.length === 1 ? '' : 's'} and{' '}
          {camera.zones.length} zone{camera.zones.length === 1 ? '' : 's'} are deleted. This cannot be undone.
        </>
      }
      confirmLabel="Remove camera"
      pendingLabel="Removing…"
      danger
      pending={action.pending}
      error={action.error}
      errorContext="Removing the camera"
      onConfirm={() => void confirm()}
      onClose={onClose}
    />
  );
}
