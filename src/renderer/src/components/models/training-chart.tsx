import { useEffect, useRef, useState } from 'react';
import type { TrainingCurvesDto } from '../../../../shared/dto-model-lineage';
import { DASH, formatInt } from '../../format';
import { t } from '../../i18n';
import { useTheme } from '../../stores/theme';
import { Chart } from '../chart-setup';

// Distinct in both themes; losses solid on the left axis, metrics dashed on the right.
const COLOURS = ['#2563eb', '#ea580c', '#0d9488', '#9333ea', '#ca8a04', '#db2777', '#0891b2', '#65a30d', '#dc2626', '#64748b'];

const value = (n: number | null, digits: number): string => (n === null ? DASH : String(Math.round(n * 10 ** digits) / 10 ** digits));

/**
 * Loss and quality metrics per epoch of a version's training log (chart.js line chart: losses on
 * the left axis, metrics in percent on the right); a hidden table carries the same figures.
 */
export function TrainingChart({ curves }: { curves: TrainingCurvesDto }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line', Array<number | null>, string> | null>(null);
  const [drawn, setDrawn] = useState(0);
  const theme = useTheme((s) => s.effective);
  const hasLoss = curves.series.some((s) => s.group === 'loss');
  const hasMetric = curves.series.some((s) => s.group === 'metric');

  useEffect(() => {
    if (!canvas.current) return;
    const m = t().models.chart;
    chart.current = new Chart<'line', Array<number | null>, string>(canvas.current, {
      type: 'line',
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        spanGaps: true,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { title: { display: true, text: m.epoch } },
          y: { type: 'linear', position: 'left', display: 'auto', title: { display: true, text: m.loss } },
          y1: { type: 'linear', position: 'right', display: 'auto', suggestedMin: 0, suggestedMax: 100, grid: { drawOnChartArea: false }, title: { display: true, text: m.metricsPct } },
        },
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
    c.data.labels = curves.epochs.map(String);
    c.data.datasets = curves.series.map((s, i) => {
      const colour = COLOURS[i % COLOURS.length]!;
      return {
        label: s.group === 'metric' ? t().models.chart.metric(s.label) : s.label,
        data: s.values,
        yAxisID: s.group === 'loss' ? 'y' : 'y1',
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: 2,
        borderDash: s.group === 'metric' ? [6, 4] : undefined,
        pointRadius: curves.epochs.length > 60 ? 0 : 2,
      };
    });
    c.update();
    setDrawn(c.data.labels.length);
  }, [curves]);

  // The theme store changes chart.js's text and grid colours; redraw with them.
  useEffect(() => {
    chart.current?.update();
  }, [theme]);

  const m = t().models.chart;
  const what = hasLoss && hasMetric ? m.lossAndMetrics : hasLoss ? m.lossOnly : hasMetric ? m.metricsOnly : m.log;
  return (
    <figure className="chart training-chart" data-epochs={curves.epochs.length} data-series={curves.series.length} data-drawn-epochs={drawn}>
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={m.name(what, formatInt(curves.epochs.length))} />
      </div>
      <table className="visually-hidden">
        <caption>{m.caption(what)}</caption>
        <thead>
          <tr>
            <th scope="col">{m.epoch}</th>
            {curves.series.map((s) => (
              <th scope="col" key={s.key}>
                {s.group === 'metric' ? m.metric(s.label) : s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {curves.epochs.map((e, i) => (
            <tr key={`${e}#${i}`}>
              <th scope="row">{e}</th>
              {curves.series.map((s) => (
                <td key={s.key}>{value(s.values[i] ?? null, s.group === 'loss' ? 4 : 2)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
