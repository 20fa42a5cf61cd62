import { useState } from 'react';
import type { CameraDto } from '../../../../shared/dto';
import { getApi } from '../../api';
import { t } from '../../i18n';
import { reportError } from '../../stores/errors';
import { useCanRequest } from '../../stores/session';

/** Starts or stops a camera at once (`cameras:setEnabled`); a refusal goes to the banner. */
export function EnabledSwitch({ camera, onChanged }: { camera: CameraDto; onChanged: (camera: CameraDto) => void }) {
  const [pending, setPending] = useState(false);
  const allowed = useCanRequest('cameras:setEnabled');

  async function toggle() {
    const enabled = !camera.enabled;
    setPending(true);
    const result = await getApi().cameras.setEnabled({ cameraId: camera.cameraId, enabled });
    setPending(false);
    // The error goes to the banner: a table cell has no room for a message.
    if (result.ok) onChanged(result.value);
    else reportError(enabled ? t().cameras.switch.enabling(camera.name) : t().cameras.switch.disabling(camera.name), result.error);
  }

  return (
    <button
      type="button"
      role="switch"
      aria-checked={camera.enabled}
      aria-label={t().cameras.switch.label(camera.name)}
      className="switch"
      disabled={pending || !allowed}
      onClick={() => void toggle()}
    >
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      <span className="switch-text" aria-hidden="true">
        {camera.enabled ? t().common.on : t().common.off}
      </span>
    </button>
  );
}
