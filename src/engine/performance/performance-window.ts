/**
 * What the live sampler aggregates between two samples (pure: no timers, no I/O). Per camera, a
 * window holds one bounded latency reservoir per model version that processed frames in it (a hot
 * swap mid-interval gives two rows), and collect() turns the window into one row per camera and
 * version, then opens the next window. The process figures (CPU, memory, GPU) are the engine's
 * own, measured once per sample by the caller and written on every row of that sample.
 */
import type { FrameOutcome, ModelRef } from '../pipeline/frame-processor';
import { DEFAULT_RESERVOIR_CAPACITY, LatencyReservoir } from './latency-reservoir';

/** One row as the sampler writes it into model_performance_metrics (the repository's field names). */
export interface LivePerformanceRow {
  modelId: string;
  modelVersion: string;
  cameraId: string;
  metricTimestamp: string;
  /** The p50 rounded to whole ms (the seed's column is INTEGER); the exact value is latencyP50Ms. */
  inferenceLatencyMs: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  throughputFps: number;
  framesProcessed: number;
  framesDropped: number;
  sampleIntervalS: number;
  cpuUtilizationPercent: number | null;
  memoryUsageMb: number | null;
  gpuUtilizationPercent: number | null;
  executionProvider: 'cpu' | 'cuda' | null;
}

/** The engine's own figures at one sample, and each camera's cumulative drop counter and provider. */
export interface SampleContext {
  now: number;
  cpuPercent: number | null;
  rssMb: number | null;
  /** GPU utilisation in percent; written only on rows whose camera runs on CUDA. */
  gpuPercent: number | null;
  cameras: ReadonlyMap<string, { dropped: number; provider: string | null }>;
  /**
   * A camera's first window shorter than this (seconds) is not closed yet but carried into the
   * next one, so a camera that started just before a sample gives no rate from two frames.
   */
  minFreshS?: number;
}

interface VersionWindow {
  model: ModelRef;
  latency: LatencyReservoir;
  lastAt: number;
}

interface CameraWindow {
  /** When the window opened: the previous sample, or (fresh) the first frame seen. */
  openedAt: number;
  fresh: boolean;
  lastAt: number;
  frames: number;
  versions: Map<string, VersionWindow>;
  /** The camera's cumulative drop counter at the start of the window (0 for a camera just started). */
  dropBase: number;
}

const round = (v: number, d: number): number => Math.round(v * 10 ** d) / 10 ** d;

export class PerformanceWindows {
  private readonly windows = new Map<string, CameraWindow>();

  constructor(
    private readonly capacity = DEFAULT_RESERVOIR_CAPACITY,
    private readonly random: () => number = Math.random,
  ) {}

  /** One processed frame of a camera: the model's own inference time (ms.infer) is the latency. */
  record(cameraId: string, outcome: Pick<FrameOutcome, 'model' | 'ms'>, now: number): void {
    let w = this.windows.get(cameraId);
    if (!w) {
      w = { openedAt: now, fresh: true, lastAt: now, frames: 0, versions: new Map(), dropBase: 0 };
      this.windows.set(cameraId, w);
    }
    w.frames++;
    w.lastAt = now;
    const key = `${outcome.model.modelId}@${outcome.model.versionNumber}`;
    let v = w.versions.get(key);
    if (!v) {
      v = { model: { modelId: outcome.model.modelId, versionNumber: outcome.model.versionNumber }, latency: new LatencyReservoir(this.capacity, this.random), lastAt: now };
      w.versions.set(key, v);
    }
    v.latency.add(outcome.ms.infer);
    v.lastAt = now;
  }

  /** Cameras with an open window (for tests and the sampler's bookkeeping). */
  get cameraIds(): string[] {
    return [...this.windows.keys()];
  }

  /**
   * The rows of the windows that processed frames, and the next windows opened at ctx.now. A
   * camera that processed nothing gives no row; one that stopped is forgotten after its last row. Drops are the camera's (capture queue and frames without a processor), given to
   * the version that ran last.
   */
  collect(ctx: SampleContext): LivePerformanceRow[] {
    const rows: LivePerformanceRow[] = [];
    const at = new Date(ctx.now).toISOString();
    for (const [cameraId, w] of [...this.windows]) {
      const cam = ctx.cameras.get(cameraId);
      if (w.frames === 0) {
        // Idle all interval: no row. A camera that no longer runs is forgotten; one that runs
        // but processed nothing opens its next window now.
        if (cam === undefined) this.windows.delete(cameraId);
        else {
          w.openedAt = ctx.now;
          w.fresh = false;
          w.dropBase = cam.dropped;
        }
        continue;
      }
      const seconds = Math.max(0.001, (ctx.now - w.openedAt) / 1000);
      if (w.fresh && seconds < (ctx.minFreshS ?? 0) && cam !== undefined) continue;
      // A fresh window opens at its first frame: the frames after it came in the window's time.
      const scale = w.fresh && w.frames >= 2 ? (w.frames - 1) / w.frames : 1;
      // A restarted camera's counter starts again from 0.
      const dropped = cam === undefined ? 0 : cam.dropped >= w.dropBase ? cam.dropped - w.dropBase : cam.dropped;
      const last = [...w.versions.values()].reduce((a, b) => (b.lastAt > a.lastAt ? b : a));
      const provider = cam?.provider === 'cuda' ? 'cuda' : cam?.provider === 'cpu' ? 'cpu' : null;
      for (const v of w.versions.values()) {
        const p50 = v.latency.percentile(50) ?? 0;
        const p95 = v.latency.percentile(95) ?? 0;
        rows.push({
          modelId: v.model.modelId,
          modelVersion: v.model.versionNumber,
          cameraId,
          metricTimestamp: at,
          inferenceLatencyMs: Math.round(p50),
          latencyP50Ms: round(p50, 2),
          latencyP95Ms: round(p95, 2),
          throughputFps: round((v.latency.count * scale) / seconds, 3),
          framesProcessed: v.latency.count,
          framesDropped: v === last ? dropped : 0,
          sampleIntervalS: round(seconds, 3),
          cpuUtilizationPercent: ctx.cpuPercent === null ? null : round(ctx.cpuPercent, 1),
          memoryUsageMb: ctx.rssMb === null ? null : round(ctx.rssMb, 1),
          gpuUtilizationPercent: provider === 'cuda' && ctx.gpuPercent !== null ? round(ctx.gpuPercent, 1) : null,
          executionProvider: provider,
        });
      }
      // The next window: opened now, continuing (its rate is frames over the whole interval).
      w.openedAt = ctx.now;
      w.fresh = false;
      w.frames = 0;
      w.versions = new Map();
      w.dropBase = cam?.dropped ?? 0;
      if (cam === undefined) this.windows.delete(cameraId);
    }
    return rows;
  }
}

/** The engine's CPU share between two process.cpuUsage() readings, over all cores, 0..100. */
export function cpuPercent(before: { user: number; system: number }, after: { user: number; system: number }, wallMs: number, cores: number): number | null {
  if (!(wallMs > 0) || !(cores > 0)) return null;
  const cpuMs = (after.user - before.user + (after.system - before.system)) / 1000;
  return Math.min(100, Math.max(0, (cpuMs / wallMs / cores) * 100));
}
