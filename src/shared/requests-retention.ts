/**
 * Retention and the database's health (issue 11, part 2). Spread into `requests` in contract.ts.
 * Handlers: src/engine/handlers/retention-handlers.ts; the work: src/engine/db/retention.ts and
 * db-stats.ts.
 */
import { z } from 'zod';
import { emptyInput, request } from './request-spec';
import { settingSchemas } from './settings-schema';

export interface RetentionPeriodsDto {
  inferenceResultsDays: number;
  performanceMetricsYears: number;
  abResultsYears: number;
  healthSamplesDays: number;
}

export interface RetentionCutoffsDto {
  inferenceResults: string;
  performanceMetrics: string;
  abResults: string;
  healthSamples: string;
}

/** One nightly run as retention_runs records it (a failed one: how far it got). */
export interface RetentionRunDto {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: 'completed' | 'failed';
  error: string | null;
  archived: { inferenceResults: number; performanceMetrics: number; abResults: number };
  deleted: { detectionResults: number; trackingResults: number; healthSamples: number };
  countingResultsDetached: number;
}

/** `health:database`: cheap enough to poll (sizes from the file system, growth estimated). */
export interface DatabaseHealthDto {
  file: string;
  measuredAt: string;
  sizeBytes: number;
  walBytes: number;
  /** Empty pages inside the file (new rows reuse them before the file grows). */
  freeBytesInFile: number;
  autoVacuum: 'none' | 'full' | 'incremental';
  /** The volume holding the file; null where it cannot be read (an in-memory database). */
  disk: { freeBytes: number; totalBytes: number } | null;
  growth: {
    /** Net bytes per day (written less what retention removed), at least 0. */
    bytesPerDay: number;
    addedBytesPerDay: number;
    windowDays: number;
    spanDays: number;
    method: string;
    tables: Array<{ table: string; bytesPerDay: number }>;
  };
  /** Free disk ÷ growth per day; null when nothing grows. */
  daysUntilFull: number | null;
  retention: {
    periods: RetentionPeriodsDto;
    lastRun: RetentionRunDto | null;
    lastCompletedAt: string | null;
    nextRunAt: string | null;
    running: boolean;
  };
}

/** What the next run would archive with these periods (before a period is shortened). */
export interface RetentionPreviewDto {
  /** The run the counts are for: the next planned one (or now, when none is planned). */
  at: string;
  periods: RetentionPeriodsDto;
  cutoffs: RetentionCutoffsDto;
  rows: { inferenceResults: number; performanceMetrics: number; abResults: number };
}

export const retentionRequests = {
  // Same audience as the rest of the Health page.
  'health:database': request<DatabaseHealthDto>()(emptyInput, 'viewer'),
  // Asked by the Settings page before an admin saves a shorter period (settings:set is admin-only).
  'retention:preview': request<RetentionPreviewDto>()(
    z.strictObject({
      inferenceResultsDays: settingSchemas['retention.days'].optional(),
      performanceMetricsYears: settingSchemas['retention.performance_metrics_years'].optional(),
      abResultsYears: settingSchemas['retention.ab_results_years'].optional(),
    }),
    'admin',
  ),
} as const;
