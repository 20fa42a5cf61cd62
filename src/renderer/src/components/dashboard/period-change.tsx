import { formatDecimal } from '../../format';
import { t } from '../../i18n';

/** "+50% vs the previous period" (a true minus sign for falls), or why there is no change to show. */
export function PeriodChange({ value, testId }: { value: number | null | undefined; testId: string }) {
  if (value === undefined) return null;
  const m = t().dashboard.change;
  const sign = value === null ? '' : value > 0 ? '+' : value < 0 ? '−' : '±';
  const text = value === null ? m.nothingBefore : m.versusPrevious(`${sign}${formatDecimal(Math.abs(value))}`);
  return (
    <span className={`total-change${value !== null && value > 0 ? ' change-up' : value !== null && value < 0 ? ' change-down' : ''}`} data-testid={testId}>
      {text}
    </span>
  );
}
