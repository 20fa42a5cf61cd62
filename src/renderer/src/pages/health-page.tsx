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
import { t } from '../i18n';
import { routeLabel } from '../router';
import { useCameraHealth, useModelHealth } from '../stores/health';

/** A command typed as is in every language, so not in the catalogue. */
const BENCH_COMMAND = 'npm run bench';

/** The camera table's header, in the language shown. */
function cameraColumns(): readonly Column[] {
  const { common } = t();
  const c = t().health.cameras.columns;
  return [
    common.camera,
    common.state,
    { label: c.inputFps, num: true },
    { label: c.processedFps, num: true },
    { label: c.droppedFrames, num: true },
    { label: c.inference, num: true },
    { label: c.reconnects, num: true },
    c.lastFrame,
  ];
}

export function HealthPage() {
  const cameras = useCameraHealth((s) => s.data);
  const camerasLoading = useCameraHealth((s) => s.loading);
  const loadCameras = useCameraHealth((s) => s.load);
  const models = useModelHealth((s) => s.data);
  const loadModels = useModelHealth((s) => s.load);
  useEffect(() => void loadCameras(), [loadCameras]);
  useEffect(() => void loadModels(), [loadModels]);
  const hasLatency = (models ?? []).some((s) => s.inferenceLatencyMs !== null);
  const m = t().health;

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title={routeLabel('health')} description={m.description} />
      <section className="card" aria-labelledby="camera-health-title">
        <h2 id="camera-health-title">{m.cameras.title}</h2>
        {cameras === null ? (
          camerasLoading ? <Loading what={m.cameras.loading} /> : null
        ) : cameras.length === 0 ? (
          <EmptyState title={m.cameras.empty} />
        ) : (
          <DataTable columns={cameraColumns()}>
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
        <h2 id="model-health-title">{m.latency.title}</h2>
        {models === null ? null : hasLatency ? (
          <LatencyChart samples={models} />
        ) : (
          <EmptyState title={m.latency.empty}>
            {m.latency.emptyHintBefore} <code>{BENCH_COMMAND}</code>
            {m.latency.emptyHintAfter}
          </EmptyState>
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
