import { useEffect, useMemo, useRef, useState } from 'react';
import type { PerformanceSeriesDto, PerformanceSeriesReplyDto } from '../../../../shared/requests-performance';
import { Chart } from '../chart-setup';
import { EmptyState } from '../empty-state';
import { Loading } from '../loading';
import { formatDateTimeSeconds, formatDecimal, formatInt } from '../../format';
import { localeTag, t } from '../../i18n';
import { createResourceStore } from '../../stores/resource';
import { TableScroll } from '../table-scroll';

const PALETTE = ['#1d4ed8', '#0f766e', '#b45309', '#7c3aed', '#be123c', '#334155'];

/** The periods to choose from; `range` names the words in health.performance.ranges. */
const RANGES = [
  { hours: 1, range: 'hour' },
  { hours: 24, range: 'day' },
  { hours: 24 * 7, range: 'week' },
] as const;

/** Re-read while the page is open: the sampler adds a point per camera every interval. */
const REFRESH_MIN_MS = 5_000;
const REFRESH_MAX_MS = 60_000;

/** `performance:series` over the last `hours` (issue 13, live performance). */
export const usePerformanceSeries = createResourceStore<PerformanceSeriesReplyDto, { hours: number }>(() => t().health.contexts.performance, (api, { hours }) =>
  api.performance.series({ from: new Date(Date.now() - hours * 3600_000).toISOString() }),
);

const seriesName = (s: PerformanceSeriesDto): string => `${s.cameraName} · ${s.ref}`;

/** The axis's time format: with the day over more than a day, with seconds within one. */
const timeFormat = (hours: number): Intl.DateTimeFormat =>
  new Intl.DateTimeFormat(localeTag(), hours > 24 ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit', second: '2-digit' });

interface Axis {
  labels: string[];
  index: Map<string, number>;
}

function timeAxis(series: readonly PerformanceSeriesDto[]): Axis {
  const labels = [...new Set(series.flatMap((s) => s.points.map((p) => p.at)))].sort();
  return { labels, index: new Map(labels.map((at, i) => [at, i])) };
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
    const time = timeFormat(hours);
    c.data.labels = axis.labels.map((at) => time.format(new Date(at)));
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
  const m = t().health.performance;
  const { common } = t();

  return (
    <section className="card" aria-labelledby="live-performance-title" data-samples={total}>
      <h2 id="live-performance-title">{m.title}</h2>
      <div className="filters">
        <label>
          {m.period}
          <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {RANGES.map((r) => (
              <option key={r.hours} value={r.hours}>
                {m.ranges[r.range]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {reply === null ? (
        loading ? <Loading what={m.loading} /> : null
      ) : total === 0 ? (
        <EmptyState title={m.empty}>{m.emptyHint(t().health.units.seconds(intervalS, formatDecimal(intervalS)))}</EmptyState>
      ) : (
        <>
          <h3>{m.latencyTitle}</h3>
          <SeriesChart axis={axis} hours={hours} unit={m.axisMs} label={m.latencyChartLabel} datasets={latency} />
          <h3>{m.throughputTitle}</h3>
          <SeriesChart axis={axis} hours={hours} unit={m.axisFps} label={m.throughputChartLabel} datasets={throughput} />
          <details>
            <summary>{m.tableSummary}</summary>
            <TableScroll label={m.tableCaption}>
            <table className="data-table">
              <caption className="visually-hidden">{m.tableCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{common.camera}</th>
                  <th scope="col">{common.modelVersion}</th>
                  <th scope="col">{m.columns.sampled}</th>
                  <th scope="col" className="num">{m.columns.p50}</th>
                  <th scope="col" className="num">{m.columns.p95}</th>
                  <th scope="col" className="num">{m.columns.fps}</th>
                  <th scope="col" className="num">{m.columns.droppedFrames}</th>
                  <th scope="col" className="num">{m.columns.cpu}</th>
                  <th scope="col" className="num">{m.columns.memory}</th>
                  <th scope="col" className="num">{m.columns.gpu}</th>
                  <th scope="col" className="num">{m.columns.samples}</th>
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
                      <td className="num">{formatInt(p.framesDropped)}</td>
                      <td className="num">{formatDecimal(p.cpuPercent)}</td>
                      <td className="num">{formatDecimal(p.memoryMb)}</td>
                      <td className="num">{s.provider === 'cuda' ? formatDecimal(p.gpuPercent) : m.gpuNotUsed}</td>
                      <td className="num">{formatInt(s.points.length)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            </TableScroll>
          </details>
        </>
      )}
    </section>
  );
}
