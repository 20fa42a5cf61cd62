/**
 * The database card of the Health page and the retention confirmation of the Settings page in
 * plain words (issue 11, part 2): sizes in the computer's locale, dates without internal codes.
 * Pure: unit-tested on its own (database-words.test.ts).
 */
import type { DatabaseHealthDto, RetentionPreviewDto, RetentionRunDto } from '../../../../shared/requests-retention';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 1234567 → "1.2 MB" (decimal units, the computer's locale). */
export function formatSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(undefined, { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

const when = (iso: string, format = dateTime): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : format.format(d);
};

export const NO_GROWTH = 'No growth measured yet';

/** "About 12.3 MB a day", or that nothing grew in the last week. */
export function growthText(h: Pick<DatabaseHealthDto, 'growth'>): string {
  if (!(h.growth.bytesPerDay > 0)) {
    return h.growth.addedBytesPerDay > 0 ? `${NO_GROWTH} (retention removes as much as is written)` : NO_GROWTH;
  }
  return `About ${formatSize(h.growth.bytesPerDay)} a day`;
}

/** "About 420 days (1.2 years) at this rate, with 310 GB free", in plain words for every case. */
export function daysUntilFullText(h: Pick<DatabaseHealthDto, 'growth' | 'disk' | 'daysUntilFull'>): string {
  if (!h.disk) return 'Unknown: the free space of this disk cannot be read';
  if (h.daysUntilFull === null || !(h.growth.bytesPerDay > 0)) return `${NO_GROWTH} (${formatSize(h.disk.freeBytes)} free)`;
  const free = `${formatSize(h.disk.freeBytes)} free`;
  if (h.daysUntilFull < 1) return `Less than a day at this rate (${free}): free some space now`;
  const days = Math.floor(h.daysUntilFull);
  const years = h.daysUntilFull / 365;
  const inYears = years >= 2 ? ` (${years.toLocaleString(undefined, { maximumFractionDigits: 1 })} years)` : '';
  return `About ${plural(days, 'day')}${inYears} at this rate, with ${free}`;
}

const archivedTotal = (r: RetentionRunDto): number => r.archived.inferenceResults + r.archived.performanceMetrics + r.archived.abResults;

/** "1 Dec 2026, 03:00: completed, 12,345 rows archived" / "…: failed (reason), 4,800 rows archived before it stopped". */
export function lastRunText(run: RetentionRunDto | null): string {
  if (!run) return 'Never (the first run is at the next 03:00, or at start)';
  const rows = plural(archivedTotal(run), 'row');
  if (run.status === 'completed') return `${when(run.startedAt)}: completed, ${rows} archived`;
  return `${when(run.startedAt)}: did not finish (${run.error ?? 'no reason recorded'}), ${rows} archived before it stopped; the next run continues`;
}

export function nextRunText(h: Pick<DatabaseHealthDto, 'retention'>): string {
  if (h.retention.running) return 'Running now';
  return h.retention.nextRunAt ? when(h.retention.nextRunAt) : 'Not scheduled in this window (the app runs it every night at 03:00)';
}

/** The retention periods an operator edits, with the words for each. */
export const RETENTION_FIELDS = {
  'retention.days': { input: 'inferenceResultsDays', row: 'inferenceResults', what: 'inference results', unit: 'day' },
  'retention.performance_metrics_years': { input: 'performanceMetricsYears', row: 'performanceMetrics', what: 'performance metrics', unit: 'year' },
  'retention.ab_results_years': { input: 'abResultsYears', row: 'abResults', what: 'A/B test results', unit: 'year' },
} as const;

export type RetentionKey = keyof typeof RETENTION_FIELDS;

export const isRetentionKey = (key: string): key is RetentionKey => Object.prototype.hasOwnProperty.call(RETENTION_FIELDS, key);

export interface Shortening {
  key: RetentionKey;
  from: number;
  to: number;
}

/**
 * The retention periods a save would shorten: a whole number within the setting's range, below
 * the period in force. Anything else is saved as typed (the engine says why it is refused).
 */
export function shortenings(changes: ReadonlyArray<{ key: string; from: number; to: string }>, range: (key: RetentionKey) => { min: number; max: number }): Shortening[] {
  const out: Shortening[] = [];
  for (const c of changes) {
    if (!isRetentionKey(c.key)) continue;
    const to = Number(c.to.trim());
    const { min, max } = range(c.key);
    if (c.to.trim() === '' || !Number.isInteger(to) || to < min || to > max || !(to < c.from)) continue;
    out.push({ key: c.key, from: c.from, to });
  }
  return out;
}

/** The preview request's input for these shortenings. */
export function previewInput(s: readonly Shortening[]): { inferenceResultsDays?: number; performanceMetricsYears?: number; abResultsYears?: number } {
  return Object.fromEntries(s.map((x) => [RETENTION_FIELDS[x.key].input, x.to]));
}

/**
 * One sentence per shortened period that would delete something, e.g. "Shortening to 30 days
 * archives and deletes 12,345 inference results recorded before 1 Nov 2026 at the next run."
 * Empty: nothing would be deleted (no need to ask).
 */
export function shorteningSentences(s: readonly Shortening[], preview: RetentionPreviewDto): string[] {
  return s.flatMap((x) => {
    const f = RETENTION_FIELDS[x.key];
    const rows = preview.rows[f.row];
    if (rows === 0) return [];
    const before = when(preview.cutoffs[f.row], dateOnly);
    const extra = x.key === 'retention.days' ? ' Their detections and tracks are deleted with them; the counts on the Dashboard stay.' : '';
    return [`Shortening to ${plural(x.to, f.unit)} archives and deletes ${plural(rows, f.what.replace(/s$/, ''), f.what)} recorded before ${before} at the next run (${when(preview.at)}).${extra}`];
  });
}
