import { useId, useState } from 'react';
import type { UsbDeviceDto } from '../../../../shared/dto-cameras';
import { getApi } from '../../api';
import { t } from '../../i18n';
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
  const m = t().cameras.usb;
  return (
    <div className="usb-picker">
      <button type="button" className="button button-small" onClick={() => void find()} disabled={action.pending}>
        {action.pending ? m.looking : devices ? m.lookAgain : m.find}
      </button>
      <InlineError error={action.error} context={m.listingContext} />
      {devices === null ? null : devices.length === 0 ? (
        <p className="muted small" role="status">
          {m.none}
        </p>
      ) : (
        <div className="field">
          <label htmlFor={selectId}>{m.label}</label>
          <select id={selectId} value={chosen ? value : ''} onChange={(e) => onPick(e.target.value)}>
            {chosen ? null : <option value="">{m.choose}</option>}
            {devices.map((d) => (
              <option key={d.device} value={d.device}>
                {d.name} ({d.device})
              </option>
            ))}
          </select>
          {chosen && chosen.formats.length > 0 ? (
            <p className="field-help">
              {m.formats(chosen.formats.map((f) => `${f.format}${f.sizes.length ? ` ${f.sizes.slice(0, 3).join(', ')}${f.sizes.length > 3 ? '…' : ''}` : ''}`).join(' · '))}
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}
