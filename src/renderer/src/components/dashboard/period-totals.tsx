import type { CountSeriesResultDto } from '../../../../shared/requests-counts';
import { formatInt } from '../../format';
import { t } from '../../i18n';
import { PeriodChange } from './period-change';

/**
 * The period's in, out and net (with the % change against the previous period when compared) and
 * the most people inside at once: the highest hourly occupancy of the shown slots.
 */
export function PeriodTotals({ series, compare }: { series: CountSeriesResultDto | null; compare: boolean }) {
  const current = series?.current ?? null;
  const common = t().common;
  const m = t().dashboard.totals;
  const peak = current && current.points.length ? Math.max(...current.points.map((p) => p.occupancy)) : null;
  return (
    <div className="totals" role="group" aria-label={m.label}>
      <div className="card total">
        <span className="total-label">{common.in}</span>
        <span className="total-value figure-in" data-testid="period-in">
          {formatInt(current?.totalIn)}
        </span>
        {compare ? <PeriodChange value={series?.change?.in} testId="change-in" /> : null}
      </div>
      <div className="card total">
        <span className="total-label">{common.out}</span>
        <span className="total-value figure-out" data-testid="period-out">
          {formatInt(current?.totalOut)}
        </span>
        {compare ? <PeriodChange value={series?.change?.out} testId="change-out" /> : null}
      </div>
      <div className="card total">
        <span className="total-label">{common.net}</span>
        <span className="total-value">{formatInt(current ? current.totalIn - current.totalOut : null)}</span>
      </div>
      <div className="card total" title={m.peakOccupancyHint}>
        <span className="total-label">{m.peakOccupancy}</span>
        <span className="total-value" data-testid="period-peak-occupancy">
          {formatInt(peak)}
        </span>
      </div>
    </div>
  );
}
