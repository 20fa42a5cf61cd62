const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const DASH = '—';

export function formatInt(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? DASH : integer.format(n);
}

export function formatDecimal(n: number | null | undefined, unit = ''): string {
  return n === null || n === undefined || !Number.isFinite(n) ? DASH : `${decimal.format(n)}${unit}`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

export function shortChecksum(sum: string | null | undefined): string {
  if (!sum) return DASH;
  return sum.length > 12 ? `${sum.slice(0, 12)}…` : sum;
}

export const yesNo = (b: boolean): string => (b ? 'Yes' : 'No');
