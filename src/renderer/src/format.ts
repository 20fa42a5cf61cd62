const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeSeconds = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 2 });

export const DASH = '—';

export function formatInt(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? DASH : integer.format(n);
}

export function formatDecimal(n: number | null | undefined, unit = ''): string {
  return n === null || n === undefined || !Number.isFinite(n) ? DASH : `${decimal.format(n)}${unit}`;
}

/** An ISO time in `format`; DASH when missing, and the text as it came when it is no date. */
function formatIso(iso: string | null | undefined, format: Intl.DateTimeFormat): string {
  if (!iso) return DASH;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : format.format(d);
}

export function formatDateTime(iso: string | null | undefined): string {
  return formatIso(iso, dateTime);
}

/** With seconds: pipeline stages often start and end within the same minute. */
export function formatDateTimeSeconds(iso: string | null | undefined): string {
  return formatIso(iso, dateTimeSeconds);
}

export function formatDate(iso: string | null | undefined): string {
  return formatIso(iso, dateOnly);
}

export function formatTimeSeconds(iso: string | null | undefined): string {
  return formatIso(iso, timeSeconds);
}

/** Milliseconds between two ISO times as "0.8 s", "2 min 5 s" or "1 h 20 min"; null when either is missing. */
export function formatElapsed(fromIso: string | null | undefined, toIso: string | null | undefined): string | null {
  if (!fromIso || !toIso) return null;
  const ms = new Date(toIso).getTime() - new Date(fromIso).getTime();
  if (!Number.isFinite(ms) || ms < 0) return null;
  if (ms < 60_000) return `${decimal.format(ms / 1000)} s`;
  const min = Math.floor(ms / 60_000);
  if (min < 60) return `${min} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** 3177129 → "3.18M" (parameter counts). */
export function formatCompact(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? DASH : compact.format(n);
}

/** Registry metrics are stored in percent (0..100). */
export function formatPercent(n: number | null | undefined): string {
  return formatDecimal(n, '%');
}

export function shortChecksum(sum: string | null | undefined): string {
  if (!sum) return DASH;
  return sum.length > 12 ? `${sum.slice(0, 12)}…` : sum;
}

export const yesNo = (b: boolean): string => (b ? 'Yes' : 'No');
