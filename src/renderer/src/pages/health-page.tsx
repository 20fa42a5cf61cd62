import { useEffect } from 'react';
import { DataTable, type Column } from '../components/data-table';
import { EmptyState } from '../components/empty-state';
import { LatencyChart } from '../components/latency-chart';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { StateBadge } from '../components/state-badge';
import { SyncStatusCard } from '../components/sync-status-card';
import { DatabaseHealthCard } from '../components/health/database-health-card';
import { PerformanceChartCard } from '../components/health/performance-chart-card';
import { DriftCard } from '../components/health/drift-card';
import { AuditAccuracyCard } from '../components/health/audit-accuracy-card';
import { CameraUptimeCard } from '../components/health/camera-uptime-card';
import { formatDateTime, formatDecimal, formatInt } from '../format';
import { useCameraHealth, useModelHealth } from '../stores/health';

const COLUMNS: readonly Column[] = [
  'Camera',
  'State',
  { label: 'Input FPS', num: true },
  { label: 'Processed FPS', num: true },
  { label: 'Dropped frames', num: true },
  { label: 'Inference (ms)', num: true },
  { label: 'Reconnects', num: true },
  'Last frame',
];

export function HealthPage() {
  const cameras = useCameraHealth((s) => s.data);
  const camerasLoading = useCameraHealth((s) => s.loading);
  const loadCameras = useCameraHealth((s) => s.load);
  const models = useModelHealth((s) => s.data);
  const loadModels = useModelHealth((s) => s.load);
  useEffect(() => void loadCameras(), [loadCameras]);
  useEffect(() => void loadModels(), [loadModels]);
  const hasLatency = (models ?? []).some((m) => m.inferenceLatencyMs !== null);

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Health" description="Camera connections, frame rates, model latency and the database." />
      <section className="card" aria-labelledby="camera-health-title">
        <h2 id="camera-health-title">Cameras</h2>
        {cameras === null ? (
          camerasLoading ? <Loading what="camera health" /> : null
        ) : cameras.length === 0 ? (
          <EmptyState title="No cameras to watch yet" />
        ) : (
          <DataTable columns={COLUMNS}>
            {cameras.map((c) => (
              <tr key={c.cameraId}>
                <th scope="row">{c.name}</th>
                <td>
                  <StateBadge state={c.state} />
                  {c.reason ? <span className="muted small block">{c.reason}</span> : null}
                </td>
                <td className="num">{formatDecimal(c.inputFps)}</td>
                <td className="num">{formatDecimal(c.processedFps)}</td>
                <td className="num">{formatInt(c.droppedFrames)}</td>
                <td className="num">{formatDecimal(c.inferenceLatencyMs)}</td>
                <td className="num">{formatInt(c.reconnectCount)}</td>
                <td>{formatDateTime(c.lastFrameAt)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section className="card" aria-labelledby="model-health-title">
        <h2 id="model-health-title">Model latency</h2>
        {models === null ? null : hasLatency ? (
          <LatencyChart samples={models} />
        ) : (
          <EmptyState title="No latency measurements yet">They are recorded while cameras run and by <code>npm run bench</code>.</EmptyState>
        )}
      </section>
      <PerformanceChartCard />
      <DriftCard />
      <AuditAccuracyCard />
      <CameraUptimeCard />
      <DatabaseHealthCard />
      <SyncStatusCard />
    </section>
  );
}
