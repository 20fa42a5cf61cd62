/**
 * The live performance sampler in the real engine: vtest.avi replayed in real time as camera
 * "door" with the default model, performance.sample_interval_s = 2, fills
 * model_performance_metrics with one row per interval carrying plausible figures, the
 * `performance:series` request returns them per camera and version, the offline queries (the
 * Models page, the canary's benchmark latency, health:models) do not see them, and a stopped
 * camera stops adding rows. Real time (a real camera), so the waits poll; nothing sleeps blindly.
 */
import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultModelPath } from '../../../src/engine/paths';
import type { PerformanceMetric } from '../../../src/engine/db/repositories/performance-metrics-repository';
import { openTestEngine, processed, sleep, VTEST, vtestCamera, type TestEngine } from '../cameras/helpers';

const ready = existsSync(defaultModelPath()) && existsSync(VTEST);

describe.skipIf(!ready)('live performance sampler (real engine, a recording as a camera)', () => {
  let t: TestEngine;
  const live = (): PerformanceMetric[] => t.engine.repos.performanceMetrics.liveSeries({ cameraId: 'door' });

  beforeAll(async () => {
    t = await openTestEngine();
    await t.ok('settings:set', { key: 'performance.sample_interval_s', value: 2 });
    await t.ok('cameras:add', vtestCamera('door', { processFps: 5 }));
    await t.health.waitFor('door', 'live', 60_000);
    await vi.waitFor(() => expect(processed(t, 'door')).toBeGreaterThanOrEqual(3), { timeout: 60_000, interval: 100 });
  }, 120_000);

  afterAll(async () => {
    await t?.engine.close();
    if (t) rmSync(t.dir, { recursive: true, force: true });
  });

  it('writes a row per interval for the camera and its model version, with plausible figures', async () => {
    // Three rows after the first frames: the first (fresh) interval and two whole ones.
    await vi.waitFor(() => expect(live().length).toBeGreaterThanOrEqual(3), { timeout: 30_000, interval: 200 });
    const rows = live();
    const running = t.engine.cameras!.runningModel('door')!;
    expect(running).toBeDefined();
    const stats: string[] = [];
    for (const r of rows) {
      stats.push(`p50 ${r.latencyP50Ms} p95 ${r.latencyP95Ms} ms, ${r.throughputFps} fps, ${r.framesProcessed} frames, ${r.framesDropped} dropped, cpu ${r.cpuUtilizationPercent} %, rss ${r.memoryUsageMb} MB, ${r.sampleIntervalS} s`);
      expect(r).toMatchObject({ cameraId: 'door', modelId: running.modelId, modelVersion: running.versionNumber, gpuUtilizationPercent: null });
      expect(['cpu', 'cuda']).toContain(r.executionProvider);
      expect(r.latencyP50Ms!).toBeGreaterThan(0);
      expect(r.latencyP50Ms!).toBeLessThan(5000);
      expect(r.latencyP95Ms!).toBeGreaterThanOrEqual(r.latencyP50Ms!);
      expect(r.inferenceLatencyMs).toBe(Math.round(r.latencyP50Ms!));
      expect(r.framesProcessed!).toBeGreaterThan(0);
      expect(r.framesDropped!).toBeGreaterThanOrEqual(0);
      // At most the camera's 5 fps (with a little slack for the interval's edges).
      expect(r.throughputFps!).toBeGreaterThan(0);
      expect(r.throughputFps!).toBeLessThanOrEqual(6.5);
      expect(r.cpuUtilizationPercent!).toBeGreaterThan(0);
      expect(r.cpuUtilizationPercent!).toBeLessThanOrEqual(100);
      expect(r.memoryUsageMb!).toBeGreaterThan(50);
      expect(r.memoryUsageMb!).toBeLessThan(16_384);
    }
    console.log(`live performance rows:\n  ${stats.join('\n  ')}`);
    // The whole intervals follow the 2 s setting (a loaded machine delays a tick now and then,
    // the cadence catches up), and consecutive samples are two seconds apart on average.
    for (const r of rows.slice(1)) {
      expect(r.sampleIntervalS!).toBeGreaterThanOrEqual(1.4);
      expect(r.sampleIntervalS!).toBeLessThan(3);
    }
    const times = rows.map((r) => Date.parse(r.metricTimestamp));
    const spacing = (times.at(-1)! - times[0]!) / (times.length - 1);
    expect(spacing).toBeGreaterThanOrEqual(1800);
    expect(spacing).toBeLessThanOrEqual(2500);
    // Frames in the rows add up to no more than the camera processed.
    expect(rows.reduce((n, r) => n + r.framesProcessed!, 0)).toBeLessThanOrEqual(processed(t, 'door'));
  });

  it('serves them per camera and version through performance:series, apart from the offline measurements', async () => {
    const reply = await t.ok('performance:series', {});
    expect(reply.intervalS).toBe(2);
    expect(Date.parse(reply.to) - Date.parse(reply.from)).toBe(24 * 3600 * 1000);
    const door = reply.series.filter((s) => s.cameraId === 'door');
    expect(door).toHaveLength(1);
    expect(door[0]).toMatchObject({ cameraName: 'Door', ref: `${door[0]!.modelId}@${door[0]!.modelVersion}` });
    expect(door[0]!.points.length).toBeGreaterThanOrEqual(3);
    expect(door[0]!.points.every((p) => p.latencyP50Ms !== null && p.throughputFps !== null && p.cpuPercent !== null)).toBe(true);
    expect([...door[0]!.points.map((p) => p.at)]).toEqual([...door[0]!.points.map((p) => p.at)].sort());
    // A range that ends before the camera started has none.
    expect((await t.ok('performance:series', { to: '2020-01-02T00:00:00Z' })).series).toEqual([]);
    // Offline queries (evaluations, benchmarks) never see the live rows.
    expect(t.engine.repos.performanceMetrics.recent(1000).some((m) => m.cameraId !== null)).toBe(false);
    expect(t.engine.repos.performanceMetrics.listForModel(door[0]!.modelId, { limit: 1000 }).some((m) => m.cameraId !== null)).toBe(false);
    expect((await t.ok('health:models', {})).length).toBe(t.engine.repos.performanceMetrics.recent(1000).length);
  });

  it('adds no rows for a camera that stopped', async () => {
    await t.ok('cameras:setEnabled', { cameraId: 'door', enabled: false });
    await t.health.waitFor('door', 'stopped', 15_000);
    // Real time (a real camera; no fake clock reaches ffmpeg): the interval in which it stopped
    // closes with its last frames within one interval and a tick, then nothing comes.
    await sleep(3500);
    const n = live().length;
    await sleep(5000);
    expect(live().length).toBe(n);
    expect(processed(t, 'door')).toBe(0);
  });
});
