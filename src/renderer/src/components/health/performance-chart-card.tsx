import { useEffect, useMemo, useRef, useState } from 'react';
import type { PerformanceSeriesDto, PerformanceSeriesReplyDto } from '../../../../shared/requests-performance';
import { Chart } from '../chart-setup';
import { EmptyState } from '../empty-state';
import { Loading } from '../loading';
import { formatDateTimeSeconds, formatDecimal } from '../../format';
import { createResourceStore } from '../../stores/resource';

const PALETTE = ['#1d4ed8', '#0f766e', '#b45309', '#7c3aed', '#be123c', '#334155'];

const RANGES = [
  { hours: 1, label: 'Last hour' },
  { hours: 24, label: 'Last 24 hours' },
  { hours: 24 * 7, label: 'Last 7 days' },
] as const;

/** Re-read while the page is open: the sampler adds a point per camera every interval. */
const REFRESH_MIN_MS = 5_000;
const REFRESH_MAX_MS = 60_000;

/** `performance:series` over the last `hours` (issue 13, live performance). */
export const usePerformanceSeries = createResourceStore<PerformanceSeriesReplyDto, { hours: number }>('Loading live performance', (api, { hours }) =>
  api.performance.series({ from: new Date(Date.now() - hours * 3600_000).toISOString() }),
);

const seriesName = (s: PerformanceSeriesDto): string => `${s.cameraName} · ${s.ref}`;

const timeLabel = (iso: string, hours: number): string =>
  new Date(iso).toLocaleString(undefined, hours > 24 ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit', second: '2-digit' });

interface Axis {
  labels: string[];
  index: Map<string, number>;
}

function timeAxis(series: readonly PerformanceSeriesDto[]): Axis {
  const labels = [...new Set(series.flatMap((s) => s.points.map((p) => p.at)))].sort();
  return { labels, index: new Map(labels.map((t, i) => [t, i])) };
}

/** One line chart over the shared time axis; `lines` says which datasets each series gives. */
function SeriesChart({
  axis,
  hours,
  unit,
  label,
  datasets,
}: {
  axis: Axis;
  hours: number;
  unit: string;
  label: string;
  datasets: Array<{ label: string; color: string; dashed?: boolean; values: Array<[string, number | null]> }>;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line'> | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: 'line',
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        spanGaps: true,
        scales: { y: { beginAtZero: true, title: { display: true, text: unit } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [unit]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = axis.labels.map((t) => timeLabel(t, hours));
    c.data.datasets = datasets.map((d) => {
      const data: Array<number | null> = axis.labels.map(() => null);
      for (const [at, v] of d.values) data[axis.index.get(at) ?? 0] = v;
      return { label: d.label, data, borderColor: d.color, backgroundColor: d.color, borderDash: d.dashed ? [6, 4] : [], pointRadius: 2 };
    });
    c.update();
  }, [axis, hours, datasets]);

  const points = datasets.reduce((n, d) => n + d.values.filter(([, v]) => v !== null).length, 0);
  return (
    <figure className="chart" data-points={points}>
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={label} />
      </div>
    </figure>
  );
}

/**
 * Health → Live performance: the sampler's latency (p50 and p95 of the model's inference time)
 * and processed frames per second over time, one line per camera and model version, from
 * model_performance_metrics. The last 24 hours unless another range is chosen; the figures are
 * also in a table for screen readers and copying.
 */
export function PerformanceChartCard() {
  const [hours, setHours] = useState<number>(24);
  const reply = usePerformanceSeries((s) => s.data);
  const loading = usePerformanceSeries((s) => s.loading);
  const load = usePerformanceSeries((s) => s.load);
  const intervalS = reply?.intervalS ?? 60;

  useEffect(() => {
    void load({ hours });
    const every = Math.min(REFRESH_MAX_MS, Math.max(REFRESH_MIN_MS, intervalS * 1000));
    const timer = setInterval(() => void load({ hours }), every);
    return () => clearInterval(timer);
  }, [load, hours, intervalS]);

  const series = useMemo(() => reply?.series ?? [], [reply]);
  const axis = useMemo(() => timeAxis(series), [series]);
  const latency = useMemo(
    () =>
      series.flatMap((s, i) => {
        const color = PALETTE[i % PALETTE.length]!;
        return [
          { label: `${seriesName(s)} p50`, color, values: s.points.map((p): [string, number | null] => [p.at, p.latencyP50Ms]) },
          { label: `${seriesName(s)} p95`, color, dashed: true, values: s.points.map((p): [string, number | null] => [p.at, p.latencyP95Ms]) },
        ];
      }),
    [series],
  );
  const throughput = useMemo(
    () => series.map((s, i) => ({ label: seriesName(s), color: PALETTE[i % PALETTE.length]!, values: s.points.map((p): [string, number | null] => [p.at, p.throughputFps]) })),
    [series],
  );
  const total = series.reduce((n, s) => n + s.points.length, 0);

  return (
    <section className="card" aria-labelledby="live-performance-title" data-samples={total}>
      <h2 id="live-performance-title">Live performance</h2>
      <div className="filters">
        <label>
          Period
          <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {RANGES.map((r) => (
              <option key={r.hours} value={r.hours}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {reply === null ? (
        loading ? <Loading what="live performance" /> : null
      ) : total === 0 ? (
        <EmptyState title="No live performance samples in this period">
          While a camera counts, its model&apos;s latency and frame rate are recorded every {formatDecimal(intervalS)} seconds (Settings). Nothing is recorded for a camera that
          processes no frames.
        </EmptyState>
      ) : (
        <>
          <h3>Model latency (ms per frame: solid p50, dashed p95)</h3>
          <SeriesChart axis={axis} hours={hours} unit="ms" label="Line chart of model latency, median and 95th percentile, per camera and model version over time" datasets={latency} />
          <h3>Processed frames per second</h3>
          <SeriesChart axis={axis} hours={hours} unit="fps" label="Line chart of processed frames per second per camera and model version over time" datasets={throughput} />
          <details>
            <summary>Latest samples as a table</summary>
            <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Latest live performance sample per camera and model version</caption>
              <thead>
                <tr>
                  <th scope="col">Camera</th>
                  <th scope="col">Model version</th>
                  <th scope="col">Sampled</th>
                  <th scope="col" className="num">p50 (ms)</th>
                  <th scope="col" className="num">p95 (ms)</th>
                  <th scope="col" className="num">Frames per second</th>
                  <th scope="col" className="num">Dropped frames</th>
                  <th scope="col" className="num">CPU (%)</th>
                  <th scope="col" className="num">Memory (MB)</th>
                  <th scope="col" className="num">GPU (%)</th>
                  <th scope="col" className="num">Samples</th>
                </tr>
              </thead>
              <tbody>
                {series.map((s) => {
                  const p = s.points[s.points.length - 1]!;
                  return (
                    <tr key={`${s.cameraId} ${s.ref}`}>
                      <th scope="row">{s.cameraName}</th>
                      <td>{s.ref}</td>
                      <td>{formatDateTimeSeconds(p.at)}</td>
                      <td className="num">{formatDecimal(p.latencyP50Ms)}</td>
                      <td className="num">{formatDecimal(p.latencyP95Ms)}</td>
                      <td className="num">{formatDecimal(p.throughputFps)}</td>
                      <td className="num">{p.framesDropped ?? '—'}</td>
                      <td className="num">{formatDecimal(p.cpuPercent)}</td>
                      <td className="num">{formatDecimal(p.memoryMb)}</td>
                      <td className="num">{s.provider === 'cuda' ? formatDecimal(p.gpuPercent) : 'not used'}</td>
                      <td className="num">{s.points.length}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
