import { describe, expect, it } from 'vitest';
import type { DatabaseHealthDto, RetentionPreviewDto, RetentionRunDto } from '../../../../shared/requests-retention';
import { SETTING_META } from '../../../../shared/settings-schema';
import {
  daysUntilFullText,
  formatSize,
  growthText,
  lastRunText,
  nextRunText,
  noGrowth,
  previewInput,
  shorteningSentences,
  shortenings,
} from './database-words';

const mb = (n: number): string => new Intl.NumberFormat(undefined, { style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(n);
const gb = (n: number): string => new Intl.NumberFormat(undefined, { style: 'unit', unit: 'gigabyte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(n);
const date = (iso: string): string => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(iso));
const dateTime = (iso: string): string => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

function health(bytesPerDay: number, freeBytes: number | null, daysUntilFull: number | null, added = bytesPerDay): Pick<DatabaseHealthDto, 'growth' | 'disk' | 'daysUntilFull'> {
  return {
    growth: { bytesPerDay, addedBytesPerDay: added, windowDays: 7, spanDays: 7, method: '', tables: [] },
    disk: freeBytes === null ? null : { freeBytes, totalBytes: freeBytes * 2 },
    daysUntilFull,
  };
}

describe('database card words', () => {
  it('sizes in decimal units', () => {
    expect(formatSize(12_345_678)).toBe(mb(12.3));
    expect(formatSize(310_000_000_000)).toBe(gb(310));
    expect(formatSize(-1)).toBe('—');
  });

  it('growth per day, and "no growth measured yet" when nothing grows', () => {
    expect(growthText(health(12_300_000, 1e12, 81_300))).toBe(`About ${mb(12.3)} a day`);
    expect(growthText(health(0, 1e12, null, 0))).toBe(noGrowth());
    expect(growthText(health(0, 1e12, null, 5_000))).toBe(`${noGrowth()} (retention removes as much as is written)`);
  });

  it('days until the disk is full, in plain words for every case', () => {
    expect(daysUntilFullText(health(1_000_000_000, 420_000_000_000, 420))).toBe(`About ${(420).toLocaleString()} days at this rate, with ${gb(420)} free`);
    expect(daysUntilFullText(health(1_000_000, 1_000_000_000_000, 1_000_000))).toBe(
      `About ${(1_000_000).toLocaleString()} days (${(2739.7).toLocaleString()} years) at this rate, with ${new Intl.NumberFormat(undefined, { style: 'unit', unit: 'terabyte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(1)} free`,
    );
    expect(daysUntilFullText(health(1e9, 5e8, 0.5))).toBe(`Less than a day at this rate (${mb(500)} free): free some space now`);
    expect(daysUntilFullText(health(0, 5e9, null))).toBe(`${noGrowth()} (${gb(5)} free)`);
    expect(daysUntilFullText(health(1e6, null, null))).toBe('Unknown: the free space of this disk cannot be read');
  });

  it('the last and the next retention run', () => {
    const run: RetentionRunDto = {
      id: 3, startedAt: '2026-12-01T03:00:00.000Z', finishedAt: '2026-12-01T03:00:20.000Z', status: 'completed', error: null,
      archived: { inferenceResults: 12_000, performanceMetrics: 300, abResults: 45 }, deleted: { detectionResults: 1, trackingResults: 1, healthSamples: 0 }, countingResultsDetached: 0,
    };
    expect(lastRunText(run)).toBe(`${dateTime(run.startedAt)}: completed, ${(12_345).toLocaleString()} rows archived`);
    expect(lastRunText({ ...run, status: 'failed', error: 'disk I/O error', archived: { inferenceResults: 1, performanceMetrics: 0, abResults: 0 } })).toBe(
      `${dateTime(run.startedAt)}: did not finish (disk I/O error), 1 row archived before it stopped; the next run continues`,
    );
    expect(lastRunText(null)).toContain('Never');
    const retention = { periods: { inferenceResultsDays: 90, performanceMetricsYears: 1, abResultsYears: 2, healthSamplesDays: 30 }, lastRun: null, lastCompletedAt: null };
    expect(nextRunText({ retention: { ...retention, nextRunAt: '2026-12-02T03:00:00.000Z', running: false } })).toBe(dateTime('2026-12-02T03:00:00.000Z'));
    expect(nextRunText({ retention: { ...retention, nextRunAt: '2026-12-02T03:00:00.000Z', running: true } })).toBe('Running now');
  });
});

describe('shortening a retention period', () => {
  const range = (key: keyof typeof SETTING_META) => SETTING_META[key];
  it('asks only about a valid, shorter retention period', () => {
    const changes = [
      { key: 'retention.days', from: 90, to: '30' },
      { key: 'retention.performance_metrics_years', from: 1, to: '3' }, // longer: nothing deleted
      { key: 'retention.ab_results_years', from: 2, to: '1.5' }, // invalid: the engine says why
      { key: 'capture.default_fps', from: 5, to: '2' }, // not retention
    ];
    const s = shortenings(changes, range);
    expect(s).toEqual([{ key: 'retention.days', from: 90, to: 30 }]);
    expect(previewInput(s)).toEqual({ inferenceResultsDays: 30 });
    expect(shortenings([{ key: 'retention.days', from: 90, to: '0' }], range)).toEqual([]);
    expect(shortenings([{ key: 'retention.ab_results_years', from: 2, to: ' 1 ' }], range)).toEqual([{ key: 'retention.ab_results_years', from: 2, to: 1 }]);
  });

  it('says what the next run will archive and delete, and nothing when nothing would go', () => {
    const preview: RetentionPreviewDto = {
      at: '2026-12-02T03:00:00.000Z',
      periods: { inferenceResultsDays: 30, performanceMetricsYears: 1, abResultsYears: 1, healthSamplesDays: 30 },
      cutoffs: { inferenceResults: '2026-11-02T03:00:00.000Z', performanceMetrics: '2025-12-02T03:00:00.000Z', abResults: '2025-12-02T03:00:00.000Z', healthSamples: '2026-11-02T03:00:00.000Z' },
      rows: { inferenceResults: 12_345, performanceMetrics: 0, abResults: 1 },
    };
    const s = [
      { key: 'retention.days' as const, from: 90, to: 30 },
      { key: 'retention.performance_metrics_years' as const, from: 2, to: 1 },
      { key: 'retention.ab_results_years' as const, from: 2, to: 1 },
    ];
    expect(shorteningSentences(s, preview)).toEqual([
      `Shortening to 30 days archives and deletes ${(12_345).toLocaleString()} inference results recorded before ${date('2026-11-02T03:00:00.000Z')} at the next run (${dateTime(preview.at)}). Their detections and tracks are deleted with them; the counts on the Dashboard stay.`,
      `Shortening to 1 year archives and deletes 1 A/B test result recorded before ${date('2025-12-02T03:00:00.000Z')} at the next run (${dateTime(preview.at)}).`,
    ]);
    expect(shorteningSentences(s, { ...preview, rows: { inferenceResults: 0, performanceMetrics: 0, abResults: 0 } })).toEqual([]);
  });
});
