import { useState } from 'react';
import type { RecordingListDto } from '../../../../shared/dto-cameras';
import { getApi } from '../../api';
import { formatInt } from '../../format';
import { localeTag, t } from '../../i18n';
import { useAction } from '../../hooks/use-action';
import { plainError } from '../../plain-errors';
import { InlineError } from '../inline-error';

/** "1.5 GB", "12.0 MB", "3 kB", with the decimal sign of the language shown. */
function sizeWords(bytes: number): string {
  const oneDecimal = new Intl.NumberFormat(localeTag(), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (bytes >= 1e9) return `${oneDecimal.format(bytes / 1e9)} GB`;
  if (bytes >= 1e6) return `${oneDecimal.format(bytes / 1e6)} MB`;
  return `${formatInt(Math.max(1, Math.round(bytes / 1e3)))} kB`;
}

/**
 * Chooses a recording for a recording camera. In the desktop app: the system's own file dialog
 * (through the preload's narrow `dialog.openRecording`). In a browser, where the page cannot see
 * the PC's files: the video files in the recordings folder beside the database (`recordings:list`).
 */
export function RecordingPicker({ onPick }: { onPick: (path: string) => void }) {
  const desktop = window.footfall?.dialog;
  const [list, setList] = useState<RecordingListDto | null>(null);
  const [desktopError, setDesktopError] = useState<string | null>(null);
  const action = useAction(() => getApi().recordings.list());
  const m = t().cameras.recordings;

  if (desktop) {
    return (
      <div className="recording-picker">
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            void desktop.openRecording().then((r) => {
              setDesktopError(r.ok ? null : plainError(r.error));
              if (r.ok && r.value) onPick(r.value.path);
            })
          }
        >
          {m.choose}
        </button>
        {desktopError ? (
          <p className="field-error" role="alert">
            {desktopError}
          </p>
        ) : null}
      </div>
    );
  }

  async function look() {
    const found = await action.run(undefined);
    if (found) setList(found);
  }

  return (
    <div className="recording-picker">
      <button type="button" className="button button-small" onClick={() => void look()} disabled={action.pending} aria-expanded={list !== null}>
        {action.pending ? m.looking : list ? m.lookAgain : m.chooseFromFolder}
      </button>
      <InlineError error={action.error} context={m.listingContext} />
      {list === null ? null : list.files.length === 0 ? (
        <p className="muted small" role="status">
          {list.folder ? m.noneInFolder(list.folder) : m.noFolder}
        </p>
      ) : (
        <>
          <p className="muted small" role="status">
            {m.found(list.files.length, formatInt(list.files.length), list.folder ?? '', list.truncated)}
          </p>
          <ul className="recording-list" aria-label={m.listLabel}>
            {list.files.map((f) => (
              <li key={f.path}>
                <span>
                  <strong>{f.name}</strong> <span className="muted small">{sizeWords(f.sizeBytes)}</span>
                </span>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => {
                    onPick(f.path);
                    setList(null);
                  }}
                >
                  {m.use(f.name)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
