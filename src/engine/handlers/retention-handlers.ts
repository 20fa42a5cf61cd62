/**
 * `health:database` (the Health page's database card) and `retention:preview` (the Settings
 * page's confirmation before a retention period is shortened): thin over db/db-stats.ts and
 * db/retention.ts. Both are cheap on any size of file: sizes come from the file system and
 * pragmas, growth from index seeks (estimateGrowth), the preview from the time indexes.
 */
import type { Handlers } from '../../shared/contract';
import type { DatabaseHealthDto, RetentionRunDto } from '../../shared/requests-retention';
import type { retentionRequests } from '../../shared/requests-retention';
import { toIso } from '../../shared/timestamps';
import { daysUntilFull, diskSpace, estimateGrowth, fileSizes, type GrowthEstimate } from '../db/db-stats';
import { lastRetentionRun, previewRetention, retentionPeriods, storedRetentionOverrides, type RetentionRunRecord } from '../db/retention';
import type { EngineContext } from '../wiring/engine-context';

type RetentionRequestName = keyof typeof retentionRequests;

/** What the handlers need of the engine's RetentionScheduler (null: none runs, e.g. the CLI). */
export interface RetentionScheduleView {
  nextRunAt(): Date | null;
  readonly busy: boolean;
}

/** The growth estimate is reused for a minute (the card polls; the data changes slowly). */
const GROWTH_TTL_MS = 60_000;

export function toRetentionRunDto(r: RetentionRunRecord): RetentionRunDto {
  return {
    id: r.id,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    status: r.status,
    error: r.error,
    archived: { inferenceResults: r.inferenceResultsArchived, performanceMetrics: r.performanceMetricsArchived, abResults: r.abResultsArchived },
    deleted: { detectionResults: r.detectionResultsDeleted, trackingResults: r.trackingResultsDeleted, healthSamples: r.healthSamplesDeleted },
    countingResultsDetached: r.countingResultsDetached,
  };
}

export function retentionHandlers(
  ctx: Pick<EngineContext, 'db' | 'dbPath'>,
  schedule: RetentionScheduleView | null,
  now: () => Date = () => new Date(),
): Pick<Handlers, RetentionRequestName> {
  const { db, dbPath } = ctx;
  const inMemory = dbPath === ':memory:' || dbPath === '';
  let cached: { at: number; runId: number | null; growth: GrowthEstimate } | null = null;

  const growth = (at: Date, runId: number | null): GrowthEstimate => {
    if (!cached || at.getTime() - cached.at > GROWTH_TTL_MS || at.getTime() < cached.at || cached.runId !== runId) {
      cached = { at: at.getTime(), runId, growth: estimateGrowth(db, at) };
    }
    return cached.growth;
  };

  return {
    'health:database': (): DatabaseHealthDto => {
      const at = now();
      const sizes = fileSizes(db, inMemory ? '' : dbPath);
      const disk = inMemory ? null : diskSpace(dbPath);
      const last = lastRetentionRun(db) ?? null;
      const g = growth(at, last?.id ?? null);
      return {
        file: dbPath,
        measuredAt: toIso(at),
        sizeBytes: sizes.sizeBytes,
        walBytes: sizes.walBytes,
        freeBytesInFile: sizes.freePages * sizes.pageSize,
        autoVacuum: sizes.autoVacuum,
        disk,
        growth: {
          bytesPerDay: g.bytesPerDay,
          addedBytesPerDay: g.addedBytesPerDay,
          windowDays: g.windowDays,
          spanDays: g.spanDays,
          method: g.method,
          tables: g.tables.filter((t) => t.bytesPerDay !== 0).map((t) => ({ table: t.table, bytesPerDay: t.bytesPerDay })),
        },
        daysUntilFull: daysUntilFull(disk?.freeBytes, g.bytesPerDay),
        retention: {
          periods: retentionPeriods(storedRetentionOverrides(db)),
          lastRun: last ? toRetentionRunDto(last) : null,
          lastCompletedAt: last?.status === 'completed' ? last.startedAt : (lastRetentionRun(db, 'completed')?.startedAt ?? null),
          nextRunAt: schedule?.nextRunAt() ? toIso(schedule.nextRunAt()!) : null,
          running: schedule?.busy ?? false,
        },
      };
    },
    'retention:preview': (input) => {
      const stored = storedRetentionOverrides(db);
      const overrides = {
        ...stored,
        ...(input.inferenceResultsDays !== undefined ? { inferenceResultsDays: input.inferenceResultsDays } : {}),
        ...(input.performanceMetricsYears !== undefined ? { performanceMetricsYears: input.performanceMetricsYears } : {}),
        ...(input.abResultsYears !== undefined ? { abResultsYears: input.abResultsYears } : {}),
      };
      // "at the next run": the cut-offs of the run that would apply the new period.
      const next = schedule?.nextRunAt() ?? null;
      const at = next && next.getTime() > now().getTime() ? next : now();
      return previewRetention(db, at, overrides);
    },
  };
}
