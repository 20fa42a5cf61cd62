/**
 * Gathers what the canary guards (canary-guard.ts) judge, from data the cameras already store:
 * - the canary's frames, latency and crossings on its camera since it started:
 *   model_inference_results (camera_id, model_id/model_version, processing_time_ms = inference
 *   ms, created_at = frame time) and counting_results joined to them (line crossings in/out);
 * - the same camera under its production version before the canary: the same clock window on
 *   each of the previous `baselineDays` days (footfall follows the time of day), or, when none
 *   has data, the `fallbackHours` just before the canary started;
 * - load_failed deployment events of the canary version on the camera, and the camera's health
 *   samples since the canary started.
 * Exposure is the footage the model processed: the sum of gaps between consecutive frames, each
 * capped at MAX_FRAME_GAP_S, so a camera that was off is not counted as quiet.
 */
import type { Statement } from 'better-sqlite3';
import type { ModelRef } from '../pipeline/frame-processor';
import type { SqliteDatabase } from '../db/open-database';
import type { Repositories } from '../db/repositories';
import { isFailingState, type CanaryObservation } from './canary-guard';

export const MAX_FRAME_GAP_S = 5;
const DAY_MS = 24 * 3600_000;

export interface CanaryDataRequest {
  cameraId: string;
  canary: ModelRef;
  /** The camera's production version when the canary started (null: it had none). */
  production: ModelRef | null;
  startedAtMs: number;
  nowMs: number;
  baselineDays?: number;
  fallbackHours?: number;
}

interface WindowFigures {
  frames: number;
  latencySumMs: number;
  latencyFrames: number;
  exposureS: number;
  crossings: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

class CanaryQueries {
  readonly frames: Statement;
  readonly exposure: Statement;
  readonly crossings: Statement;
  readonly loadFailures: Statement;

  constructor(db: SqliteDatabase) {
    // By the frame's time (input_timestamp, the indexed column; created_at holds the same time).
    const where = 'camera_id = @camera AND model_id = @model AND model_version = @version AND input_timestamp >= @from AND input_timestamp < @to';
    this.frames = db.prepare(
      `SELECT count(*) AS frames, total(processing_time_ms) AS latency_sum, count(processing_time_ms) AS latency_frames FROM model_inference_results WHERE ${where}`,
    );
    this.exposure = db.prepare(`
      SELECT total(min(gap, @cap)) AS exposure FROM (
        SELECT (julianday(input_timestamp) - julianday(lag(input_timestamp) OVER (ORDER BY input_timestamp))) * 86400.0 AS gap
        FROM model_inference_results WHERE ${where}
      ) WHERE gap IS NOT NULL`);
    this.crossings = db.prepare(`
      SELECT count(*) AS n FROM counting_results c JOIN model_inference_results i ON i.inference_id = c.inference_id
      WHERE c.camera_id = @camera AND c.created_at >= @from AND c.created_at < @to
        AND c.event_type = 'cross_line' AND c.direction IN ('in', 'out')
        AND i.model_id = @model AND i.model_version = @version`);
    // Not bounded above: events are dated by the database clock, the monitor may run on another.
    this.loadFailures = db.prepare(`
      SELECT reason FROM model_deployment_events
      WHERE event_type = 'load_failed' AND camera_id = @camera AND model_id = @model AND version_number = @version AND created_at >= @from
      ORDER BY id`);
  }
}

const queriesOf = new WeakMap<SqliteDatabase, CanaryQueries>();
function queries(db: SqliteDatabase): CanaryQueries {
  let q = queriesOf.get(db);
  if (!q) {
    q = new CanaryQueries(db);
    queriesOf.set(db, q);
  }
  return q;
}

function windowFigures(db: SqliteDatabase, cameraId: string, ref: ModelRef, fromMs: number, toMs: number): WindowFigures {
  const q = queries(db);
  const p = { camera: cameraId, model: ref.modelId, version: ref.versionNumber, from: iso(fromMs), to: iso(toMs) };
  const f = q.frames.get(p) as { frames: number; latency_sum: number; latency_frames: number };
  if (f.frames === 0) return { frames: 0, latencySumMs: 0, latencyFrames: 0, exposureS: 0, crossings: 0 };
  const e = q.exposure.get({ ...p, cap: MAX_FRAME_GAP_S }) as { exposure: number };
  const c = q.crossings.get(p) as { n: number };
  return { frames: f.frames, latencySumMs: f.latency_sum, latencyFrames: f.latency_frames, exposureS: e.exposure, crossings: c.n };
}

function add(a: WindowFigures, b: WindowFigures): WindowFigures {
  return {
    frames: a.frames + b.frames,
    latencySumMs: a.latencySumMs + b.latencySumMs,
    latencyFrames: a.latencyFrames + b.latencyFrames,
    exposureS: a.exposureS + b.exposureS,
    crossings: a.crossings + b.crossings,
  };
}

const meanLatency = (w: WindowFigures): number | null => (w.latencyFrames > 0 ? w.latencySumMs / w.latencyFrames : null);

function benchmarkLatency(repos: Repositories, ref: ModelRef): number | null {
  const m = repos.performanceMetrics.listForModel(ref.modelId, { limit: 50 }).find((x) => x.modelVersion === ref.versionNumber && x.inferenceLatencyMs !== null);
  return m?.inferenceLatencyMs ?? null;
}

/** What the canary guards need for one canary camera, measured now. */
export function gatherCanaryObservation(db: SqliteDatabase, repos: Repositories, r: CanaryDataRequest): CanaryObservation {
  const canary = windowFigures(db, r.cameraId, r.canary, r.startedAtMs, r.nowMs);
  let production: WindowFigures = { frames: 0, latencySumMs: 0, latencyFrames: 0, exposureS: 0, crossings: 0 };
  if (r.production) {
    const length = Math.max(0, r.nowMs - r.startedAtMs);
    for (let d = 1; d <= (r.baselineDays ?? 7); d++) {
      const from = r.startedAtMs - d * DAY_MS;
      production = add(production, windowFigures(db, r.cameraId, r.production, from, Math.min(from + length, r.startedAtMs)));
    }
    if (production.frames === 0) {
      production = windowFigures(db, r.cameraId, r.production, r.startedAtMs - (r.fallbackHours ?? 24) * 3600_000, r.startedAtMs);
    }
  }
  let productionLatency = meanLatency(production);
  let latencySource: CanaryObservation['production']['latencySource'] = productionLatency === null ? null : 'camera';
  if (productionLatency === null && r.production) {
    productionLatency = benchmarkLatency(repos, r.production);
    if (productionLatency !== null) latencySource = 'benchmark';
  }
  const failures = queries(db).loadFailures.all({ camera: r.cameraId, model: r.canary.modelId, version: r.canary.versionNumber, from: iso(r.startedAtMs) }) as Array<{
    reason: string | null;
  }>;
  const samples = repos.healthSamples.listForCamera(r.cameraId, { from: iso(r.startedAtMs), to: iso(r.nowMs + 1), limit: 10_000 });
  return {
    cameraId: r.cameraId,
    elapsedMs: Math.max(0, r.nowMs - r.startedAtMs),
    canary: { frames: canary.frames, crossings: canary.crossings, exposureS: canary.exposureS, latencyMs: meanLatency(canary) },
    production: { frames: production.frames, crossings: production.crossings, exposureS: production.exposureS, latencyMs: productionLatency, latencySource },
    canaryBenchmarkLatencyMs: benchmarkLatency(repos, r.canary),
    loadFailures: failures.map((f) => ({ reason: f.reason ?? 'load failed' })),
    health: { samples: samples.length, failing: samples.filter((s) => isFailingState(s.state)).length, lastState: samples[0]?.state ?? null },
  };
}
