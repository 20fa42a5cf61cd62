/**
 * The live performance sampler (issue 13, part 3): while cameras run, every
 * `performance.sample_interval_s` seconds (Settings, default 60) it writes one
 * model_performance_metrics row per camera and model version with the model's latency p50/p95
 * (ms.infer of each processed frame, in a bounded reservoir), the processed fps, the frames
 * dropped, the engine's CPU share (process.cpuUsage over wall time and cores) and resident
 * memory, and the GPU's utilisation when the camera runs on CUDA. A camera that processed no
 * frame in the interval gets no row. The Health page charts the rows (`performance:series`).
 *
 * Time is injected (now, setInterval) and so are the process readings, so tests drive it with a
 * fake clock. Samples follow a fixed cadence (start + k × interval, checked every 250 ms); the
 * setting is read once a second, and a new interval counts from the last sample.
 */
import { availableParallelism } from 'node:os';
import type { Logger } from '../log';
import type { FrameOutcome } from '../pipeline/frame-processor';
import type { PerformanceMetricsRepository } from '../db/repositories/performance-metrics-repository';
import type { SettingsRepository } from '../db/repositories/settings-repository';
import { SETTING_META, settingSchemas } from '../../shared/settings-schema';
import { nvidiaSmiUtilization, type GpuReader } from './gpu-utilization';
import { cpuPercent, PerformanceWindows, type LivePerformanceRow } from './performance-window';

export const SAMPLE_INTERVAL_SETTING = 'performance.sample_interval_s';

/** What the sampler needs of the running cameras (the CameraManager through camerasFeed()). */
export interface SampledCameras {
  /** Calls back after each processed frame of any camera; returns the unsubscribe. */
  observeOutcomes(listener: (cameraId: string, outcome: FrameOutcome) => void): () => void;
  /** Each running camera's cumulative dropped frames and the execution provider of its model. */
  counters(): Array<{ cameraId: string; dropped: number; provider: string | null }>;
}

export interface ProcessReadings {
  cpuUsage(): { user: number; system: number };
  rssBytes(): number;
  cores: number;
}

export interface PerformanceSamplerOptions {
  performanceMetrics: Pick<PerformanceMetricsRepository, 'record'>;
  settings: Pick<SettingsRepository, 'getValue'>;
  cameras: SampledCameras;
  log?: Pick<Logger, 'warn' | 'info'>;
  /** Milliseconds since the epoch (default Date.now). */
  now?: () => number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  /** How often the sampler looks at the clock (default 250 ms; the setting at most once a second). */
  tickMs?: number;
  process?: ProcessReadings;
  gpu?: GpuReader;
  /** Reservoir size per camera and version (default 2048). */
  reservoirCapacity?: number;
  random?: () => number;
}

/** performance.sample_interval_s: the stored setting when valid, else the default (60). */
export function sampleIntervalS(settings: Pick<SettingsRepository, 'getValue'>): number {
  try {
    const parsed = settingSchemas[SAMPLE_INTERVAL_SETTING].safeParse(settings.getValue(SAMPLE_INTERVAL_SETTING, null));
    if (parsed.success) return parsed.data;
  } catch {
    // A closing database: the default until it answers again.
  }
  return SETTING_META[SAMPLE_INTERVAL_SETTING].default;
}

const nodeProcess: ProcessReadings = {
  cpuUsage: () => process.cpuUsage(),
  rssBytes: () => process.memoryUsage.rss(),
  cores: availableParallelism(),
};

export class PerformanceSampler {
  private readonly windows: PerformanceWindows;
  private readonly now: () => number;
  private readonly proc: ProcessReadings;
  private readonly gpu: GpuReader;
  private handle: unknown;
  private unsubscribe: (() => void) | undefined;
  private lastSampleAt = 0;
  /** When the current interval ends: a fixed cadence (start + k × interval), so late ticks do not drift it. */
  private dueAt = 0;
  private cadenceS = 0;
  private settingAt = Number.NEGATIVE_INFINITY;
  private lastCpu: { user: number; system: number } = { user: 0, system: 0 };
  private sampling: Promise<LivePerformanceRow[]> | undefined;
  private written = 0;

  constructor(private readonly o: PerformanceSamplerOptions) {
    this.windows = new PerformanceWindows(o.reservoirCapacity, o.random);
    this.now = o.now ?? Date.now;
    this.proc = o.process ?? nodeProcess;
    this.gpu = o.gpu ?? nvidiaSmiUtilization;
  }

  /** Rows written since start (tests and logs). */
  get rowsWritten(): number {
    return this.written;
  }

  /** The interval in seconds now (see sampleIntervalS). */
  intervalS(): number {
    return sampleIntervalS(this.o.settings);
  }

  start(): void {
    if (this.handle !== undefined) return;
    this.lastSampleAt = this.now();
    this.cadenceS = this.intervalS();
    this.settingAt = this.lastSampleAt;
    this.dueAt = this.lastSampleAt + this.cadenceS * 1000;
    this.lastCpu = this.proc.cpuUsage();
    this.unsubscribe = this.o.cameras.observeOutcomes((cameraId, outcome) => this.windows.record(cameraId, outcome, this.now()));
    const every = this.tickMs;
    const set = this.o.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms).unref());
    this.handle = set(() => this.tick(), every);
  }

  /** Stops the timer and the subscription; the last partial interval is written when it has frames. */
  async stop(): Promise<void> {
    if (this.handle === undefined) return;
    const clear = this.o.clearInterval ?? ((h: unknown) => clearInterval(h as NodeJS.Timeout));
    clear(this.handle);
    this.handle = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.sampling;
    await this.sample();
  }

  private get tickMs(): number {
    return this.o.tickMs ?? 250;
  }

  private tick(): void {
    if (this.sampling) return;
    const now = this.now();
    // The setting is read at most once a second; a new interval applies from the last sample.
    if (now - this.settingAt >= 1000) {
      this.settingAt = now;
      const interval = this.intervalS();
      if (interval !== this.cadenceS) {
        this.cadenceS = interval;
        this.dueAt = this.lastSampleAt + interval * 1000;
      }
    }
    // Half a tick of slack: timers fire a little early or late.
    if (now < this.dueAt - this.tickMs / 2) return;
    this.dueAt += this.cadenceS * 1000;
    // Fallen behind (a long pause of the event loop): the next interval starts now.
    if (this.dueAt <= now) this.dueAt = now + this.cadenceS * 1000;
    void this.sample();
  }

  /** Closes the current interval now: writes its rows and opens the next one. */
  sample(): Promise<LivePerformanceRow[]> {
    const run = this.sampleNow().finally(() => {
      if (this.sampling === run) this.sampling = undefined;
    });
    this.sampling = run;
    return run;
  }

  private async sampleNow(): Promise<LivePerformanceRow[]> {
    const counters = this.o.cameras.counters();
    // Only a camera on CUDA makes the GPU worth asking (a process spawn per interval).
    const gpuPercent = counters.some((c) => c.provider === 'cuda') ? await this.gpu().catch(() => null) : null;
    const now = this.now();
    const cpu = this.proc.cpuUsage();
    const cpuShare = cpuPercent(this.lastCpu, cpu, now - this.lastSampleAt, this.proc.cores);
    this.lastCpu = cpu;
    this.lastSampleAt = now;
    const rows = this.windows.collect({
      now,
      cpuPercent: cpuShare,
      rssMb: this.proc.rssBytes() / 1048576,
      gpuPercent,
      minFreshS: this.intervalS() / 2,
      cameras: new Map(counters.map((c) => [c.cameraId, { dropped: c.dropped, provider: c.provider }])),
    });
    for (const row of rows) {
      try {
        this.o.performanceMetrics.record(row);
        this.written++;
      } catch (err) {
        // The database may be closing or full; a lost sample is not worth a camera.
        this.o.log?.warn({ cameraId: row.cameraId, err }, 'performance sample not recorded');
      }
    }
    return rows;
  }
}
