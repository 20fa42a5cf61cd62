/**
 * The seed's nightly `cleanup_old_ai_data()` (docs/seed-ai-model-data-integration.md):
 *
 *   INSERT INTO inference_results_archive   SELECT * FROM model_inference_results   WHERE input_timestamp  < NOW() - INTERVAL '90 days';  DELETE …
 *   INSERT INTO performance_metrics_archive SELECT * FROM model_performance_metrics WHERE metric_timestamp < NOW() - INTERVAL '1 year';   DELETE …
 *   INSERT INTO ab_results_archive          SELECT * FROM ab_testing_results        WHERE result_timestamp < NOW() - INTERVAL '2 years';  DELETE …
 *
 * with the periods from Settings (`retention.days`, `retention.performance_metrics_years`,
 * `retention.ab_results_years`), plus Footfall's own camera health samples (30 days, deleted).
 *
 * In chunks, not one transaction: a day of one busy shop is over a million inference rows, and
 * one transaction over them would hold SQLite's write lock — and, in the engine's process, the
 * event loop the cameras count on — for seconds. Each chunk is one short IMMEDIATE transaction
 * that copies up to N rows (by their ordered ids) into the archive and deletes them, so every
 * chunk is atomic: a row is either archived and deleted or untouched, and a run that fails or is
 * stopped half-way leaves consistent data that the next run continues from. N adapts so that a
 * chunk takes about `targetChunkMs` (20 ms; sized in proportion to the last chunk's time, at
 * most ×1.5 up and ÷4 down); the async variant awaits setImmediate between chunks so the frame loop and the result
 * writer get the lock, and the CLI (another process) also pauses as long as the chunk took.
 *
 * Children go with their inference: detection_results and tracking_results by ON DELETE CASCADE
 * (counted per chunk before the delete, as changes() does not count cascades); counting_results
 * — the shop's footfall, and the source of counting_hourly and the Dashboard — are kept with
 * inference_id / detection_id set to NULL (ON DELETE SET NULL).
 *
 * After the deletes: `PRAGMA incremental_vacuum` in steps (the file can shrink only with
 * auto_vacuum=INCREMENTAL, which open-database.ts sets on new files; an older file small enough
 * is converted once here with VACUUM, a larger one with `footfall db vacuum`), then
 * `PRAGMA wal_checkpoint(TRUNCATE)` so the main file is cut to its new size and the WAL emptied.
 */
import { settingSchemas } from '../../shared/settings-schema';
import { toIso } from '../../shared/timestamps';
import { DbError, errorMessage } from './db-error';
import type { SqliteDatabase } from './open-database';
import fs from 'node:fs';

/** The seed's cleanup_old_ai_data() periods, plus health samples (a Footfall table). */
export const RETENTION_POLICY = {
  inferenceResultsDays: 90,
  performanceMetricsYears: 1,
  abResultsYears: 2,
  healthSamplesDays: 30,
} as const;

/** The settings that override the seed's periods (read at each run). */
export const RETENTION_SETTINGS = {
  inferenceResultsDays: 'retention.days',
  performanceMetricsYears: 'retention.performance_metrics_years',
  abResultsYears: 'retention.ab_results_years',
} as const;

export interface RetentionCutoffs {
  inferenceResults: string;
  performanceMetrics: string;
  abResults: string;
  healthSamples: string;
}

/** The shop may keep each kind of result for another period than the seed's (Settings). */
export interface RetentionOverrides {
  inferenceResultsDays?: number;
  performanceMetricsYears?: number;
  abResultsYears?: number;
}

export interface RetentionPeriods {
  inferenceResultsDays: number;
  performanceMetricsYears: number;
  abResultsYears: number;
  healthSamplesDays: number;
}

export interface RetentionFileReport {
  /** The main database file, before the run and after the checkpoint. */
  bytesBefore: number;
  bytesAfter: number;
  walBytesBefore: number;
  walBytesAfter: number;
  /** bytesBefore + walBytesBefore − bytesAfter − walBytesAfter (negative when the file grew). */
  freedBytes: number;
  autoVacuum: 'none' | 'full' | 'incremental';
  /** An older file (auto_vacuum NONE) small enough was converted to INCREMENTAL by VACUUM. */
  converted: boolean;
  /** Free pages given back to the file system by incremental_vacuum. */
  vacuumedPages: number;
  /** 'truncated': WAL copied and emptied; 'busy': a reader held an old snapshot (tried again next run). */
  checkpoint: 'truncated' | 'busy' | 'skipped';
}

export interface RetentionResult {
  runId: number;
  /** 'stopped': the engine was closing; the run is logged as failed and the next one continues. */
  status: 'completed' | 'stopped';
  /** The logical run time the cutoffs are measured from. */
  now: string;
  periods: RetentionPeriods;
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
  /** Write transactions of archive + delete. */
  chunks: number;
  /** The longest single write transaction of the run (a chunk, a vacuum step, the checkpoint). */
  longestLockMs: number;
  /** Wall time of the whole run, pauses included. */
  durationMs: number;
  file: RetentionFileReport;
}

const DAY_MS = 86_400_000;

/**
 * PostgreSQL's `timestamp - INTERVAL 'n years'` (in UTC): same month and day n years back, the
 * day clamped to the month's end (29 Feb 2024 − 1 year = 28 Feb 2023, not 1 March).
 */
export function yearsBefore(now: Date, years: number): Date {
  const d = new Date(now.getTime());
  const month = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  if (d.getUTCMonth() !== month) d.setUTCDate(0);
  return d;
}

export function retentionPeriods(overrides: RetentionOverrides = {}): RetentionPeriods {
  return {
    inferenceResultsDays: overrides.inferenceResultsDays ?? RETENTION_POLICY.inferenceResultsDays,
    performanceMetricsYears: overrides.performanceMetricsYears ?? RETENTION_POLICY.performanceMetricsYears,
    abResultsYears: overrides.abResultsYears ?? RETENTION_POLICY.abResultsYears,
    healthSamplesDays: RETENTION_POLICY.healthSamplesDays,
  };
}

export function retentionCutoffs(now: Date, overrides: RetentionOverrides = {}): RetentionCutoffs {
  const p = retentionPeriods(overrides);
  return {
    inferenceResults: toIso(new Date(now.getTime() - p.inferenceResultsDays * DAY_MS)),
    performanceMetrics: toIso(yearsBefore(now, p.performanceMetricsYears)),
    abResults: toIso(yearsBefore(now, p.abResultsYears)),
    healthSamples: toIso(new Date(now.getTime() - p.healthSamplesDays * DAY_MS)),
  };
}

/** The periods stored in Settings; a missing or invalid value leaves the seed's period. */
export function storedRetentionOverrides(db: SqliteDatabase): RetentionOverrides {
  const read = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const out: RetentionOverrides = {};
  for (const [field, key] of Object.entries(RETENTION_SETTINGS) as Array<[keyof RetentionOverrides, keyof typeof settingSchemas]>) {
    const text = read.get(key);
    if (typeof text !== 'string') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    const parsed = settingSchemas[key].safeParse(value);
    if (parsed.success && typeof parsed.data === 'number') out[field] = parsed.data;
  }
  return out;
}

/** What a run with these periods would archive now (the Settings page's confirmation). */
export interface RetentionPreview {
  at: string;
  periods: RetentionPeriods;
  cutoffs: RetentionCutoffs;
  rows: { inferenceResults: number; performanceMetrics: number; abResults: number };
}

/** Counts by the time indexes (no join): cheap enough to ask before saving a setting. */
export function previewRetention(db: SqliteDatabase, at: Date, overrides: RetentionOverrides = {}): RetentionPreview {
  const cutoffs = retentionCutoffs(at, overrides);
  const n = (sql: string, cutoff: string): number => db.prepare(sql).pluck().get(cutoff) as number;
  return {
    at: toIso(at),
    periods: retentionPeriods(overrides),
    cutoffs,
    rows: {
      inferenceResults: n('SELECT count(*) FROM model_inference_results WHERE input_timestamp < ?', cutoffs.inferenceResults),
      performanceMetrics: n('SELECT count(*) FROM model_performance_metrics WHERE metric_timestamp < ?', cutoffs.performanceMetrics),
      abResults: n('SELECT count(*) FROM ab_testing_results WHERE result_timestamp < ?', cutoffs.abResults),
    },
  };
}

export interface RetentionRunOptions {
  overrides?: RetentionOverrides;
  /** Aim of one chunk's transaction (default 20 ms: a fifth of the 100 ms counting may wait). */
  targetChunkMs?: number;
  /** Rows of the first chunk, and the bounds the adaptive size stays within. */
  chunkRows?: { initial?: number; min?: number; max?: number };
  /** Monotonic milliseconds (default performance.now); tests pass a fake one. */
  clock?: () => number;
  /** Async variant only: awaited between transactions (default: one setImmediate turn). */
  pause?: (lastTransactionMs: number) => Promise<void>;
  /** Async variant only: asked between transactions; true ends the run there (engine closing). */
  shouldStop?: () => boolean;
  /** After each chunk (progress, tests). */
  onChunk?: (chunk: RetentionChunk) => void;
  /** The database file (for the sizes; default: the connection's own file name). */
  file?: string;
  /** An auto_vacuum NONE file up to this size is converted with one VACUUM (default 4 MiB). */
  convertMaxBytes?: number;
}

export interface RetentionChunk {
  table: 'model_inference_results' | 'model_performance_metrics' | 'ab_testing_results' | 'camera_health_samples' | 'vacuum' | 'checkpoint';
  rows: number;
  /** The transaction's wall time by `clock`: how long the write lock was held. */
  ms: number;
  /**
   * The process's CPU time over the same transaction: the chunk's own work. Above `ms` only when
   * other threads ran too; well below it when the OS gave the CPU to another process meanwhile.
   */
  cpuMs: number;
}

interface Tally {
  archived: RetentionResult['archived'];
  deleted: RetentionResult['deleted'];
  countingResultsDetached: number;
  chunks: number;
  longestLockMs: number;
}

const DEFAULT_TARGET_MS = 20;
const DEFAULT_CHUNK = { initial: 256, min: 16, max: 20_000 } as const;
const VACUUM_PAGES = { initial: 256, min: 16, max: 20_000 } as const;
const DEFAULT_CONVERT_MAX_BYTES = 4 * 1024 * 1024;

/**
 * The next step's size from the last one's time: proportional to target / ms, but at most ×1.5
 * up (a quick step may have been lucky) and at least a quarter down (a slow one may have been
 * a one-off), within bounds. A step stays near the target without swinging.
 */
function nextSize(size: number, ms: number, target: number, bounds: { min: number; max: number }): number {
  const factor = Math.min(1.5, Math.max(0.25, target / Math.max(ms, 0.01)));
  return Math.min(bounds.max, Math.max(bounds.min, Math.round(size * factor)));
}

const fileSize = (f: string): number => {
  try {
    return fs.statSync(f).size;
  } catch {
    return 0;
  }
};

const AUTO_VACUUM = ['none', 'full', 'incremental'] as const;

/** One archived table: the source columns (checked against the archive before anything changes). */
interface ArchiveSpec {
  table: 'model_inference_results' | 'model_performance_metrics' | 'ab_testing_results';
  archive: string;
  timeColumn: string;
  key: 'inferenceResults' | 'performanceMetrics' | 'abResults';
}

const ARCHIVES: readonly ArchiveSpec[] = [
  { table: 'model_inference_results', archive: 'inference_results_archive', timeColumn: 'input_timestamp', key: 'inferenceResults' },
  { table: 'model_performance_metrics', archive: 'performance_metrics_archive', timeColumn: 'metric_timestamp', key: 'performanceMetrics' },
  { table: 'ab_testing_results', archive: 'ab_results_archive', timeColumn: 'result_timestamp', key: 'abResults' },
];

/**
 * Copies by column name instead of the seed's `SELECT *`, so the copy cannot silently shift
 * columns; an archive missing a source column fails the run before any row moves.
 */
function archiveColumns(db: SqliteDatabase, spec: ArchiveSpec): string {
  const sourceColumns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(spec.table) as string[];
  const archiveCols = new Set(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(spec.archive) as string[]);
  if (archiveCols.size === 0) throw new Error(`archive table ${spec.archive} does not exist`);
  const missing = sourceColumns.filter((c) => !archiveCols.has(c));
  if (missing.length > 0) throw new Error(`archive table ${spec.archive} lacks column(s) ${missing.join(', ')}`);
  return sourceColumns.join(', ');
}

const IDS = 'SELECT value FROM json_each(@ids)';
const INFS = 'SELECT value FROM json_each(@infs)';

/**
 * The run as a sequence of write transactions: the generator yields the duration of each one
 * (the driver pauses there), and returns the result. Sync and async drivers share it.
 */
function* retentionSteps(db: SqliteDatabase, now: Date, o: RetentionRunOptions, tally: Tally, clock: () => number): Generator<number, Omit<RetentionResult, 'runId' | 'status' | 'durationMs'>, void> {
  const periods = retentionPeriods(o.overrides);
  const cutoffs = retentionCutoffs(now, o.overrides);
  const archivedAt = toIso(now);
  const target = o.targetChunkMs ?? DEFAULT_TARGET_MS;
  const bounds = { ...DEFAULT_CHUNK, ...o.chunkRows };
  const file = o.file ?? db.name;
  const bytesBefore = fileSize(file);
  const walBytesBefore = fileSize(`${file}-wal`);
  const columns = new Map(ARCHIVES.map((spec) => [spec.table, archiveColumns(db, spec)]));

  const timed = <T>(fn: () => T): { value: T; ms: number; cpuMs: number } => {
    const cpu0 = process.cpuUsage();
    const t0 = clock();
    const value = fn();
    const ms = clock() - t0;
    const cpu = process.cpuUsage(cpu0);
    tally.longestLockMs = Math.max(tally.longestLockMs, ms);
    return { value, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
  };

  // --- archive + delete, chunk by chunk, oldest first ------------------------------------------
  for (const spec of ARCHIVES) {
    const cutoff = cutoffs[spec.key];
    const cols = columns.get(spec.table)!;
    // Inference rows: oldest first by their time index. The two small tables have no time index:
    // in id order the scan stops after n matches (old rows have the low ids) instead of sorting.
    const order = spec.key === 'inferenceResults' ? `${spec.timeColumn}, id` : 'id';
    const pick = db.prepare(`SELECT id${spec.key === 'inferenceResults' ? ', inference_id' : ''} FROM ${spec.table} WHERE ${spec.timeColumn} < @cutoff ORDER BY ${order} LIMIT @n`);
    const copy = db.prepare(`INSERT INTO ${spec.archive} (${cols}, archived_at) SELECT ${cols}, @at FROM ${spec.table} WHERE id IN (${IDS}) ORDER BY id`);
    const remove = db.prepare(`DELETE FROM ${spec.table} WHERE id IN (${IDS})`);
    const children =
      spec.key === 'inferenceResults'
        ? {
            detections: db.prepare(`SELECT count(*) FROM detection_results WHERE inference_id IN (${INFS})`).pluck(),
            tracks: db
              .prepare(
                `SELECT count(*) FROM tracking_results WHERE inference_id IN (${INFS})
                    OR detection_id IN (SELECT detection_id FROM detection_results WHERE inference_id IN (${INFS}))`,
              )
              .pluck(),
            counts: db
              .prepare(
                `SELECT count(*) FROM counting_results WHERE inference_id IN (${INFS})
                    OR detection_id IN (SELECT detection_id FROM detection_results WHERE inference_id IN (${INFS}))`,
              )
              .pluck(),
          }
        : null;
    let size = bounds.initial;
    const chunk = db.transaction((n: number) => {
      const rows = pick.all({ cutoff, n }) as Array<{ id: number; inference_id?: string }>;
      if (rows.length === 0) return { rows: 0, detections: 0, tracks: 0, counts: 0 };
      const ids = JSON.stringify(rows.map((r) => r.id));
      let detections = 0;
      let tracks = 0;
      let counts = 0;
      if (children) {
        // Cascades are not counted by changes(): count what they will touch before deleting.
        const infs = JSON.stringify(rows.map((r) => r.inference_id));
        detections = children.detections.get({ infs }) as number;
        tracks = children.tracks.get({ infs }) as number;
        counts = children.counts.get({ infs }) as number;
      }
      const copied = copy.run({ ids, at: archivedAt }).changes;
      const deleted = remove.run({ ids }).changes;
      if (copied !== rows.length || deleted !== rows.length) throw new Error(`${spec.table}: archived ${copied} and deleted ${deleted} of ${rows.length} rows`);
      return { rows: rows.length, detections, tracks, counts };
    });
    for (;;) {
      const { value: r, ms, cpuMs } = timed(() => chunk.immediate(size));
      if (r.rows === 0) {
        o.onChunk?.({ table: spec.table, rows: 0, ms, cpuMs });
        yield ms;
        break;
      }
      tally.chunks++;
      tally.archived[spec.key] += r.rows;
      tally.deleted[spec.key] += r.rows;
      tally.deleted.detectionResults += r.detections;
      tally.deleted.trackingResults += r.tracks;
      tally.countingResultsDetached += r.counts;
      o.onChunk?.({ table: spec.table, rows: r.rows, ms, cpuMs });
      const full = r.rows === size;
      size = nextSize(size, ms, target, bounds);
      yield ms;
      if (!full) break;
    }
  }

  // --- health samples: deleted (no archive), same chunks -----------------------------------------
  {
    const remove = db.prepare(
      'DELETE FROM camera_health_samples WHERE rowid IN (SELECT rowid FROM camera_health_samples WHERE sampled_at < @cutoff ORDER BY sampled_at LIMIT @n)',
    );
    let size = bounds.initial;
    for (;;) {
      const { value: n, ms, cpuMs } = timed(() => db.transaction(() => remove.run({ cutoff: cutoffs.healthSamples, n: size }).changes).immediate());
      if (n === 0) {
        o.onChunk?.({ table: 'camera_health_samples', rows: 0, ms, cpuMs });
        yield ms;
        break;
      }
      tally.chunks++;
      tally.deleted.healthSamples += n;
      o.onChunk?.({ table: 'camera_health_samples', rows: n, ms, cpuMs });
      const full = n === size;
      size = nextSize(size, ms, target, bounds);
      yield ms;
      if (!full) break;
    }
  }

  // --- give the space back: incremental vacuum in steps, then a truncating checkpoint ------------
  let autoVacuum = AUTO_VACUUM[db.pragma('auto_vacuum', { simple: true }) as number] ?? 'none';
  let converted = false;
  let vacuumedPages = 0;
  const memory = file === '' || file === ':memory:';
  if (autoVacuum === 'none' && !memory && bytesBefore + walBytesBefore <= (o.convertMaxBytes ?? DEFAULT_CONVERT_MAX_BYTES)) {
    // One-time conversion of a small older file (VACUUM rewrites it whole: only while it is quick).
    const { ms, cpuMs } = timed(() => {
      db.pragma('auto_vacuum = INCREMENTAL');
      db.exec('VACUUM');
    });
    autoVacuum = AUTO_VACUUM[db.pragma('auto_vacuum', { simple: true }) as number] ?? 'none';
    converted = autoVacuum === 'incremental';
    o.onChunk?.({ table: 'vacuum', rows: 0, ms, cpuMs });
    yield ms;
  }
  if (autoVacuum === 'incremental') {
    let pages: number = VACUUM_PAGES.initial;
    for (;;) {
      const free = db.pragma('freelist_count', { simple: true }) as number;
      if (free === 0) break;
      const step = Math.min(pages, free);
      const { ms, cpuMs } = timed(() => db.pragma(`incremental_vacuum(${step})`));
      const freed = free - (db.pragma('freelist_count', { simple: true }) as number);
      vacuumedPages += freed;
      o.onChunk?.({ table: 'vacuum', rows: freed, ms, cpuMs });
      pages = nextSize(pages, ms, target, VACUUM_PAGES);
      yield ms;
      if (freed <= 0) break;
    }
  }
  let checkpoint: RetentionFileReport['checkpoint'] = 'skipped';
  let checkpointMs = 0;
  if (!memory && (db.pragma('journal_mode', { simple: true }) as string) === 'wal') {
    // Never wait on a reader here: a busy checkpoint is retried by the next run instead.
    const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    try {
      const { value, ms, cpuMs } = timed(() => {
        try {
          return db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
        } catch (err) {
          // Another statement or connection holds the WAL (SQLITE_BUSY / SQLITE_LOCKED): the data
          // work is done and whole; the next run (or SQLite's own checkpoints) copies the WAL.
          if (/^SQLITE_(BUSY|LOCKED)/.test(String((err as { code?: unknown }).code))) return [{ busy: 1 }];
          throw err;
        }
      });
      checkpoint = value[0]?.busy ? 'busy' : 'truncated';
      o.onChunk?.({ table: 'checkpoint', rows: 0, ms, cpuMs });
      checkpointMs = ms;
    } finally {
      db.pragma(`busy_timeout = ${busyTimeout}`);
    }
    yield checkpointMs;
  }
  const bytesAfter = fileSize(file);
  const walBytesAfter = fileSize(`${file}-wal`);
  return {
    now: archivedAt,
    periods,
    cutoffs,
    archived: tally.archived,
    deleted: tally.deleted,
    countingResultsDetached: tally.countingResultsDetached,
    chunks: tally.chunks,
    longestLockMs: Math.round(tally.longestLockMs * 100) / 100,
    file: {
      bytesBefore,
      bytesAfter,
      walBytesBefore,
      walBytesAfter,
      freedBytes: bytesBefore + walBytesBefore - bytesAfter - walBytesAfter,
      autoVacuum,
      converted,
      vacuumedPages,
      checkpoint,
    },
  };
}

function newTally(): Tally {
  return {
    archived: { inferenceResults: 0, performanceMetrics: 0, abResults: 0 },
    deleted: { inferenceResults: 0, detectionResults: 0, trackingResults: 0, performanceMetrics: 0, abResults: 0, healthSamples: 0 },
    countingResultsDetached: 0,
    chunks: 0,
    longestLockMs: 0,
  };
}

/** One row in retention_runs: what was done (all of it, or how far a failed run got). */
function logRun(db: SqliteDatabase, startedAt: string, finishedAt: string, status: 'completed' | 'failed', error: string | null, t: Tally): number {
  return Number(
    db
      .prepare(
        `INSERT INTO retention_runs (started_at, finished_at, status, error, inference_results_archived, inference_results_deleted,
           detection_results_deleted, tracking_results_deleted, counting_results_detached, performance_metrics_archived,
           performance_metrics_deleted, ab_results_archived, ab_results_deleted, health_samples_deleted)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        startedAt, finishedAt, status, error, t.archived.inferenceResults, t.deleted.inferenceResults, t.deleted.detectionResults,
        t.deleted.trackingResults, t.countingResultsDetached, t.archived.performanceMetrics, t.deleted.performanceMetrics,
        t.archived.abResults, t.deleted.abResults, t.deleted.healthSamples,
      ).lastInsertRowid,
  );
}

function progressText(t: Tally): string {
  const moved = t.archived.inferenceResults + t.archived.performanceMetrics + t.archived.abResults;
  return `${t.chunks} chunk${t.chunks === 1 ? '' : 's'} done, ${moved} row${moved === 1 ? '' : 's'} archived`;
}

interface Driver {
  startedAt: string;
  finishedAt: () => string;
  elapsed: () => number;
  tally: Tally;
  steps: Generator<number, Omit<RetentionResult, 'runId' | 'status' | 'durationMs'>, void>;
}

function startRun(db: SqliteDatabase, now: Date, o: RetentionRunOptions): Driver {
  const clock = o.clock ?? (() => performance.now());
  const began = clock();
  const startedAt = toIso(now);
  const tally = newTally();
  return {
    startedAt,
    elapsed: () => clock() - began,
    finishedAt: () => toIso(new Date(now.getTime() + Math.max(0, Math.round(clock() - began)))),
    tally,
    steps: retentionSteps(db, now, o, tally, clock),
  };
}

function failRun(db: SqliteDatabase, d: Driver, err: unknown): DbError {
  const done = progressText(d.tally);
  try {
    logRun(db, d.startedAt, d.finishedAt(), 'failed', `${errorMessage(err)} (after ${done})`.slice(0, 2000), d.tally);
  } catch {
    // The log is best effort: the database may be the thing that is broken.
  }
  const changed = d.tally.chunks === 0 ? 'changed nothing' : `stopped after ${done}; every chunk is whole and the next run continues`;
  return new DbError('RETENTION_FAILED', `retention run failed and ${changed}: ${errorMessage(err)}`, err);
}

function finishRun(db: SqliteDatabase, d: Driver, r: Omit<RetentionResult, 'runId' | 'status' | 'durationMs'>): RetentionResult {
  const runId = logRun(db, d.startedAt, d.finishedAt(), 'completed', null, d.tally);
  return { runId, status: 'completed', ...r, durationMs: Math.round(d.elapsed()) };
}

/**
 * The whole run synchronously, chunk after chunk without pausing (the CLI on a file nothing else
 * writes, tests). The engine uses runRetentionChunked. A failure is logged as a failed run with
 * how far it got, and rethrown as RETENTION_FAILED.
 */
export function runRetention(db: SqliteDatabase, now: Date = new Date(), o: RetentionRunOptions = {}): RetentionResult {
  const d = startRun(db, now, o);
  try {
    for (;;) {
      const step = d.steps.next();
      if (step.done) return finishRun(db, d, step.value);
    }
  } catch (err) {
    throw failRun(db, d, err);
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The engine's run: awaits `pause` (default one setImmediate turn) after every transaction, so
 * the frame loop and the result writer of the same process run between chunks; `shouldStop`
 * ends it between two chunks (logged as failed — the next run continues).
 */
export async function runRetentionChunked(db: SqliteDatabase, now: Date = new Date(), o: RetentionRunOptions = {}): Promise<RetentionResult> {
  const d = startRun(db, now, o);
  const pause = o.pause ?? nextTurn;
  try {
    for (;;) {
      const step = d.steps.next();
      if (step.done) return finishRun(db, d, step.value);
      await pause(step.value);
      if (o.shouldStop?.()) {
        d.steps.return(undefined as never);
        const runId = logRun(db, d.startedAt, d.finishedAt(), 'failed', `stopped before it finished (the app was closing) after ${progressText(d.tally)}`, d.tally);
        return { runId, status: 'stopped', ...partialResult(db, now, o, d), durationMs: Math.round(d.elapsed()) };
      }
    }
  } catch (err) {
    throw failRun(db, d, err);
  }
}

function partialResult(db: SqliteDatabase, now: Date, o: RetentionRunOptions, d: Driver): Omit<RetentionResult, 'runId' | 'status' | 'durationMs'> {
  const file = o.file ?? db.name;
  const bytes = fileSize(file);
  const wal = fileSize(`${file}-wal`);
  return {
    now: toIso(now),
    periods: retentionPeriods(o.overrides),
    cutoffs: retentionCutoffs(now, o.overrides),
    archived: d.tally.archived,
    deleted: d.tally.deleted,
    countingResultsDetached: d.tally.countingResultsDetached,
    chunks: d.tally.chunks,
    longestLockMs: Math.round(d.tally.longestLockMs * 100) / 100,
    file: {
      bytesBefore: bytes, bytesAfter: bytes, walBytesBefore: wal, walBytesAfter: wal, freedBytes: 0,
      autoVacuum: AUTO_VACUUM[db.pragma('auto_vacuum', { simple: true }) as number] ?? 'none',
      converted: false, vacuumedPages: 0, checkpoint: 'skipped',
    },
  };
}

export interface RetentionRunRecord {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: 'completed' | 'failed';
  error: string | null;
  inferenceResultsArchived: number;
  performanceMetricsArchived: number;
  abResultsArchived: number;
  detectionResultsDeleted: number;
  trackingResultsDeleted: number;
  countingResultsDetached: number;
  healthSamplesDeleted: number;
}

/** The latest run, or the latest with the given status. */
export function lastRetentionRun(db: SqliteDatabase, status?: 'completed' | 'failed'): RetentionRunRecord | undefined {
  return db
    .prepare(
      `SELECT id, started_at AS startedAt, finished_at AS finishedAt, status, error,
              inference_results_archived AS inferenceResultsArchived, performance_metrics_archived AS performanceMetricsArchived,
              ab_results_archived AS abResultsArchived, detection_results_deleted AS detectionResultsDeleted,
              tracking_results_deleted AS trackingResultsDeleted, counting_results_detached AS countingResultsDetached,
              health_samples_deleted AS healthSamplesDeleted
         FROM retention_runs
        WHERE (@status IS NULL OR status = @status) ORDER BY started_at DESC, id DESC LIMIT 1`,
    )
    .get({ status: status ?? null }) as RetentionRunRecord | undefined;
}
