import { useState } from 'react';
import type { CameraDto, LiveFrameEvent, LivePreviewEvent } from '../../../shared/dto';
import { getApi } from '../api';
import { t } from '../i18n';
import { plainError } from '../plain-errors';
import { useCameras } from '../stores/cameras';
import { GeometryEditor } from './cameras/geometry-editor';
import type { Drawing, DrawLine, DrawZone } from './cameras/geometry';
import { VideoOverlay } from './video-overlay';

const storedKey = (id: number): string => `id-${id}`;
const storedId = (key: string): number | undefined => (/^id-\d+$/.test(key) ? Number(key.slice(3)) : undefined);

function drawingOf(camera: CameraDto): Drawing {
  return {
    lines: camera.lines.map((l): DrawLine => ({ key: storedKey(l.id), name: l.name, x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2 })),
    zones: camera.zones.map((z): DrawZone => ({ key: storedKey(z.id), name: z.name, points: z.polygon })),
  };
}

/**
 * Counting lines and zones drawn on the camera's live picture (the shared GeometryEditor): drag
 * end points and corners, flip a line's direction (the IN arrow follows), add or delete lines,
 * zones and corners; warnings say when a line can never be crossed. Saved through `cameras:edit`
 * (stored lines and zones keep their ids, so their totals go on); the engine restarts the camera
 * on the new geometry within seconds.
 */
export function LiveLineEditor({ camera, preview, frame, onDone }: { camera: CameraDto; preview?: LivePreviewEvent; frame?: LiveFrameEvent; onDone: (message: string) => void }) {
  const [draft, setDraft] = useState<Drawing>(() => drawingOf(camera));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const width = preview?.width ?? frame?.width ?? (camera.frameWidth || 640);
  const height = preview?.height ?? frame?.height ?? (camera.frameHeight || 360);
  const enabled = new Map(camera.lines.map((l) => [l.id, l.enabled]));

  const save = async () => {
    setSaving(true);
    setError(null);
    const result = await getApi().cameras.edit({
      cameraId: camera.cameraId,
      lines: draft.lines.map((l) => {
        const id = storedId(l.key);
        return { ...(id !== undefined ? { id, enabled: enabled.get(id) ?? true } : {}), name: l.name, x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2 };
      }),
      zones: draft.zones.map((z) => {
        const id = storedId(z.key);
        return { ...(id !== undefined ? { id } : {}), name: z.name, polygon: z.points.map(([x, y]) => [x, y] as [number, number]) };
      }),
    });
    setSaving(false);
    if (!result.ok) {
      setError(plainError(result.error));
      return;
    }
    void useCameras.getState().load();
    onDone(t().live.lineEditor.saved);
  };

  const m = t().live.lineEditor;
  return (
    <div className="line-editor modal-body">
      <GeometryEditor
        label={t().cameras.picture.of(camera.name)}
        width={width}
        height={height}
        drawing={draft}
        onChange={setDraft}
        background={<VideoOverlay cameraName={camera.name} preview={preview} frame={frame} className="line-editor-canvas" />}
      />
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => void save()} disabled={saving}>
          {saving ? m.saving : m.save}
        </button>
        <button type="button" className="button" onClick={() => onDone('')}>
          {m.cancel}
        </button>
      </div>
    </div>
  );
}
