import { useEffect, useRef } from 'react';
import type { CountBucketDto } from '../../../shared/dto';
import type { BucketSize } from '../../../shared/enums';
import { Chart } from './chart-setup';

const IN_COLOUR = '#0f766e';
const OUT_COLOUR = '#c2410c';

function label(start: string, bucket: BucketSize): string {
  const d = new Date(start);
  return bucket === 'hour'
    ? d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/** People in and out per bucket; a hidden table carries the same figures for screen readers. */
export function CountChart({ buckets, bucket }: { buckets: CountBucketDto[]; bucket: BucketSize }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
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
    c.data.labels = buckets.map((b) => label(b.start, bucket));
    c.data.datasets = [
      { label: 'In', data: buckets.map((b) => b.in), backgroundColor: IN_COLOUR },
      { label: 'Out', data: buckets.map((b) => b.out), backgroundColor: OUT_COLOUR },
    ];
    c.update();
  }, [buckets, bucket]);

  const per = bucket === 'hour' ? 'hour' : 'day';
  return (
    <figure className="chart">
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`Bar chart of people counted in and out per ${per}`} />
      </div>
      <table className="visually-hidden">
        <caption>People in and out per {per}</caption>
        <thead>
          <tr>
            <th scope="col">{bucket === 'hour' ? 'Hour' : 'Day'}</th>
            <th scope="col">In</th>
            <th scope="col">Out</th>
          </tr>
        </thead>
        <tbody>
          {buckets.map((b) => (
            <tr key={b.start}>
              <td>{label(b.start, bucket)}</td>
              <td>{b.in}</td>
              <td>{b.out}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
