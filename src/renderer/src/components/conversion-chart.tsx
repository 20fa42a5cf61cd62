import { useEffect, useRef } from 'react';
import type { BucketSize } from '../../../shared/enums';
import type { SalesSeriesPointDto } from '../../../shared/requests-sales';
import { DASH } from '../format';
import { localeTag, t } from '../i18n';
import { Chart } from './chart-setup';
import { slotLabels } from './count-chart';

const CONVERSION_COLOUR = '#7c3aed';
const VISITORS_COLOUR = '#94a3b8';

/** A fraction as "3.4 %"; DASH where it is undefined (no sales, or nobody came in). */
export function formatRate(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return `${(v * 100).toLocaleString(localeTag(), { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

/** Money in the shop's currency (setting business.currency) or, without one, as a plain number. */
export function formatMoney(v: number | null | undefined, currency: string | null): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  if (currency) {
    try {
      return new Intl.NumberFormat(localeTag(), { style: 'currency', currency }).format(v);
    } catch {
      // an unknown code: the number and the code
    }
  }
  return `${v.toLocaleString(localeTag(), { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${currency ? ` ${currency}` : ''}`;
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
  const multiDay = bucket === 'hour' && points.length > 25;
  const m = t().dashboard;
  const per = m.chart[bucket];
  const labels = slotLabels(
    points.map((p) => p.start),
    bucket,
    multiDay,
  );

  useEffect(() => {
    if (!canvas.current) return;
    const texts = t().dashboard.sales;
    chart.current = new Chart<Mixed, Array<number | null>, string>(canvas.current, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, position: 'left', title: { display: true, text: texts.conversionAxis } },
          y1: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false }, ticks: { precision: 0 }, title: { display: true, text: texts.visitors } },
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
    const texts = t().dashboard.sales;
    c.data.labels = slotLabels(
      points.map((p) => p.start),
      bucket,
      multiDay,
    );
    c.data.datasets = [
      {
        type: 'line',
        label: texts.conversionRate,
        data: points.map((p) => (p.conversionRate === null ? null : Math.round(p.conversionRate * 10000) / 100)),
        borderColor: CONVERSION_COLOUR,
        backgroundColor: CONVERSION_COLOUR,
        yAxisID: 'y',
        spanGaps: false,
        pointRadius: 3,
      },
      { type: 'bar', label: texts.visitorsBars, data: points.map((p) => p.visitors), backgroundColor: VISITORS_COLOUR, yAxisID: 'y1' },
    ];
    c.update();
  }, [points, bucket, multiDay]);

  return (
    <figure className="chart" data-testid="conversion-chart" data-slots={points.length}>
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={per.conversionLabel} />
      </div>
      <table className="visually-hidden">
        <caption>{per.conversionCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{per.slot}</th>
            <th scope="col">{m.sales.visitors}</th>
            <th scope="col">{m.sales.transactions}</th>
            <th scope="col">{m.sales.revenue}</th>
            <th scope="col">{m.sales.conversionRate}</th>
            <th scope="col">{m.sales.revenuePerVisitor}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p, i) => (
            <tr key={p.start} data-start={p.start}>
              <td>{labels[i]}</td>
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
