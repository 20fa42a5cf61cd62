/**
 * The live sampler's arithmetic with synthetic frame outcomes and a fake clock: percentiles
 * (against numpy's linear method, values in the comments), the bounded reservoir, processed fps,
 * drops, CPU %, a hot swap mid-interval, idle cameras, the setting read at each tick, and the
 * GPU asked only under CUDA. No sleeping: vi.useFakeTimers drives the sampler's interval.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LatencyReservoir, percentileOf } from '../../../src/engine/performance/latency-reservoir';
import { cpuPercent, PerformanceWindows } from '../../../src/engine/performance/performance-window';
import { PerformanceSampler, type SampledCameras } from '../../../src/engine/performance/performance-sampler';
import { parseNvidiaSmiUtilization } from '../../../src/engine/performance/gpu-utilization';
import type { FrameOutcome } from '../../../src/engine/pipeline/frame-processor';
import type { NewPerformanceMetric } from '../../../src/engine/db/repositories/performance-metrics-repository';

const V1 = { modelId: 'yolov8n', versionNumber: '1.0.0' };
const V2 = { modelId: 'yolov8n', versionNumber: '1.1.0' };
const outcome = (model: typeof V1, infer: number): Pick<FrameOutcome, 'model' | 'ms'> => ({ model, ms: { detect: infer + 1, infer, track: 0.5, total: infer + 2 } });

/** A seeded generator (mulberry32), so the reservoir test is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('percentiles and the bounded reservoir', () => {
  it('matches numpy.percentile(method="linear")', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    // numpy.percentile(np.arange(1, 101), [50, 95]) → [50.5, 95.05]
    expect(percentileOf(hundred, 50)).toBeCloseTo(50.5, 10);
    expect(percentileOf(hundred, 95)).toBeCloseTo(95.05, 10);
    // numpy.percentile([10, 40, 20, 30], [50, 95]) → [25.0, 38.5]
    expect(percentileOf([10, 40, 20, 30], 50)).toBeCloseTo(25, 10);
    expect(percentileOf([10, 40, 20, 30], 95)).toBeCloseTo(38.5, 10);
    expect(percentileOf([7], 95)).toBe(7);
    expect(percentileOf([], 50)).toBeNull();
  });

  it('is exact up to its capacity and keeps only `capacity` values beyond, still close to the truth', () => {
    const exact = new LatencyReservoir(200);
    for (let i = 1; i <= 100; i++) exact.add(i);
    expect([exact.count, exact.kept, exact.percentile(95), exact.mean(), exact.maxValue()]).toEqual([100, 100, 95.05, 50.5, 100]);
    exact.add(Number.NaN);
    exact.add(-1);
    expect(exact.count).toBe(100);

    const r = new LatencyReservoir(512, seeded(7));
    for (let i = 0; i < 50_000; i++) r.add(i % 1000); // uniform 0..999: p50 ≈ 499.5, p95 ≈ 949
    expect(r.count).toBe(50_000);
    expect(r.kept).toBe(512);
    expect(r.percentile(50)!).toBeGreaterThan(440);
    expect(r.percentile(50)!).toBeLessThan(560);
    expect(r.percentile(95)!).toBeGreaterThan(915);
    expect(r.percentile(95)!).toBeLessThan(985);
    r.reset();
    expect([r.count, r.percentile(50)]).toEqual([0, null]);
  });
});

describe('CPU share', () => {
  it('is CPU time over wall time and cores, clamped to 0..100', () => {
    // 1.5 s of CPU (1.2 user + 0.3 system) in 1 s of wall time on 4 cores: 37.5 %.
    expect(cpuPercent({ user: 0, system: 0 }, { user: 1_200_000, system: 300_000 }, 1000, 4)).toBeCloseTo(37.5, 10);
    expect(cpuPercent({ user: 0, system: 0 }, { user: 9_000_000, system: 0 }, 1000, 2)).toBe(100);
    expect(cpuPercent({ user: 5, system: 5 }, { user: 5, system: 5 }, 0, 2)).toBeNull();
  });

  it('reads the busiest GPU from nvidia-smi', () => {
    expect(parseNvidiaSmiUtilization('37\n5\n')).toBe(37);
    expect(parseNvidiaSmiUtilization('[N/A]\n')).toBeNull();
    expect(parseNvidiaSmiUtilization('')).toBeNull();
  });
});

describe('PerformanceWindows', () => {
  it('gives one row per camera and version: p50/p95 of ms.infer, fps over the interval, drops, process figures', () => {
    const w = new PerformanceWindows();
    const t0 = Date.UTC(2030, 0, 1, 9, 0, 0);
    // First interval: the camera is fresh (its window opens at its first frame).
    for (let i = 0; i < 10; i++) w.record('door', outcome(V1, 20), t0 + i * 200);
    const first = w.collect({ now: t0 + 2000, cpuPercent: 30, rssMb: 400, gpuPercent: 50, cameras: new Map([['door', { dropped: 3, provider: 'cpu' }]]) });
    expect(first).toHaveLength(1);
    // 10 frames at 200 ms, the window opened at the first: 9 more in 2 s = 4.5 fps; a camera just
    // started counts drops from 0.
    expect(first[0]).toMatchObject({ cameraId: 'door', modelVersion: '1.0.0', throughputFps: 4.5, framesProcessed: 10, framesDropped: 3, gpuUtilizationPercent: null, executionProvider: 'cpu' });

    // Second interval, 60 s at 5 fps, latencies 10, 11, …, 109 ms repeating (numpy: p50 59.5, p95 104.05).
    // A camera whose first frames came just before a sample is carried into the next window.
    const y = new PerformanceWindows();
    y.record('yard', outcome(V1, 25), t0 + 1900);
    y.record('yard', outcome(V1, 25), t0 + 1905);
    expect(y.collect({ now: t0 + 2000, cpuPercent: 1, rssMb: 1, gpuPercent: null, minFreshS: 1, cameras: new Map([['yard', { dropped: 0, provider: 'cpu' }]]) })).toEqual([]);
    y.record('yard', outcome(V1, 25), t0 + 2100);
    expect(y.collect({ now: t0 + 3900, cpuPercent: 1, rssMb: 1, gpuPercent: null, minFreshS: 1, cameras: new Map([['yard', { dropped: 0, provider: 'cpu' }]]) })).toMatchObject([
      { cameraId: 'yard', framesProcessed: 3, throughputFps: 1, sampleIntervalS: 2 },
    ]);
    const t1 = t0 + 2000;
    for (let i = 0; i < 300; i++) w.record('door', outcome(V1, 10 + (i % 100)), t1 + 100 + i * 200);
    const rows = w.collect({ now: t1 + 60_000, cpuPercent: 42.123, rssMb: 512.26, gpuPercent: 50, cameras: new Map([['door', { dropped: 10, provider: 'cpu' }]]) });
    expect(rows).toEqual([
      {
        modelId: 'yolov8n',
        modelVersion: '1.0.0',
        cameraId: 'door',
        metricTimestamp: new Date(t1 + 60_000).toISOString(),
        inferenceLatencyMs: 60,
        latencyP50Ms: 59.5,
        latencyP95Ms: 104.05,
        throughputFps: 5,
        framesProcessed: 300,
        framesDropped: 7,
        sampleIntervalS: 60,
        cpuUtilizationPercent: 42.1,
        memoryUsageMb: 512.3,
        gpuUtilizationPercent: null,
        executionProvider: 'cpu',
      },
    ]);
  });

  it('splits an interval at a hot swap, skips idle cameras, forgets stopped ones, restarts drop counts', () => {
    const w = new PerformanceWindows();
    const t0 = Date.UTC(2030, 0, 1, 9, 0, 0);
    const cams = (dropped: number) => new Map([['door', { dropped, provider: 'cuda' }], ['yard', { dropped: 0, provider: 'cpu' }]]);
    w.record('door', outcome(V1, 30), t0);
    w.record('yard', outcome(V1, 30), t0);
    w.collect({ now: t0 + 1000, cpuPercent: 10, rssMb: 100, gpuPercent: 20, cameras: cams(4) });
    // 10 s: door swaps from V1 to V2 halfway; yard processes nothing.
    for (let i = 0; i < 25; i++) w.record('door', outcome(V1, 30), t0 + 1000 + i * 200);
    for (let i = 25; i < 50; i++) w.record('door', outcome(V2, 15), t0 + 1000 + i * 200);
    const rows = w.collect({ now: t0 + 11_000, cpuPercent: 10, rssMb: 100, gpuPercent: 20, cameras: cams(6) });
    expect(rows.map((r) => [r.cameraId, r.modelVersion, r.framesProcessed, r.throughputFps, r.latencyP50Ms, r.framesDropped, r.gpuUtilizationPercent])).toEqual([
      ['door', '1.0.0', 25, 2.5, 30, 0, 20],
      ['door', '1.1.0', 25, 2.5, 15, 2, 20],
    ]);
    // door restarted (its counter went back to 1) and yard stopped: yard is forgotten.
    w.record('door', outcome(V2, 15), t0 + 12_000);
    const after = w.collect({ now: t0 + 21_000, cpuPercent: 10, rssMb: 100, gpuPercent: null, cameras: new Map([['door', { dropped: 1, provider: 'cuda' }]]) });
    expect(after.map((r) => [r.framesDropped, r.gpuUtilizationPercent])).toEqual([[1, null]]);
    expect(w.cameraIds).toEqual(['door']);
  });
});

describe('PerformanceSampler on a fake clock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2030, 0, 1, 9, 0, 0) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function fakeCameras(provider: string | null = 'cpu') {
    let listener: ((cameraId: string, o: FrameOutcome) => void) | undefined;
    let dropped = 0;
    const cameras: SampledCameras = {
      observeOutcomes: (l) => {
        listener = l;
        return () => {
          listener = undefined;
        };
      },
      counters: () => [{ cameraId: 'door', dropped, provider }],
    };
    return {
      cameras,
      frame: (infer: number) => listener?.('door', outcome(V1, infer) as FrameOutcome),
      drop: (n: number) => {
        dropped += n;
      },
      subscribed: () => listener !== undefined,
    };
  }

  function setup(o: { provider?: string | null; interval?: unknown } = {}) {
    const rows: NewPerformanceMetric[] = [];
    const settings = { value: o.interval ?? 2 };
    const feed = fakeCameras(o.provider ?? 'cpu');
    let cpuMicros = 0;
    const gpu = vi.fn(async () => 64);
    const sampler = new PerformanceSampler({
      performanceMetrics: { record: (r) => (rows.push(r), { ...r }) as never },
      settings: { getValue: () => settings.value as never },
      cameras: feed.cameras,
      process: { cpuUsage: () => ({ user: cpuMicros, system: 0 }), rssBytes: () => 300 * 1048576, cores: 2 },
      gpu,
    });
    return { rows, settings, feed, sampler, gpu, burnCpu: (ms: number) => (cpuMicros += ms * 1000) };
  }

  it('writes a row every interval while frames come, none while they do not, and follows the setting', async () => {
    const { rows, settings, feed, sampler, gpu, burnCpu } = setup();
    sampler.start();
    expect(feed.subscribed()).toBe(true);
    // 2 s at 5 fps, 40 ms each, 2 frames dropped; the engine uses 1 s of CPU on 2 cores: 25 %.
    burnCpu(1000);
    feed.drop(2);
    for (let i = 0; i < 10; i++) {
      feed.frame(40);
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(rows).toHaveLength(1); // the tick at 2 s closed the interval
    await vi.advanceTimersByTimeAsync(1000);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ cameraId: 'door', modelId: 'yolov8n', modelVersion: '1.0.0', inferenceLatencyMs: 40, latencyP50Ms: 40, latencyP95Ms: 40, framesProcessed: 10, framesDropped: 2, memoryUsageMb: 300, executionProvider: 'cpu', gpuUtilizationPercent: null });
    expect(rows[0]!.cpuUtilizationPercent).toBeCloseTo(25, 0);
    expect(rows[0]!.throughputFps).toBeGreaterThan(4);
    expect(rows[0]!.throughputFps).toBeLessThan(6);
    expect(gpu).not.toHaveBeenCalled();

    // No frames for 10 s: no rows.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rows).toHaveLength(1);

    // The setting moves to 5 s: the next row comes 5 s after the last sample, not 2.
    settings.value = 5;
    const before = Date.now();
    for (let i = 0; i < 30; i++) {
      feed.frame(i < 15 ? 20 : 60);
      await vi.advanceTimersByTimeAsync(200);
      if (rows.length > 1) break;
    }
    expect(rows).toHaveLength(2);
    expect(Date.now() - before).toBeLessThanOrEqual(5200);
    expect(rows[1]!.sampleIntervalS).toBeGreaterThanOrEqual(4.8);
    expect(rows[1]!.sampleIntervalS).toBeLessThanOrEqual(5.2);
    expect(rows[1]!.latencyP95Ms!).toBeGreaterThan(rows[1]!.latencyP50Ms!);

    // A bad stored value falls back to the default (60 s).
    settings.value = 'soon';
    expect(sampler.intervalS()).toBe(60);
    // stop() writes the last partial interval and unsubscribes.
    feed.frame(33);
    await sampler.stop();
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatchObject({ framesProcessed: 1, latencyP50Ms: 33 });
    expect(feed.subscribed()).toBe(false);
    expect(sampler.rowsWritten).toBe(3);
  });

  it('asks the GPU only for a camera on CUDA, and writes its utilisation there', async () => {
    const { rows, feed, sampler, gpu } = setup({ provider: 'cuda' });
    sampler.start();
    for (let i = 0; i < 5; i++) {
      feed.frame(8);
      await vi.advanceTimersByTimeAsync(500);
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(gpu).toHaveBeenCalled();
    expect(rows[0]).toMatchObject({ executionProvider: 'cuda', gpuUtilizationPercent: 64 });
    await sampler.stop();
  });
});
