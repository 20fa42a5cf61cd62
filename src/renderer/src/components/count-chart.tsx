import { useEffect, useRef } from 'react';
import type { BucketSize } from '../../../shared/enums';
import type { CountSeriesPointDto } from '../../../shared/requests-counts';
import { localeTag, t } from '../i18n';
import { Chart } from './chart-setup';

const IN_COLOUR = '#0f766e';
const OUT_COLOUR = '#c2410c';
const OCCUPANCY_COLOUR = '#2563eb';

/** A slot's label: its hour (with the day when the period spans several), or its day. */
export function slotLabel(start: string, bucket: BucketSize, multiDay = false, withZone = false): string {
  const d = new Date(start);
  const tag = localeTag();
  if (bucket === 'day') return d.toLocaleDateString(tag, { day: 'numeric', month: 'short' });
  const time = d.toLocaleTimeString(tag, { hour: '2-digit', minute: '2-digit', ...(withZone ? { timeZoneName: 'short' } : {}) });
  return multiDay ? `${d.toLocaleDateString(tag, { day: 'numeric', month: 'short' })} ${time}` : time;
}

/**
 * Every slot's label; where the clock falls back and an hour happens twice (two "02:00" slots),
 * both carry their zone's short name ("02:00 GMT+2", "02:00 GMT+1") so they can be told apart.
 */
export function slotLabels(starts: readonly string[], bucket: BucketSize, multiDay = false): string[] {
  const plain = starts.map((s) => slotLabel(s, bucket, multiDay));
  return plain.map((label, i) => (bucket === 'hour' && (plain[i - 1] === label || plain[i + 1] === label) ? slotLabel(starts[i] as string, bucket, multiDay, true) : label));
}

type Mixed = 'bar' | 'line';

/**
 * People in and out per slot (bars, left axis), the people inside (a line on the right axis:
 * at the end of each hour, or a day's peak; see src/engine/db/count-series.ts) and, when given,
 * the previous period of the same length slot by slot (dashed lines); a hidden table carries the
 * same figures for screen readers.
 */
export function CountChart({ points, previous, bucket }: { points: CountSeriesPointDto[]; previous?: CountSeriesPointDto[] | null; bucket: BucketSize }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<Mixed, (number | null)[], string> | null>(null);
  const multiDay = bucket === 'hour' && points.length > 25;
  const m = t().dashboard.chart;
  const per = m[bucket];
  const common = t().common;
  const labels = slotLabels(
    points.map((p) => p.start),
    bucket,
    multiDay,
  );

  useEffect(() => {
    if (!canvas.current) return;
    const texts = t().dashboard.chart;
    chart.current = new Chart<Mixed, (number | null)[], string>(canvas.current, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, position: 'left', ticks: { precision: 0 }, title: { display: true, text: texts.peopleAxis } },
          y1: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false }, ticks: { precision: 0 }, title: { display: true, text: texts.insideAxis } },
        },
        // `order` draws the lines over the bars; the legend keeps the datasets' own order (In, Out, Occupancy…).
        plugins: { legend: { position: 'bottom', labels: { sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) } } },
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
    const texts = t();
    c.data.labels = slotLabels(
      points.map((p) => p.start),
      bucket,
      multiDay,
    );
    c.data.datasets = [
      { type: 'bar', label: texts.common.in, data: points.map((b) => b.in), backgroundColor: IN_COLOUR, yAxisID: 'y', order: 2 },
      { type: 'bar', label: texts.common.out, data: points.map((b) => b.out), backgroundColor: OUT_COLOUR, yAxisID: 'y', order: 2 },
      // No line into slots that have not begun: nobody is "inside" at 18:00 while it is 14:20.
      { type: 'line', label: texts.dashboard.chart[bucket].occupancy, data: points.map((b) => (Date.parse(b.start) > Date.now() ? null : b.occupancy)), borderColor: OCCUPANCY_COLOUR, backgroundColor: OCCUPANCY_COLOUR, yAxisID: 'y1', pointRadius: 2, borderWidth: 2, order: 1 },
      ...(previous
        ? [
            { type: 'line' as const, label: texts.dashboard.chart.inPrevious, data: previous.map((b) => b.in), borderColor: IN_COLOUR, backgroundColor: IN_COLOUR, borderDash: [6, 4], pointRadius: 0, borderWidth: 2, yAxisID: 'y', order: 1 },
            { type: 'line' as const, label: texts.dashboard.chart.outPrevious, data: previous.map((b) => b.out), borderColor: OUT_COLOUR, backgroundColor: OUT_COLOUR, borderDash: [6, 4], pointRadius: 0, borderWidth: 2, yAxisID: 'y', order: 1 },
          ]
        : []),
    ];
    c.update();
  }, [points, previous, bucket, multiDay]);

  return (
    <figure className="chart" data-testid="count-chart" data-slots={points.length}>
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={previous ? `${per.chartLabel}. ${m.withPrevious}` : per.chartLabel} />
      </div>
      <table className="visually-hidden">
        <caption>{per.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{per.slot}</th>
            <th scope="col">{common.in}</th>
            <th scope="col">{common.out}</th>
            <th scope="col">{per.occupancyColumn}</th>
            {previous ? (
              <>
                <th scope="col">{m.inPrevious}</th>
                <th scope="col">{m.outPrevious}</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {points.map((b, i) => (
            <tr key={b.start} data-start={b.start}>
              <td>{labels[i]}</td>
              <td>{b.in}</td>
              <td>{b.out}</td>
              <td data-testid="occupancy-cell">{b.occupancy}</td>
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
