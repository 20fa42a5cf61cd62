import type { PerformanceMetricDto } from '../../../../shared/dto-models';
import { formatDateTime, formatDecimal, formatPercent } from '../../format';
import { DataTable, type Column } from '../data-table';
import { DetailSection } from './detail-section';

const SHOWN = 10;

const COLUMNS: readonly Column[] = [
  'When',
  'Version',
  { label: 'Precision', num: true },
  { label: 'Recall', num: true },
  { label: 'F1', num: true },
  { label: 'Latency (ms)', num: true },
  { label: 'Throughput (fps)', num: true },
];

/** Evaluations and benchmarks recorded in model_performance_metrics, newest first. */
export function MetricsTable({ metrics }: { metrics: PerformanceMetricDto[] }) {
  if (metrics.length === 0) return null;
  const rows = [...metrics].sort((a, b) => b.metricTimestamp.localeCompare(a.metricTimestamp)).slice(0, SHOWN);
  return (
    <DetailSection titleId="metrics-title" title="Measurements">
      <DataTable columns={COLUMNS}>
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
