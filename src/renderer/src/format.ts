/**
 * Numbers and dates in the language shown (its OS region's habits when the OS speaks it). The
 * formatters are built once per locale tag: Intl constructors are slow and these run per cell.
 */
import { localeTag, t } from './i18n';

type Formats = Record<'integer' | 'decimal' | 'compact', Intl.NumberFormat> & Record<'dateTime' | 'dateTimeSeconds' | 'dateOnly' | 'timeSeconds', Intl.DateTimeFormat>;
const byTag = new Map<string, Formats>();

function formats(): Formats {
  const tag = localeTag();
  let f = byTag.get(tag);
  if (!f) {
    f = {
      integer: new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }),
      decimal: new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }),
      dateTime: new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }),
      dateTimeSeconds: new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'medium' }),
      dateOnly: new Intl.DateTimeFormat(tag, { dateStyle: 'medium' }),
      timeSeconds: new Intl.DateTimeFormat(tag, { timeStyle: 'medium' }),
      compact: new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: 2 }),
    };
    byTag.set(tag, f);
  }
  return f;
}
const integer = { format: (n: number) => formats().integer.format(n) };
const decimal = { format: (n: number) => formats().decimal.format(n) };
const compact = { format: (n: number) => formats().compact.format(n) };
const dateTime = { format: (d: Date) => formats().dateTime.format(d) };
const dateTimeSeconds = { format: (d: Date) => formats().dateTimeSeconds.format(d) };
const dateOnly = { format: (d: Date) => formats().dateOnly.format(d) };
const timeSeconds = { format: (d: Date) => formats().timeSeconds.format(d) };
type DateFormat = { format(d: Date): string };

export const DASH = '—';

export function formatInt(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? DASH : integer.format(n);
}

export function formatDecimal(n: number | null | undefined, unit = ''): string {
  return n === null || n === undefined || !Number.isFinite(n) ? DASH : `${decimal.format(n)}${unit}`;
}

/** An ISO time in `format`; DASH when missing, and the text as it came when it is no date. */
function formatIso(iso: string | null | undefined, format: DateFormat): string {
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

export const yesNo = (b: boolean): string => (b ? t().common.yes : t().common.no);
