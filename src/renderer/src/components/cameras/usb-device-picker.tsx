import { useId, useState } from 'react';
import type { UsbDeviceDto } from '../../../../shared/dto-cameras';
import { getApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { InlineError } from '../inline-error';

/** Lists the USB cameras this PC sees (`cameras:devices`) and puts the chosen one in the form. */
export function UsbDevicePicker({ value, onPick }: { value: string; onPick: (device: string) => void }) {
  const [devices, setDevices] = useState<UsbDeviceDto[] | null>(null);
  const action = useAction(() => getApi().cameras.devices());
  const selectId = useId();

  async function find() {
    const found = await action.run(undefined);
    if (!found) return;
    setDevices(found);
    const first = found[0];
    if (first && !found.some((d) => d.device === value)) onPick(first.device);
  }

  const chosen = devices?.find((d) => d.device === value);
  return (
    <div className="usb-picker">
      <button type="button" className="button button-small" onClick={() => void find()} disabled={action.pending}>
        {action.pending ? 'Looking for USB cameras…' : devices ? 'Look again' : 'Find USB cameras'}
      </button>
      <InlineError error={action.error} context="Listing USB cameras" />
      {devices === null ? null : devices.length === 0 ? (
        <p className="muted small" role="status">
          No USB camera found on this PC. Plug one in and look again, or type the device.
        </p>
      ) : (
        <div className="field">
          <label htmlFor={selectId}>USB camera</label>
          <select id={selectId} value={chosen ? value : ''} onChange={(e) => onPick(e.target.value)}>
            {chosen ? null : <option value="">Choose a camera…</option>}
            {devices.map((d) => (
              <option key={d.device} value={d.device}>
                {d.name} ({d.device})
              </option>
            ))}
          </select>
          {chosen && chosen.formats.length > 0 ? (
            <p className="field-help">
              Formats: {chosen.formats.map((f) => `${f.format}${f.sizes.length ? ` ${f.sizes.slice(0, 3).join(', ')}${f.sizes.length > 3 ? '…' : ''}` : ''}`).join(' · ')}
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}
