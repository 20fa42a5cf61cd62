/**
 * The database card of the Health page and the retention confirmation of the Settings page in
 * plain words (issue 11, part 2), in the language shown: sizes and dates in its formats, no
 * internal codes. Pure apart from reading the catalogue: unit-tested on its own (database-words.test.ts).
 */
import type { DatabaseHealthDto, RetentionPreviewDto, RetentionRunDto } from '../../../../shared/requests-retention';
import { formatDate, formatDateTime, formatDecimal, formatInt } from '../../format';
import { localeTag, t } from '../../i18n';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 1234567 → "1.2 MB" (decimal units, in the language shown). */
export function formatSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(localeTag(), { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

/** The words for "nothing grew": the growth fact, and the start of the disk fact in that case. */
export const noGrowth = (): string => t().health.database.noGrowth;

/** "About 12.3 MB a day", or that nothing grew in the last week. */
export function growthText(h: Pick<DatabaseHealthDto, 'growth'>): string {
  const m = t().health.database;
  if (!(h.growth.bytesPerDay > 0)) return h.growth.addedBytesPerDay > 0 ? m.noGrowthRetention : m.noGrowth;
  return m.growthPerDay(formatSize(h.growth.bytesPerDay));
}

/** "About 420 days (1.2 years) at this rate, with 310 GB free", in plain words for every case. */
export function daysUntilFullText(h: Pick<DatabaseHealthDto, 'growth' | 'disk' | 'daysUntilFull'>): string {
  const m = t().health.database;
  if (!h.disk) return m.diskUnknown;
  const free = formatSize(h.disk.freeBytes);
  if (h.daysUntilFull === null || !(h.growth.bytesPerDay > 0)) return m.noGrowthFree(free);
  if (h.daysUntilFull < 1) return m.lessThanADay(free);
  const days = Math.floor(h.daysUntilFull);
  const years = h.daysUntilFull / 365;
  return m.daysLeft(t().health.units.days(days, formatInt(days)), years >= 2 ? formatDecimal(years) : null, free);
}

const archivedTotal = (r: RetentionRunDto): number => r.archived.inferenceResults + r.archived.performanceMetrics + r.archived.abResults;

/** "1 Dec 2026, 03:00: completed, 12,345 rows archived" / "…: did not finish (reason), 4,800 rows archived before it stopped". */
export function lastRunText(run: RetentionRunDto | null): string {
  const m = t().health.database;
  if (!run) return m.never;
  const total = archivedTotal(run);
  const rows = t().health.units.rows(total, formatInt(total));
  if (run.status === 'completed') return m.runCompleted(formatDateTime(run.startedAt), rows);
  return m.runFailed(formatDateTime(run.startedAt), run.error ?? m.noReason, rows);
}

export function nextRunText(h: Pick<DatabaseHealthDto, 'retention'>): string {
  const m = t().health.database;
  if (h.retention.running) return m.runningNow;
  return h.retention.nextRunAt ? formatDateTime(h.retention.nextRunAt) : m.notScheduled;
}

/** The retention periods an operator edits: the preview's input and row names, and the period's unit. */
export const RETENTION_FIELDS = {
  'retention.days': { input: 'inferenceResultsDays', row: 'inferenceResults', unit: 'days' },
  'retention.performance_metrics_years': { input: 'performanceMetricsYears', row: 'performanceMetrics', unit: 'years' },
  'retention.ab_results_years': { input: 'abResultsYears', row: 'abResults', unit: 'years' },
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
  const m = t().health;
  return s.flatMap((x) => {
    const f = RETENTION_FIELDS[x.key];
    const rows = preview.rows[f.row];
    if (rows === 0) return [];
    const period = m.units[f.unit](x.to, formatInt(x.to));
    const what = m.database.records[f.row](rows, formatInt(rows));
    const sentence = m.database.shortening(period, what, formatDate(preview.cutoffs[f.row]), formatDateTime(preview.at));
    // Only the detailed results take their detections and tracks with them.
    return [x.key === 'retention.days' ? `${sentence} ${m.database.shorteningDetail}` : sentence];
  });
}
