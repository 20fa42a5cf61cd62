import { useEffect, useRef } from 'react';
import type { BucketSize } from '../../../shared/enums';
import type { SalesSeriesPointDto } from '../../../shared/requests-sales';
import { DASH } from '../format';
import { Chart } from './chart-setup';
import { slotLabel } from './count-chart';

const CONVERSION_COLOUR = '#7c3aed';
const VISITORS_COLOUR = '#94a3b8';

/** A fraction as "3.4 %"; DASH where it is undefined (no sales, or nobody came in). */
export function formatRate(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return `${(v * 100).toLocaleString(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

/** Money in the shop's currency (setting business.currency) or, without one, as a plain number. */
export function formatMoney(v: number | null | undefined, currency: string | null): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  if (currency) {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(v);
    } catch {
      // an unknown code: the number and the code
    }
  }
  return `${v.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${currency ? ` ${currency}` : ''}`;
}

type Mixed = 'bar' | 'line';

/**
 * Conversion rate per slot (line, left axis, in percent) alongside the visitors it is computed
 * from (bars, right axis); a slot without sales or without visitors has no point. A hidden table
 * carries every figure for screen readers (and the tests).
 */
export function ConversionChart({ points, bucket, currency }: { points: SalesSeriesPointDto[]; bucket: BucketSize; currency: string | null }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<Mixed, Array<number | null>, string> | null>(null);
  const multiDay = bucket === 'hour' && points.length > 24;

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart<Mixed, Array<number | null>, string>(canvas.current, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, position: 'left', title: { display: true, text: 'Conversion (%)' } },
          y1: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false }, ticks: { precision: 0 }, title: { display: true, text: 'Visitors' } },
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
    c.data.labels = points.map((p) => slotLabel(p.start, bucket, multiDay));
    c.data.datasets = [
      {
        type: 'line',
        label: 'Conversion rate',
        data: points.map((p) => (p.conversionRate === null ? null : Math.round(p.conversionRate * 10000) / 100)),
        borderColor: CONVERSION_COLOUR,
        backgroundColor: CONVERSION_COLOUR,
        yAxisID: 'y',
        spanGaps: false,
        pointRadius: 3,
      },
      { type: 'bar', label: 'Visitors (hours with sales)', data: points.map((p) => p.visitors), backgroundColor: VISITORS_COLOUR, yAxisID: 'y1' },
    ];
    c.update();
  }, [points, bucket, multiDay]);

  const per = bucket === 'hour' ? 'hour' : 'day';
  return (
    <figure className="chart" data-testid="conversion-chart" data-slots={points.length}>
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`Chart of the conversion rate per ${per} with the visitors it is computed from`} />
      </div>
      <table className="visually-hidden">
        <caption>Sales and conversion per {per}</caption>
        <thead>
          <tr>
            <th scope="col">{bucket === 'hour' ? 'Hour' : 'Day'}</th>
            <th scope="col">Visitors</th>
            <th scope="col">Transactions</th>
            <th scope="col">Revenue</th>
            <th scope="col">Conversion rate</th>
            <th scope="col">Revenue per visitor</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.start} data-start={p.start}>
              <td>{slotLabel(p.start, bucket, multiDay)}</td>
              <td>{p.salesHours ? p.visitors : p.in}</td>
              <td>{p.transactions ?? DASH}</td>
              <td>{formatMoney(p.revenue, currency)}</td>
              <td>{formatRate(p.conversionRate)}</td>
              <td>{formatMoney(p.revenuePerVisitor, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
