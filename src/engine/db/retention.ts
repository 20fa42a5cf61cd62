import { toIso } from '../../shared/timestamps';
import { DbError, errorMessage } from './db-error';
import type { SqliteDatabase } from './open-database';

/** The seed's cleanup_old_ai_data() periods, plus health samples (a Footfall table). */
export const RETENTION_POLICY = {
  inferenceResultsDays: 90,
  performanceMetricsYears: 1,
  abResultsYears: 2,
  healthSamplesDays: 30,
} as const;

export interface RetentionCutoffs {
  inferenceResults: string;
  performanceMetrics: string;
  abResults: string;
  healthSamples: string;
}

export interface RetentionResult {
  runId: number;
  cutoffs: RetentionCutoffs;
  archived: { inferenceResults: number; performanceMetrics: number; abResults: number };
  deleted: {
    inferenceResults: number;
    /** Removed with their inference by ON DELETE CASCADE. */
    detectionResults: number;
    trackingResults: number;
    performanceMetrics: number;
    abResults: number;
    healthSamples: number;
  };
  /** Counting events kept, with inference_id / detection_id set to NULL (ON DELETE SET NULL). */
  countingResultsDetached: number;
}

const DAY_MS = 86_400_000;

function yearsBefore(now: Date, years: number): Date {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
}

/** The shop may keep detailed results for a different number of days (setting `retention.days`). */
export interface RetentionOverrides {
  inferenceResultsDays?: number;
}

export function retentionCutoffs(now: Date, overrides: RetentionOverrides = {}): RetentionCutoffs {
  const inferenceDays = overrides.inferenceResultsDays ?? RETENTION_POLICY.inferenceResultsDays;
  return {
    inferenceResults: toIso(new Date(now.getTime() - inferenceDays * DAY_MS)),
    performanceMetrics: toIso(yearsBefore(now, RETENTION_POLICY.performanceMetricsYears)),
    abResults: toIso(yearsBefore(now, RETENTION_POLICY.abResultsYears)),
    healthSamples: toIso(new Date(now.getTime() - RETENTION_POLICY.healthSamplesDays * DAY_MS)),
  };
}

/**
 * INSERT INTO archive SELECT … then DELETE, like the seed, but by column name instead of `SELECT *`
 * so the copy cannot silently shift columns; an archive missing a source column fails the run.
 */
function archiveAndDelete(db: SqliteDatabase, source: string, archive: string, timeColumn: string, cutoff: string, archivedAt: string): number {
  const sourceColumns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(source) as string[];
  const archiveColumns = new Set(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(archive) as string[]);
  const missing = sourceColumns.filter((c) => !archiveColumns.has(c));
  if (archiveColumns.size === 0) throw new Error(`archive table ${archive} does not exist`);
  if (missing.length > 0) throw new Error(`archive table ${archive} lacks column(s) ${missing.join(', ')}`);
  const cols = sourceColumns.join(', ');
  const copied = db
    .prepare(`INSERT INTO ${archive} (${cols}, archived_at) SELECT ${cols}, ? FROM ${source} WHERE ${timeColumn} < ?`)
    .run(archivedAt, cutoff).changes;
  const deleted = db.prepare(`DELETE FROM ${source} WHERE ${timeColumn} < ?`).run(cutoff).changes;
  if (copied !== deleted) throw new Error(`${source}: archived ${copied} rows but deleted ${deleted}`);
  return deleted;
}

function count(db: SqliteDatabase, sql: string, ...params: string[]): number {
  return db.prepare(sql).pluck().get(...params) as number;
}

const OLD_INFERENCES = 'SELECT inference_id FROM model_inference_results WHERE input_timestamp < ?';
const OLD_DETECTIONS = `SELECT detection_id FROM detection_results WHERE inference_id IN (${OLD_INFERENCES})`;

/**
 * The nightly job: archives and deletes inference results older than 90 days, performance
 * metrics older than a year and A/B results older than two years, in ONE transaction (a failure
 * changes nothing), then logs the run in retention_runs. A failed run is logged afterwards, in its
 * own transaction, and rethrown as RETENTION_FAILED. `now` is the logical run time (tests pass one).
 */
export function runRetention(db: SqliteDatabase, now: Date = new Date(), overrides: RetentionOverrides = {}): RetentionResult {
  const cutoffs = retentionCutoffs(now, overrides);
  const startedAt = toIso(now);
  const began = performance.now();
  const finishedAt = (): string => toIso(new Date(now.getTime() + Math.round(performance.now() - began)));
  const run = db.transaction((): RetentionResult => {
    const inferenceCutoff = cutoffs.inferenceResults;
    // Cascades are not counted by changes(): count what they will touch before deleting.
    const detectionResults = count(db, `SELECT count(*) FROM detection_results WHERE inference_id IN (${OLD_INFERENCES})`, inferenceCutoff);
    const trackingResults = count(
      db,
      `SELECT count(*) FROM tracking_results WHERE inference_id IN (${OLD_INFERENCES}) OR detection_id IN (${OLD_DETECTIONS})`,
      inferenceCutoff,
      inferenceCutoff,
    );
    const countingResultsDetached = count(
      db,
      `SELECT count(*) FROM counting_results WHERE inference_id IN (${OLD_INFERENCES}) OR detection_id IN (${OLD_DETECTIONS})`,
      inferenceCutoff,
      inferenceCutoff,
    );
    const inferenceResults = archiveAndDelete(db, 'model_inference_results', 'inference_results_archive', 'input_timestamp', inferenceCutoff, startedAt);
    const performanceMetrics = archiveAndDelete(
      db, 'model_performance_metrics', 'performance_metrics_archive', 'metric_timestamp', cutoffs.performanceMetrics, startedAt,
    );
    const abResults = archiveAndDelete(db, 'ab_testing_results', 'ab_results_archive', 'result_timestamp', cutoffs.abResults, startedAt);
    const healthSamples = db.prepare('DELETE FROM camera_health_samples WHERE sampled_at < ?').run(cutoffs.healthSamples).changes;

    const runId = Number(
      db
        .prepare(
          `INSERT INTO retention_runs (started_at, finished_at, status, inference_results_archived, inference_results_deleted,
             detection_results_deleted, tracking_results_deleted, counting_results_detached, performance_metrics_archived,
             performance_metrics_deleted, ab_results_archived, ab_results_deleted, health_samples_deleted)
           VALUES (?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(startedAt, finishedAt(), inferenceResults, inferenceResults, detectionResults, trackingResults, countingResultsDetached,
          performanceMetrics, performanceMetrics, abResults, abResults, healthSamples).lastInsertRowid,
    );
    return {
      runId,
      cutoffs,
      archived: { inferenceResults, performanceMetrics, abResults },
      deleted: { inferenceResults, detectionResults, trackingResults, performanceMetrics, abResults, healthSamples },
      countingResultsDetached,
    };
  });
  try {
    return run.immediate();
  } catch (err) {
    try {
      db.prepare("INSERT INTO retention_runs (started_at, finished_at, status, error) VALUES (?, ?, 'failed', ?)").run(
        startedAt, finishedAt(), errorMessage(err).slice(0, 2000),
      );
    } catch {
      // The log is best effort: the database may be the thing that is broken.
    }
    throw new DbError('RETENTION_FAILED', `retention run failed and changed nothing: ${errorMessage(err)}`, err);
  }
}

export interface RetentionRunRecord {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: 'completed' | 'failed';
  error: string | null;
}

/** The latest run, or the latest with the given status. */
export function lastRetentionRun(db: SqliteDatabase, status?: 'completed' | 'failed'): RetentionRunRecord | undefined {
  return db
    .prepare(
      `SELECT id, started_at AS startedAt, finished_at AS finishedAt, status, error FROM retention_runs
       WHERE (@status IS NULL OR status = @status) ORDER BY started_at DESC, id DESC LIMIT 1`,
    )
    .get({ status: status ?? null }) as RetentionRunRecord | undefined;
}
