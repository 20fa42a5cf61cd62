/**
 * `npm run bench` section "retention": the nightly retention job over a million back-dated
 * inference rows (with detections, tracks and counting events like a real day's), while a
 * "counter" in the same process writes a counting event every 5 ms as the frame loop would.
 * Printed: the run's time, its longest write transaction (the most counting waited on it), the
 * counter's longest wait between two of its writes, and the file before and after. Targets:
 * under a minute, no lock held over 100 ms. Nothing fails on a number.
 *
 * `fillRetentionHistory` is also the 1M-row fixture of tests/integration/db/retention-chunks.test.ts.
 */
import { join } from 'node:path';
import { toIso } from '../../shared/timestamps';
import { openMigratedDatabase } from '../db/open-migrated-database';
import type { SqliteDatabase } from '../db/open-database';
import { settleFilledFile } from './settle-filled-file';
import { runRetentionChunked, type RetentionChunk, type RetentionResult } from '../db/retention';

export interface HistoryOptions {
  /** Inference rows older than the retention period (all to be archived). */
  oldRows: number;
  /** Recent inference rows (kept). */
  recentRows?: number;
  /** The logical "now" the rows are dated back from. */
  now: Date;
  /** Days back the old rows start (they run to 91 days back: all older than the seed's 90). */
  oldFromDays?: number;
  /** Every n-th inference has two detections and their tracks (default 10). */
  detectionsEvery?: number;
  /** Every n-th inference has a line crossing (default 100). */
  crossingEvery?: number;
  camera?: string;
}

export interface HistoryCounts {
  inferences: number;
  oldInferences: number;
  detections: number;
  tracks: number;
  crossings: number;
}

const DAY_S = 86_400;

/**
 * Back-dated rows in four INSERT … SELECT over a recursive counter (no per-row JavaScript), in
 * one transaction. Times are spread evenly: old rows from `oldFromDays` to 91 days back, recent
 * ones over the last 10 days. Crossings alternate in/out, so the Dashboard has counts to compare.
 */
export function fillRetentionHistory(db: SqliteDatabase, o: HistoryOptions): HistoryCounts {
  const recentRows = o.recentRows ?? 0;
  const camera = o.camera ?? 'bench-door';
  const detEvery = o.detectionsEvery ?? 10;
  const crossEvery = o.crossingEvery ?? 100;
  const nowS = o.now.getTime() / 1000;
  const oldStart = nowS - (o.oldFromDays ?? 120) * DAY_S;
  const oldStep = o.oldRows > 1 ? (nowS - 91 * DAY_S - oldStart) / (o.oldRows - 1) : 0;
  const recentStart = nowS - 10 * DAY_S;
  const recentStep = recentRows > 1 ? (9 * DAY_S) / (recentRows - 1) : 0;
  const total = o.oldRows + recentRows;
  // Seconds since the epoch of row i (0-based): old rows first, then recent ones.
  const at = `(CASE WHEN i < @old THEN @oldStart + i * @oldStep ELSE @recentStart + (i - @old) * @recentStep END)`;
  const iso = (expr: string): string => `strftime('%Y-%m-%dT%H:%M:%fZ', ${expr}, 'unixepoch')`;
  const params = { old: o.oldRows, oldStart, oldStep, recentStart, recentStep, total, camera, detEvery, crossEvery };
  const counter = 'WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @total)';
  // (better-sqlite3 binds numbers as REAL: the step is cast, or i would turn into 10.0.)
  const every = (step: string): string => `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + CAST(${step} AS INTEGER) FROM n WHERE i + ${step} < @total)`;
  // A fixture on its own file: written straight into the file (rollback journal, no WAL copy of
  // every page, no fsync), then back to WAL as the app runs it.
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  db.transaction(() => {
    db.prepare(
      `${counter}
       INSERT INTO model_inference_results (inference_id, model_version, input_timestamp, inference_results, processing_time_ms,
         result_quality_score, created_at, camera_id, frame_index)
       SELECT @camera || ':' || i, '1.0.0', ${iso(at)}, '{"people":2,"classes":["person"]}', 14, 0.8, ${iso(at)}, @camera, i FROM n`,
    ).run(params);
    for (const d of [0, 1]) {
      db.prepare(
        `${every('@detEvery')}
         INSERT INTO detection_results (inference_id, detection_id, object_class, confidence_score, bbox_x, bbox_y, bbox_width, bbox_height, created_at)
         SELECT @camera || ':' || i, @camera || ':' || i || ':d${d}', 'person', 0.8, ${100 + d * 80}, 50, 60, 170, ${iso(at)} FROM n`,
      ).run(params);
      db.prepare(
        `${every('@detEvery')}
         INSERT INTO tracking_results (inference_id, track_id, detection_id, tracking_confidence, position_x, position_y, track_age_frames, created_at)
         SELECT @camera || ':' || i, @camera || ':t${d}', @camera || ':' || i || ':d${d}', 0.9, ${130 + d * 80}, 220, 1, ${iso(at)} FROM n`,
      ).run(params);
    }
    db.prepare(
      `${every('@crossEvery')}
       INSERT INTO counting_results (inference_id, counting_event_id, event_type, direction, track_id, detection_id, created_at, camera_id, line_id)
       SELECT @camera || ':' || i, @camera || ':' || i || ':cross', 'cross_line', CASE WHEN (i / CAST(@crossEvery AS INTEGER)) % 2 = 0 THEN 'in' ELSE 'out' END,
              @camera || ':t0', CASE WHEN i % @detEvery = 0 THEN @camera || ':' || i || ':d0' END, ${iso(at)}, @camera, 1
       FROM n`,
    ).run(params);
  })();
  settleFilledFile(db);
  const withDetections = Math.floor((total - 1) / detEvery) + 1;
  return {
    inferences: total,
    oldInferences: o.oldRows,
    detections: 2 * withDetections,
    tracks: 2 * withDetections,
    crossings: Math.floor((total - 1) / crossEvery) + 1,
  };
}

export interface RetentionBenchResult {
  rows: HistoryCounts;
  fillSeconds: number;
  runSeconds: number;
  chunks: number;
  longestLockMs: number;
  /** Wall time of the run's write transactions: median, 99th percentile, and how many passed 100 ms. */
  lockMs: { median: number; p99: number; over100: number; transactions: number; longestStep: string };
  /**
   * The longest transaction's own work: its CPU time, or its wall time where smaller. Far below
   * the wall figure when the OS gave the CPU to another process or the disk stalled an fsync.
   */
  longestWorkMs: number;
  /** The longest gap between two writes of the 5 ms counter while retention ran. */
  counterLongestWaitMs: number;
  counterWrites: number;
  archived: RetentionResult['archived'];
  deleted: RetentionResult['deleted'];
  file: RetentionResult['file'];
  targets: { runSeconds: number; lockMs: number };
}

export async function runRetentionBench(o: { dir: string; rows?: number }): Promise<RetentionBenchResult> {
  const now = new Date();
  const db = openMigratedDatabase(join(o.dir, 'retention.db'));
  try {
    const t0 = performance.now();
    const rows = fillRetentionHistory(db, { oldRows: o.rows ?? 1_000_000, recentRows: 10_000, now });
    db.pragma('wal_checkpoint(TRUNCATE)');
    const fillSeconds = (performance.now() - t0) / 1000;

    // The counter: a counting event every 5 ms, as a camera's writer would add them.
    const write = db.prepare(
      `INSERT INTO counting_results (counting_event_id, event_type, direction, created_at, camera_id, line_id)
       VALUES (?, 'cross_line', 'in', ?, 'bench-counter', 1)`,
    );
    let writes = 0;
    let last = performance.now();
    let longestWait = 0;
    const timer = setInterval(() => {
      const t = performance.now();
      longestWait = Math.max(longestWait, t - last);
      last = t;
      write.run(`bench-counter:${writes++}`, toIso(new Date()));
    }, 5);
    const t1 = performance.now();
    const steps: RetentionChunk[] = [];
    let result: RetentionResult;
    try {
      last = performance.now();
      result = await runRetentionChunked(db, now, { onChunk: (c) => steps.push(c) });
    } finally {
      clearInterval(timer);
    }
    const walls = steps.map((c) => c.ms).sort((a, b) => a - b);
    const longest = steps.reduce((a, c) => (c.ms > a.ms ? c : a), steps[0] ?? { table: 'none', rows: 0, ms: 0, cpuMs: 0 });
    const r1 = (v: number): number => Math.round(v * 10) / 10;
    return {
      rows,
      fillSeconds: Math.round(fillSeconds * 10) / 10,
      runSeconds: Math.round((performance.now() - t1) / 100) / 10,
      chunks: result.chunks,
      longestLockMs: result.longestLockMs,
      lockMs: {
        median: r1(walls[Math.floor(walls.length / 2)] ?? 0),
        p99: r1(walls[Math.floor(walls.length * 0.99)] ?? 0),
        over100: walls.filter((ms) => ms > 100).length,
        transactions: walls.length,
        longestStep: `${longest.table} (${longest.rows} rows, ${r1(longest.cpuMs)} ms CPU)`,
      },
      longestWorkMs: r1(Math.max(0, ...steps.map((c) => Math.min(c.ms, c.cpuMs)))),
      counterLongestWaitMs: Math.round(longestWait * 10) / 10,
      counterWrites: writes,
      archived: result.archived,
      deleted: result.deleted,
      file: result.file,
      targets: { runSeconds: 60, lockMs: 100 },
    };
  } finally {
    db.close();
  }
}

const mb = (n: number): string => `${(n / 1_048_576).toFixed(1)} MB`;

export function describeRetentionBench(r: RetentionBenchResult | null): string[] {
  if (!r) return [];
  return [
    `retention over ${r.rows.oldInferences} inference rows   ${r.runSeconds} s (target < ${r.targets.runSeconds} s) in ${r.chunks} chunks; ` +
      `longest lock ${r.longestLockMs} ms (target < ${r.targets.lockMs}; ${r.lockMs.longestStep}), median ${r.lockMs.median} ms, p99 ${r.lockMs.p99} ms, ` +
      `${r.lockMs.over100} of ${r.lockMs.transactions} over 100 ms; longest own work ${r.longestWorkMs} ms; a 5 ms counter waited at most ${r.counterLongestWaitMs} ms (${r.counterWrites} writes)`,
    `  archived ${r.archived.inferenceResults} inferences; deleted ${r.deleted.detectionResults} detections, ${r.deleted.trackingResults} tracks; ` +
      `file ${mb(r.file.bytesBefore + r.file.walBytesBefore)} → ${mb(r.file.bytesAfter + r.file.walBytesAfter)} (auto_vacuum ${r.file.autoVacuum}, checkpoint ${r.file.checkpoint})`,
  ];
}
