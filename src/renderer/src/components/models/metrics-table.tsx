import type { PerformanceMetricDto } from '../../../../shared/dto-models';
import { formatDateTime, formatDecimal, formatPercent } from '../../format';

const SHOWN = 10;

/** Evaluations and benchmarks recorded in model_performance_metrics, newest first. */
export function MetricsTable({ metrics }: { metrics: PerformanceMetricDto[] }) {
  if (metrics.length === 0) return null;
  const rows = [...metrics].sort((a, b) => b.metricTimestamp.localeCompare(a.metricTimestamp)).slice(0, SHOWN);
  return (
    <section className="detail-section" aria-labelledby="metrics-title">
      <h3 id="metrics-title">Measurements</h3>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Version</th>
              <th scope="col" className="num">
                Precision
              </th>
              <th scope="col" className="num">
                Recall
              </th>
              <th scope="col" className="num">
                F1
              </th>
              <th scope="col" className="num">
                Latency (ms)
              </th>
              <th scope="col" className="num">
                Throughput (fps)
              </th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </div>
    </section>
  );
}
