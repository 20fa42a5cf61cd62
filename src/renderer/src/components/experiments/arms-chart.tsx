import { useEffect, useRef } from 'react';
import type { ExperimentIntervalDto } from '../../../../shared/dto-experiments';
import type { ExperimentMode } from '../../../../shared/enums';
import { DASH, formatDecimal, formatInt } from '../../format';
import { t } from '../../i18n';
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
  const m = t().experiments;
  const what = mode === 'shadow' ? m.chart.perInterval : m.chart.per1000;
  const intervalTitle = m.interval;
  const names = { baseline: m.baseline, challenger: m.challenger };

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
          x: { title: { display: true, text: intervalTitle } },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [what, intervalTitle]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = intervals.map((i) => intervalLabel(i, units));
    c.data.datasets = [
      { label: names.baseline, data: intervals.map((i) => figure(i.baseline, mode)), borderColor: BASELINE_COLOUR, backgroundColor: BASELINE_COLOUR, borderWidth: 2, pointRadius: 3 },
      {
        label: names.challenger,
        data: intervals.map((i) => figure(i.challenger, mode)),
        borderColor: CHALLENGER_COLOUR,
        backgroundColor: CHALLENGER_COLOUR,
        borderDash: [6, 4],
        borderWidth: 2,
        pointRadius: 3,
      },
    ];
    c.update();
  }, [intervals, mode, units, names.baseline, names.challenger]);

  return (
    <figure className="chart" data-intervals={intervals.length}>
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={m.chart.label(what)} />
      </div>
      <table className="visually-hidden">
        <caption>{m.chart.caption(what)}</caption>
        <thead>
          <tr>
            <th scope="col">{m.interval}</th>
            <th scope="col">{m.baseline}</th>
            <th scope="col">{m.challenger}</th>
            {mode === 'shadow' ? <th scope="col">{m.chart.agreement}</th> : null}
          </tr>
        </thead>
        <tbody>
          {intervals.map((i) => (
            <tr key={`${i.unit}#${i.interval}`}>
              <td>{intervalLabel(i, units)}</td>
              <td>{formatDecimal(figure(i.baseline, mode))}</td>
              <td>{formatDecimal(figure(i.challenger, mode))}</td>
              {mode === 'shadow' ? <td>{i.agreement === null ? DASH : `${formatInt(Math.round(i.agreement * 100))} %`}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
