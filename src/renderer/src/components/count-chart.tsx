import { useEffect, useRef } from 'react';
import type { BucketSize } from '../../../shared/enums';
import type { CountSeriesPointDto } from '../../../shared/requests-counts';
import { Chart } from './chart-setup';

const IN_COLOUR = '#0f766e';
const OUT_COLOUR = '#c2410c';

/** A slot's label: its hour (with the day when the period spans several), or its day. */
export function slotLabel(start: string, bucket: BucketSize, multiDay = false): string {
  const d = new Date(start);
  if (bucket === 'day') return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return multiDay ? `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}` : time;
}

type Mixed = 'bar' | 'line';

/**
 * People in and out per slot (bars) and, when given, the previous period of the same length
 * slot by slot (dashed lines); a hidden table carries the same figures for screen readers.
 */
export function CountChart({ points, previous, bucket }: { points: CountSeriesPointDto[]; previous?: CountSeriesPointDto[] | null; bucket: BucketSize }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<Mixed, number[], string> | null>(null);
  const multiDay = bucket === 'hour' && points.length > 24;

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart<Mixed, number[], string>(canvas.current, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
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
    c.data.labels = points.map((b) => slotLabel(b.start, bucket, multiDay));
    c.data.datasets = [
      { type: 'bar', label: 'In', data: points.map((b) => b.in), backgroundColor: IN_COLOUR },
      { type: 'bar', label: 'Out', data: points.map((b) => b.out), backgroundColor: OUT_COLOUR },
      ...(previous
        ? [
            { type: 'line' as const, label: 'In, previous period', data: previous.map((b) => b.in), borderColor: IN_COLOUR, backgroundColor: IN_COLOUR, borderDash: [6, 4], pointRadius: 0, borderWidth: 2 },
            { type: 'line' as const, label: 'Out, previous period', data: previous.map((b) => b.out), borderColor: OUT_COLOUR, backgroundColor: OUT_COLOUR, borderDash: [6, 4], pointRadius: 0, borderWidth: 2 },
          ]
        : []),
    ];
    c.update();
  }, [points, previous, bucket, multiDay]);

  const per = bucket === 'hour' ? 'hour' : 'day';
  return (
    <figure className="chart" data-slots={points.length}>
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`Bar chart of people counted in and out per ${per}${previous ? ', with the previous period as dashed lines' : ''}`} />
      </div>
      <table className="visually-hidden">
        <caption>People in and out per {per}</caption>
        <thead>
          <tr>
            <th scope="col">{bucket === 'hour' ? 'Hour' : 'Day'}</th>
            <th scope="col">In</th>
            <th scope="col">Out</th>
            {previous ? (
              <>
                <th scope="col">In, previous period</th>
                <th scope="col">Out, previous period</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {points.map((b, i) => (
            <tr key={b.start}>
              <td>{slotLabel(b.start, bucket, multiDay)}</td>
              <td>{b.in}</td>
              <td>{b.out}</td>
              {previous ? (
                <>
                  <td>{previous[i]?.in ?? 0}</td>
                  <td>{previous[i]?.out ?? 0}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
