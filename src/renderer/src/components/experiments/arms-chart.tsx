import { useEffect, useRef } from 'react';
import type { ExperimentIntervalDto } from '../../../../shared/dto-experiments';
import type { ExperimentMode } from '../../../../shared/enums';
import { Chart } from '../chart-setup';

const BASELINE_COLOUR = '#2563eb';
const CHALLENGER_COLOUR = '#ea580c';

type Arm = ExperimentIntervalDto['baseline'];

/** Shadow: crossings per interval (both arms saw the same frames). A/B: per 1000 frames (each arm saw its own share). */
function figure(arm: Arm, mode: ExperimentMode): number | null {
  if (!arm) return null;
  const crossings = arm.in + arm.out;
  if (mode === 'shadow') return crossings;
  return arm.frames > 0 ? Math.round((crossings / arm.frames) * 10_000) / 10 : null;
}

function intervalLabel(i: ExperimentIntervalDto, units: number): string {
  return units > 1 ? `${i.interval + 1} (${i.unit})` : String(i.interval + 1);
}

/** Both arms side by side over time, one point per interval; a hidden table carries the same figures. */
export function ArmsChart({ intervals, mode }: { intervals: ExperimentIntervalDto[]; mode: ExperimentMode }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line', Array<number | null>, string> | null>(null);
  const units = new Set(intervals.map((i) => i.unit)).size;
  const what = mode === 'shadow' ? 'Crossings per interval' : 'Crossings per 1000 frames';

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart<'line', Array<number | null>, string>(canvas.current, {
      type: 'line',
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        spanGaps: true,
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: what } },
          x: { title: { display: true, text: 'Interval' } },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [what]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = intervals.map((i) => intervalLabel(i, units));
    c.data.datasets = [
      { label: 'Baseline', data: intervals.map((i) => figure(i.baseline, mode)), borderColor: BASELINE_COLOUR, backgroundColor: BASELINE_COLOUR, borderWidth: 2, pointRadius: 3 },
      {
        label: 'Challenger',
        data: intervals.map((i) => figure(i.challenger, mode)),
        borderColor: CHALLENGER_COLOUR,
        backgroundColor: CHALLENGER_COLOUR,
        borderDash: [6, 4],
        borderWidth: 2,
        pointRadius: 3,
      },
    ];
    c.update();
  }, [intervals, mode, units]);

  return (
    <figure className="chart" data-intervals={intervals.length}>
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`Line chart: ${what.toLowerCase()} of the baseline and the challenger, interval by interval`} />
      </div>
      <table className="visually-hidden">
        <caption>{what}, baseline and challenger</caption>
        <thead>
          <tr>
            <th scope="col">Interval</th>
            <th scope="col">Baseline</th>
            <th scope="col">Challenger</th>
            {mode === 'shadow' ? <th scope="col">Agreement</th> : null}
          </tr>
        </thead>
        <tbody>
          {intervals.map((i) => (
            <tr key={`${i.unit}#${i.interval}`}>
              <td>{intervalLabel(i, units)}</td>
              <td>{figure(i.baseline, mode) ?? '—'}</td>
              <td>{figure(i.challenger, mode) ?? '—'}</td>
              {mode === 'shadow' ? <td>{i.agreement === null ? '—' : `${Math.round(i.agreement * 100)} %`}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
