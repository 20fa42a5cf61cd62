import { useEffect, useMemo, useRef } from 'react';
import type { ModelHealthDto } from '../../../shared/dto';
import { localeTag, t } from '../i18n';
import { Chart } from './chart-setup';

const PALETTE = ['#1d4ed8', '#0f766e', '#b45309', '#7c3aed', '#be123c', '#334155'];

/** Inference latency over time, one line per model version. */
export function LatencyChart({ samples }: { samples: ModelHealthDto[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line'> | null>(null);

  const series = useMemo(() => {
    const sorted = samples.filter((s) => s.inferenceLatencyMs !== null).sort((a, b) => a.metricTimestamp.localeCompare(b.metricTimestamp));
    const labels = [...new Set(sorted.map((s) => s.metricTimestamp))];
    const index = new Map(labels.map((at, i) => [at, i]));
    const byModel = new Map<string, Array<number | null>>();
    for (const s of sorted) {
      const key = `${s.modelId} ${s.modelVersion}`;
      let row = byModel.get(key);
      if (!row) byModel.set(key, (row = labels.map(() => null)));
      row[index.get(s.metricTimestamp) ?? 0] = s.inferenceLatencyMs;
    }
    return { labels, byModel };
  }, [samples]);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: 'line',
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        spanGaps: true,
        scales: { y: { beginAtZero: true, title: { display: true, text: t().health.latency.axisMs } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const time = new Intl.DateTimeFormat(localeTag(), { hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short' });
    c.data.labels = series.labels.map((at) => time.format(new Date(at)));
    c.data.datasets = [...series.byModel.entries()].map(([name, data], i) => ({
      label: name,
      data,
      borderColor: PALETTE[i % PALETTE.length],
      backgroundColor: PALETTE[i % PALETTE.length],
      pointRadius: 2,
    }));
    c.update();
  }, [series]);

  return (
    <figure className="chart">
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={t().health.latency.chartLabel} />
      </div>
    </figure>
  );
}
