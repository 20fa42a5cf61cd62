import { useEffect } from 'react';
import type { CameraDto } from '../../../../shared/dto';
import type { DeploymentDto } from '../../../../shared/dto-models';
import { t } from '../../i18n';
import { useCameras } from '../../stores/cameras';
import { useLive } from '../../stores/live';
import { useDeployments } from '../../stores/models-lineage';
import { DataTable } from '../data-table';

/** The version a camera should run and why: its pin, else its canary, its own production, every camera's production (the engine's rule). */
export function chosenModel(c: CameraDto, deployments: DeploymentDto[] | null): string {
  const m = t().models.cameras;
  if (c.modelId) return m.chosenOnCamera(`${c.modelId}${c.modelVersion ? ` ${c.modelVersion}` : m.newestVersion}`);
  if (!deployments) return m.deployedModel;
  const find = (cameraId: string | null, role: DeploymentDto['role']) =>
    deployments.find((d) => d.cameraId === cameraId && d.role === role && d.modelType === 'detection');
  const canary = find(c.cameraId, 'canary');
  if (canary) return m.canaryHere(`${canary.modelId} ${canary.versionNumber}`);
  const own = find(c.cameraId, 'production');
  if (own) return m.productionHere(`${own.modelId} ${own.versionNumber}`);
  const site = find(null, 'production');
  return site ? m.productionEverywhere(`${site.modelId} ${site.versionNumber}`) : m.bundledDefault;
}

/**
 * Which model version each camera runs: "running now" is the version that processed the camera's
 * latest frame (stamped on its live preview), "chosen" is the camera's own pin, else what the
 * deployments give it.
 */
export function CameraModels() {
  const cameras = useCameras((s) => s.data);
  const load = useCameras((s) => s.load);
  const deployments = useDeployments((s) => s.data);
  const loadDeployments = useDeployments((s) => s.load);
  const previews = useLive((s) => s.previews);
  useEffect(() => void load(), [load]);
  useEffect(() => void loadDeployments(), [loadDeployments]);
  if (!cameras || cameras.length === 0) return null;
  const m = t().models.cameras;
  return (
    <section className="card" aria-labelledby="camera-models-title">
      <h2 id="camera-models-title">{m.title}</h2>
      <DataTable columns={[m.camera, m.runningNow, m.chosen]}>
        {cameras.map((c) => {
          const running = previews[c.cameraId]?.model ?? null;
          return (
            <tr key={c.cameraId}>
              <th scope="row">{c.name}</th>
              <td data-testid={`running-model-${c.cameraId}`}>{running ? `${running.modelId} ${running.versionNumber}` : c.enabled ? m.notRunningYet : m.cameraDisabled}</td>
              <td data-testid={`chosen-model-${c.cameraId}`}>{chosenModel(c, deployments)}</td>
            </tr>
          );
        })}
      </DataTable>
      {cameras.some((c) => c.enabled && !previews[c.cameraId]) ? <p className="muted small">{m.appearsSoon}</p> : null}
    </section>
  );
}
