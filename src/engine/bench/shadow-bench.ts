/**
 * What a live shadow challenger costs the camera it watches: one camera (a recording replayed in
 * real time) counts alone, then with a running shadow experiment on it, at a rate where the CPU
 * has room and at one where it has not. The target: the baseline processes the same frames with
 * and without the challenger while the CPU is free, and when it is not the challenger records
 * skipped frames of its own instead of making the baseline drop frames.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../log';
import { appRoot } from '../paths';
import { DEFAULT_MODEL_ID, DEFAULT_MODEL_VERSION } from '../registry/ensure-model';
import { openEngine, type Engine } from '../wiring/open-engine';

export interface ShadowBenchOptions {
  /** Camera rates to measure at (default 2 and 6 frames a second). */
  rates?: number[];
  /** Measured seconds per phase (default 15), after `warmupSeconds` (default 4). */
  seconds?: number;
  warmupSeconds?: number;
  /** The challenger's model file (default: the default model itself, an A/A shadow). */
  challengerFile?: string;
  onProgress?: (message: string) => void;
}

export interface ShadowBenchPhase {
  baselineFps: number;
  baselineDropped: number;
}

export interface ShadowBenchRate {
  fps: number;
  alone: ShadowBenchPhase;
  withShadow: ShadowBenchPhase & { challengerFps: number; challengerSkipped: number; challengerSkippedShare: number };
  /** Baseline frames processed with the shadow ÷ without (1.00 = the shadow cost it nothing). */
  baselineRatio: number;
}

export interface ShadowBenchResult {
  challenger: string;
  seconds: number;
  rates: ShadowBenchRate[];
}

const round = (v: number, d = 2): number => Math.round(v * 10 ** d) / 10 ** d;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const BASELINE = `${DEFAULT_MODEL_ID}@${DEFAULT_MODEL_VERSION}`;

async function window(engine: Engine, cameraId: string, seconds: number, shadowed: boolean): Promise<ShadowBenchRate['withShadow']> {
  const rt = engine.cameras!.runtime(cameraId)!;
  const shadow = shadowed ? engine.shadows?.shadowOf(cameraId) : undefined;
  const a = rt.figures();
  const s0 = { processed: shadow?.processed ?? 0, skipped: shadow?.skipped ?? 0 };
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const elapsed = (performance.now() - t0) / 1000;
  const b = rt.figures();
  const processed = b.processed - a.processed;
  const challengerFrames = (shadow?.processed ?? 0) - s0.processed;
  const skipped = (shadow?.skipped ?? 0) - s0.skipped;
  return {
    baselineFps: round(processed / elapsed),
    baselineDropped: Math.max(0, b.framesIn - a.framesIn - processed),
    challengerFps: round(challengerFrames / elapsed),
    challengerSkipped: skipped,
    challengerSkippedShare: challengerFrames + skipped > 0 ? round(skipped / (challengerFrames + skipped), 3) : 0,
  };
}

async function waitFor(what: string, ok: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`shadow bench: ${what} within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

async function measureRate(engine: Engine, fps: number, challenger: string, o: Required<Pick<ShadowBenchOptions, 'seconds' | 'warmupSeconds'>>): Promise<ShadowBenchRate> {
  const cameraId = `shadow-bench-${fps}`;
  await engine.handlers['cameras:add']({
    cameraId,
    name: cameraId,
    url: join(appRoot(), 'tests/fixtures/media/vtest.avi'),
    sourceKind: 'file',
    processFps: fps,
    frameWidth: 768,
    frameHeight: 576,
    lines: [{ name: 'door', x1: 600, y1: 150, x2: 600, y2: 450 }],
  });
  await waitFor('the camera processing', () => (engine.cameras!.runtime(cameraId)?.figures().processed ?? 0) > 0, 60_000);
  await sleep(o.warmupSeconds * 1000);
  const alone = await window(engine, cameraId, o.seconds, false);
  const design = await engine.handlers['experiments:create']({ name: `bench ${fps} fps`, baseline: BASELINE, challenger, mode: 'shadow', cameraIds: [cameraId] });
  await engine.handlers['experiments:start']({ experimentId: design.experimentId });
  await waitFor('the shadow attaching', () => (engine.shadows?.shadowOf(cameraId)?.processed ?? 0) > 0, 60_000);
  await sleep(o.warmupSeconds * 1000);
  const withShadow = await window(engine, cameraId, o.seconds, true);
  await engine.handlers['experiments:stop']({ experimentId: design.experimentId });
  await engine.handlers['cameras:remove']({ cameraId });
  return {
    fps,
    alone: { baselineFps: alone.baselineFps, baselineDropped: alone.baselineDropped },
    withShadow,
    baselineRatio: alone.baselineFps > 0 ? round(withShadow.baselineFps / alone.baselineFps) : 0,
  };
}

export async function runShadowBench(opts: ShadowBenchOptions = {}): Promise<ShadowBenchResult> {
  const o = { seconds: opts.seconds ?? 15, warmupSeconds: opts.warmupSeconds ?? 4 };
  const dir = mkdtempSync(join(tmpdir(), 'footfall-shadow-bench-'));
  const engine = await openEngine({ dbPath: join(dir, 'bench.db'), host: 'serve', log: silentLogger(), cameras: {} });
  try {
    let challenger = BASELINE;
    if (opts.challengerFile) {
      const imported = await engine.handlers['models:import']({ path: opts.challengerFile, modelId: 'bench-challenger' });
      challenger = `${imported.model.modelId}@${imported.version.versionNumber}`;
    }
    const rates: ShadowBenchRate[] = [];
    for (const fps of opts.rates ?? [2, 6]) {
      opts.onProgress?.(`shadow at ${fps} fps`);
      rates.push(await measureRate(engine, fps, challenger, o));
    }
    return { challenger, seconds: o.seconds, rates };
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
