import { useState } from 'react';
import type { RecordingListDto } from '../../../../shared/dto-cameras';
import { getApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { plainError } from '../../plain-errors';
import { InlineError } from '../inline-error';

function sizeWords(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1e3))} kB`;
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
          Choose a recording…
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
        {action.pending ? 'Looking for recordings…' : list ? 'Look again' : 'Choose from the recordings folder…'}
      </button>
      <InlineError error={action.error} context="Listing the recordings" />
      {list === null ? null : list.files.length === 0 ? (
        <p className="muted small" role="status">
          {list.folder
            ? `No recordings yet. Copy video files (MP4, AVI, MKV, MOV…) into the folder ${list.folder} on the PC that runs Footfall, then look again.`
            : 'This Footfall server has no recordings folder: type the path of the file instead.'}
        </p>
      ) : (
        <>
          <p className="muted small" role="status">
            {list.files.length} recording{list.files.length === 1 ? '' : 's'} in {list.folder}
            {list.truncated ? ' (the first ones only)' : ''}.
          </p>
          <ul className="recording-list" aria-label="Recordings">
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
                  Use {f.name}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
