import { useEffect } from 'react';
import { useCameras } from '../../stores/cameras';
import { useLive } from '../../stores/live';
import { DataTable, type Column } from '../data-table';

const COLUMNS: readonly Column[] = ['Camera', 'Running now', 'Chosen'];

/**
 * Which model version each camera runs: "running now" is the version that processed the camera's
 * latest frame (stamped on its live preview), "chosen" is the camera's own pin, else the
 * deployment decides.
 */
export function CameraModels() {
  const cameras = useCameras((s) => s.data);
  const load = useCameras((s) => s.load);
  const previews = useLive((s) => s.previews);
  useEffect(() => void load(), [load]);
  if (!cameras || cameras.length === 0) return null;
  return (
    <section className="card" aria-labelledby="camera-models-title">
      <h2 id="camera-models-title">Cameras and their models</h2>
      <DataTable columns={COLUMNS}>
        {cameras.map((c) => {
          const running = previews[c.cameraId]?.model ?? null;
          return (
            <tr key={c.cameraId}>
              <th scope="row">{c.name}</th>
              <td data-testid={`running-model-${c.cameraId}`}>{running ? `${running.modelId} ${running.versionNumber}` : c.enabled ? 'not running yet' : 'camera disabled'}</td>
              <td>{c.modelId ? `${c.modelId}${c.modelVersion ? ` ${c.modelVersion}` : ''} (pinned)` : 'the deployed model'}</td>
            </tr>
          );
        })}
      </DataTable>
      {cameras.some((c) => c.enabled && !previews[c.cameraId]) ? <p className="muted small">A running camera’s version appears as soon as it sends a picture.</p> : null}
    </section>
  );
}
