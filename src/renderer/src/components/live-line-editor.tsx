import { useRef, useState } from 'react';
import type { CameraDto, LineDto, LiveFrameEvent, LivePreviewEvent } from '../../../shared/dto';
import { getApi } from '../api';
import { plainError } from '../plain-errors';
import { useCameras } from '../stores/cameras';
import { lineWarnings } from './line-warnings';
import { handleRadius, VideoOverlay } from './video-overlay';

/** The end point nearest to (x, y) within reach of a finger or a mouse, if any. */
function pick(lines: readonly LineDto[], x: number, y: number, reach: number): { index: number; end: 1 | 2 } | null {
  let best: { index: number; end: 1 | 2; d: number } | null = null;
  lines.forEach((l, index) => {
    for (const end of [1, 2] as const) {
      const d = Math.hypot((end === 1 ? l.x1 : l.x2) - x, (end === 1 ? l.y1 : l.y2) - y);
      if (d <= reach && (!best || d < best.d)) best = { index, end, d };
    }
  });
  return best;
}

/**
 * Counting lines drawn on a real frame of the camera: drag an end point, flip a line's direction
 * (the IN arrow follows), add or remove lines; warnings say when a line can never be crossed.
 * Saved through `cameras:edit` (existing lines keep their id, so their totals go on); the engine
 * restarts the camera on the new geometry within seconds.
 */
export function LiveLineEditor({ camera, preview, frame, onDone }: { camera: CameraDto; preview?: LivePreviewEvent; frame?: LiveFrameEvent; onDone: (message: string) => void }) {
  const [draft, setDraft] = useState<LineDto[]>(() => camera.lines.map((l) => ({ ...l })));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dragging = useRef<{ index: number; end: 1 | 2 } | null>(null);
  const nextId = useRef(-1);
  const width = preview?.width ?? frame?.width ?? camera.frameWidth;
  const height = preview?.height ?? frame?.height ?? camera.frameHeight;
  const warnings = lineWarnings(draft, width, height);

  const onPointer = (kind: 'down' | 'move' | 'up', x: number, y: number) => {
    if (kind === 'down') dragging.current = pick(draft, x, y, handleRadius(width) * 2.5);
    if (kind === 'up') dragging.current = null;
    const d = dragging.current;
    if (!d || kind === 'up') return;
    setDraft((lines) => lines.map((l, i) => (i !== d.index ? l : d.end === 1 ? { ...l, x1: x, y1: y } : { ...l, x2: x, y2: y })));
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    const result = await getApi().cameras.edit({
      cameraId: camera.cameraId,
      lines: draft.map(({ id, name, x1, y1, x2, y2, enabled }) => ({ ...(id > 0 ? { id } : {}), name, x1, y1, x2, y2, enabled })),
    });
    setSaving(false);
    if (!result.ok) {
      setError(plainError(result.error));
      return;
    }
    void useCameras.getState().load();
    onDone('Lines saved: the camera counts on them within seconds.');
  };

  return (
    <div className="line-editor modal-body">
      <VideoOverlay cameraName={camera.name} preview={preview} frame={frame} lines={draft} zones={camera.zones} className="video-overlay-large line-editor-canvas" handles onPointer={onPointer} />
      <p className="muted small">Drag the round end points on the picture. The arrow shows the direction counted as in.</p>
      <ul className="line-editor-list">
        {draft.map((l, i) => (
          <li key={l.id}>
            <span>
              <strong>{l.name}</strong> <code data-testid={`line-${i + 1}-coords`}>{`${l.x1},${l.y1} → ${l.x2},${l.y2}`}</code>
            </span>
            <span className="button-row">
              <button type="button" className="button" onClick={() => setDraft((ls) => ls.map((x, j) => (j === i ? { ...x, x1: x.x2, y1: x.y2, x2: x.x1, y2: x.y1 } : x)))}>
                Flip direction of {l.name}
              </button>
              <button type="button" className="button button-danger-quiet" onClick={() => setDraft((ls) => ls.filter((_, j) => j !== i))}>
                Remove {l.name}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {warnings.length > 0 ? (
        <ul className="line-warnings" role="status" aria-label="Warnings about the lines">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() =>
            setDraft((ls) => [...ls, { id: nextId.current--, name: `line${ls.length + 1}`, x1: Math.round(width / 2), y1: Math.round(height * 0.2), x2: Math.round(width / 2), y2: Math.round(height * 0.8), enabled: true }])
          }
        >
          Add line
        </button>
        <button type="button" className="button button-primary" onClick={() => void save()} disabled={saving}>
          {saving ? 'Saving…' : 'Save lines'}
        </button>
        <button type="button" className="button" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
    </div>
  );
}
