import type { CameraDto } from '../../../../shared/dto';
import { getApi } from '../../api';
import { formatInt } from '../../format';
import { t } from '../../i18n';
import { useAction } from '../../hooks/use-action';
import { ConfirmDialog } from '../confirm-dialog';

/** Stops the camera and deletes its settings, lines, zones and stored password. */
export function RemoveCameraDialog({ camera, onDone, onClose }: { camera: CameraDto; onDone: () => void; onClose: () => void }) {
  const action = useAction((cameraId: string) => getApi().cameras.remove({ cameraId }));
  async function confirm() {
    if (await action.run(camera.cameraId)) onDone();
  }
  const m = t().cameras.remove;
  const lines = camera.lines.length;
  const zones = camera.zones.length;
  return (
    <ConfirmDialog
      title={m.title(camera.name)}
      description={m.description(m.countingLines(lines, formatInt(lines)), m.zones(zones, formatInt(zones)))}
      confirmLabel={m.confirm}
      pendingLabel={m.pending}
      danger
      pending={action.pending}
      error={action.error}
      errorContext={m.context}
      onConfirm={() => void confirm()}
      onClose={onClose}
    />
  );
}
