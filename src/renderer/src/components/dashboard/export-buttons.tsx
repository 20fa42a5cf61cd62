import { useState } from 'react';
import { getApi } from '../../api';
import { t } from '../../i18n';
import { reportError } from '../../stores/errors';
import { periodOf, type DashboardQuery } from '../../stores/dashboard';

type Format = 'csv' | 'json';
type ExportState = { kind: 'idle' } | { kind: 'busy'; format: Format } | { kind: 'saved'; filename: string };

/** The engine's file for the shown query (src/engine/db/count-series.ts: the same bytes as `counts export`), handed to the browser; its name, or null when it failed. */
async function download(q: DashboardQuery, format: Format): Promise<string | null> {
  const result = await getApi().counts.export({ ...periodOf(q), resolution: q.bucket, format, ...(q.cameraId ? { cameraId: q.cameraId } : {}) });
  if (!result.ok) {
    reportError(() => t().dashboard.contexts.exporting, result.error);
    return null;
  }
  const url = URL.createObjectURL(new Blob([result.value.content], { type: result.value.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = result.value.filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return result.value.filename;
}

/**
 * Export of the shown data as CSV or JSON. A long period takes a while to aggregate, so while the
 * file is made the button says so and is busy, an indeterminate progress bar runs and a status
 * line (read out by screen readers) says what is being prepared; afterwards it names the file.
 */
export function ExportButtons({ q }: { q: DashboardQuery }) {
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const m = t().dashboard.export;
  const busy = state.kind === 'busy';

  const run = async (format: Format) => {
    setState({ kind: 'busy', format });
    let filename: string | null = null;
    try {
      filename = await download(q, format);
    } finally {
      setState(filename ? { kind: 'saved', filename } : { kind: 'idle' });
    }
  };

  const button = (format: Format) => {
    const mine = busy && state.format === format;
    return (
      <button type="button" className="button" onClick={() => void run(format)} disabled={busy} aria-busy={mine}>
        {mine ? m.exporting : format === 'csv' ? m.csv : m.json}
      </button>
    );
  };

  return (
    <div className="export-controls">
      <div className="button-row">
        {button('csv')}
        {button('json')}
      </div>
      <p className="muted small export-status" role="status" aria-live="polite" data-testid="export-status">
        {state.kind === 'busy' ? (
          <>
            <progress aria-label={m.progress} data-testid="export-progress" /> {m.preparing(state.format.toUpperCase())}
          </>
        ) : state.kind === 'saved' ? (
          m.saved(state.filename)
        ) : null}
      </p>
    </div>
  );
}
