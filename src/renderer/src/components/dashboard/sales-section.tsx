import type { SalesSeriesDto } from '../../../../shared/requests-sales';
import { formatInt } from '../../format';
import { t } from '../../i18n';
import type { Bucket } from '../../stores/dashboard';
import { ConversionChart, formatMoney, formatRate } from '../conversion-chart';

/** Command lines are the same in every language: not catalogue texts. */
const IMPORT_COMMAND = 'footfall sales import --db FILE sales.csv';
const CAMERA_OPTION = '--camera';

/**
 * Business figures of the period (issue 13): conversion rate = transactions ÷ visitors and revenue
 * per visitor, over the hours that have imported sales ("—" where nobody came in), with their chart.
 */
export function SalesSection({ sales, bucket, periodText }: { sales: SalesSeriesDto | null; bucket: Bucket; periodText: string }) {
  if (sales === null) return null;
  const m = t().dashboard.sales;
  if (!sales.hasSales) {
    return (
      <section className="card" aria-labelledby="sales-title">
        <h2 id="sales-title">{m.title}</h2>
        <p className="muted small" data-testid="no-sales">
          {sales.cameraId ? m.noSalesCamera : m.noSalesStore}
          {m.importHint} <code>{IMPORT_COMMAND}</code>
          {sales.cameraId ? (
            <>
              {' '}
              {m.cameraOption} <code>{CAMERA_OPTION}</code>
            </>
          ) : null}{' '}
          {m.importWhy}
        </p>
      </section>
    );
  }
  const totals = sales.totals;
  return (
    <section className="card" aria-labelledby="sales-title">
      <h2 id="sales-title">{t().dashboard.chart[bucket].conversionTitle(periodText)}</h2>
      <dl className="figures sales-figures">
        <div>
          <dt>{m.conversionRate}</dt>
          <dd data-testid="period-conversion">{formatRate(totals.conversionRate)}</dd>
        </div>
        <div>
          <dt>{m.revenuePerVisitor}</dt>
          <dd data-testid="period-revenue-per-visitor">{formatMoney(totals.revenuePerVisitor, sales.currency)}</dd>
        </div>
        <div>
          <dt>{m.transactions}</dt>
          <dd data-testid="period-transactions">{formatInt(totals.transactions)}</dd>
        </div>
        <div>
          <dt>{m.revenue}</dt>
          <dd data-testid="period-revenue">{formatMoney(totals.revenue, sales.currency)}</dd>
        </div>
        <div>
          <dt>{m.visitorsWithSales}</dt>
          <dd data-testid="period-sales-visitors">{formatInt(totals.visitors)}</dd>
        </div>
      </dl>
      <ConversionChart points={sales.points} bucket={bucket} currency={sales.currency} />
      <p className="muted small">{m.rateNote(formatInt(totals.salesHours), totals.salesHours)}</p>
    </section>
  );
}
