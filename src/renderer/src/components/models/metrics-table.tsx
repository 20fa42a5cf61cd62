import type { PerformanceMetricDto } from '../../../../shared/dto-models';
import { formatDateTime, formatDecimal, formatPercent } from '../../format';
import { t } from '../../i18n';
import { DataTable, type Column } from '../data-table';
import { DetailSection } from './detail-section';

const SHOWN = 10;

function columns(): readonly Column[] {
  const m = t().models.metrics;
  return [
    m.when,
    m.version,
    { label: m.precision, num: true },
    { label: m.recall, num: true },
    { label: m.f1, num: true },
    { label: m.latency, num: true },
    { label: m.throughput, num: true },
  ];
}

/** Evaluations and benchmarks recorded in model_performance_metrics, newest first. */
export function MetricsTable({ metrics }: { metrics: PerformanceMetricDto[] }) {
  if (metrics.length === 0) return null;
  const rows = [...metrics].sort((a, b) => b.metricTimestamp.localeCompare(a.metricTimestamp)).slice(0, SHOWN);
  return (
    <DetailSection titleId="metrics-title" title={t().models.metrics.title}>
      <DataTable columns={columns()}>
        {rows.map((m) => (
          <tr key={m.id}>
            <th scope="row">{formatDateTime(m.metricTimestamp)}</th>
            <td>{m.modelVersion}</td>
            <td className="num">{formatPercent(m.precision)}</td>
            <td className="num">{formatPercent(m.recall)}</td>
            <td className="num">{formatPercent(m.f1)}</td>
            <td className="num">{formatDecimal(m.latencyMs)}</td>
            <td className="num">{formatDecimal(m.throughputFps)}</td>
          </tr>
        ))}
      </DataTable>
    </DetailSection>
  );
}
