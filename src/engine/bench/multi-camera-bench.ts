/**
 * Live multi-camera figures: N cameras (a recording replayed in real time, in a loop, per camera)
 * through the real engine — capture, the one shared detector, tracker, counters, batched writer —
 * first with one camera, then with N. Per camera: processed fps against the target, dropped
 * frames, latency; and the memory each extra camera adds (engine RSS + its ffmpeg's RSS).
 */
import { copyFileSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveFfmpegPids } from '../capture/process-control';
import { silentLogger } from '../log';
import { appRoot } from '../paths';
import { openEngine, type Engine } from '../wiring/open-engine';

export interface MultiCameraBenchOptions {
  /**
   * Model file the cameras run (`bench --model FILE|REF`): imported into the bench's own registry
   * and pinned on every camera. Default: the deployed default model.
   */
  modelFile?: string;
  /** Cameras in the second phase (default 4). */
  cameras?: number;
  /** Processed frames per second asked of each camera (default 5). */
  fps?: number;
  /** Measured seconds per phase (default 20), after `warmupSeconds` (default 5). */
  seconds?: number;
  warmupSeconds?: number;
  /** Recording each camera replays (default tests/fixtures/media/vtest.avi, 768x576). */
  video?: string;
  videoSize?: { width: number; height: number };
  onProgress?: (message: string) => void;
}

export interface BenchCameraFigures {
  cameraId: string;
  processedFps: number;
  /** Frames ffmpeg delivered per second (the target rate when capture keeps up). */
  inputFps: number;
  /** Frames delivered but not processed during the measured window (the detector was busy). */
  droppedFrames: number;
  /** Mean wait + run of the shared detector per frame. */
  latencyMs: number | null;
  /** Mean model run alone. */
  modelMs: number | null;
  reachedTarget: boolean;
}

export interface BenchPhase {
  cameras: BenchCameraFigures[];
  totalProcessedFps: number;
  /** Means over the window, MB. */
  rssMb: { engine: number; ffmpeg: number; total: number };
}

export interface MultiCameraBenchResult {
  machine: { cpus: number; provider: string };
  targetFps: number;
  seconds: number;
  single: BenchPhase;
  multi: BenchPhase;
  /** (multi total RSS − single total RSS) / (N − 1). */
  addedMbPerExtraCamera: number;
  addedMbTarget: number;
  /** Every camera of the N-camera phase processed ≥ 95 % of the target fps. */
  allReachedTarget: boolean;
  /** `MODEL_ID@VERSION` the cameras ran in the bench's registry; null: the deployed default. */
  model: string | null;
}

const MB = 1024 * 1024;
const round = (v: number, d = 2): number => Math.round(v * 10 ** d) / 10 ** d;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resident memory of a process from /proc (Linux); 0 where it cannot be read. */
function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function measure(engine: Engine, ids: string[], targetFps: number, seconds: number): Promise<BenchPhase> {
  const cams = engine.cameras!;
  const start = new Map(ids.map((id) => [id, cams.runtime(id)!.figures()]));
  const t0 = performance.now();
  let samples = 0;
  let engineRss = 0;
  let ffmpegRss = 0;
  const inputFps = new Map<string, number>(ids.map((id) => [id, 0]));
  const until = t0 + seconds * 1000;
  while (performance.now() < until) {
    await sleep(1000);
    samples++;
    engineRss += process.memoryUsage.rss();
    ffmpegRss += liveFfmpegPids().reduce((s, pid) => s + rssOf(pid), 0);
    for (const id of ids) inputFps.set(id, inputFps.get(id)! + (cams.runtime(id)!.health().inputFps ?? 0));
  }
  const elapsedS = (performance.now() - t0) / 1000;
  const cameras = ids.map((id): BenchCameraFigures => {
    const rt = cams.runtime(id)!;
    const a = start.get(id)!;
    const b = rt.figures();
    const processedFps = (b.processed - a.processed) / elapsedS;
    const delivered = b.framesIn - a.framesIn;
    return {
      cameraId: id,
      processedFps: round(processedFps),
      inputFps: round(inputFps.get(id)! / samples),
      droppedFrames: Math.max(0, delivered - (b.processed - a.processed)),
      latencyMs: rt.health().inferenceLatencyMs,
      modelMs: b.modelMs,
      reachedTarget: processedFps >= targetFps * 0.95,
    };
  });
  const engineMb = engineRss / samples / MB;
  const ffmpegMb = ffmpegRss / samples / MB;
  return {
    cameras,
    totalProcessedFps: round(cameras.reduce((s, c) => s + c.processedFps, 0)),
    rssMb: { engine: round(engineMb, 1), ffmpeg: round(ffmpegMb, 1), total: round(engineMb + ffmpegMb, 1) },
  };
}

interface PinnedModel {
  modelId: string;
  modelVersion: string;
}

async function addCameras(
  engine: Engine,
  from: number,
  to: number,
  o: Required<Pick<MultiCameraBenchOptions, 'fps' | 'video' | 'videoSize'>> & { model: PinnedModel | null },
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = from; i <= to; i++) {
    const r = await engine.handlers['cameras:add']({
      cameraId: `bench-${i}`,
      name: `bench ${i}`,
      url: o.video,
      sourceKind: 'file',
      processFps: o.fps,
      // Known size: no probe, so every camera starts the same way.
      frameWidth: o.videoSize.width,
      frameHeight: o.videoSize.height,
      lines: [{ name: 'door', x1: o.videoSize.width / 2, y1: 0, x2: o.videoSize.width / 2, y2: o.videoSize.height }],
      ...(o.model ? { modelId: o.model.modelId, modelVersion: o.model.modelVersion } : {}),
    });
    ids.push(r.cameraId);
  }
  return ids;
}

async function waitProcessing(engine: Engine, ids: string[], timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (ids.every((id) => (engine.cameras!.runtime(id)?.figures().processed ?? 0) > 0)) return;
    await sleep(200);
  }
  throw new Error(`cameras not processing after ${timeoutMs} ms: ${ids.map((id) => `${id} ${engine.cameras!.runtime(id)?.state.state}`).join(', ')}`);
}

export async function runMultiCameraBench(opts: MultiCameraBenchOptions = {}): Promise<MultiCameraBenchResult> {
  const n = opts.cameras ?? 4;
  if (!Number.isInteger(n) || n < 2 || n > 32) throw new RangeError(`cameras must be an integer in [2, 32], got ${n}`);
  const o = {
    fps: opts.fps ?? 5,
    video: opts.video ?? join(appRoot(), 'tests/fixtures/media/vtest.avi'),
    videoSize: opts.videoSize ?? { width: 768, height: 576 },
  };
  const seconds = opts.seconds ?? 20;
  const warmupMs = (opts.warmupSeconds ?? 5) * 1000;
  const progress = opts.onProgress ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'footfall-multicam-'));
  const engine = await openEngine({ dbPath: join(dir, 'bench.db'), host: 'serve', log: silentLogger(), cameras: {} });
  try {
    let model: PinnedModel | null = null;
    if (opts.modelFile) {
      // Same bytes, same checksum: the file is checked and registered like any import. A copy, so
      // that a store file's `<sha256>.json` beside it is not read as its sidecar.
      const copy = join(dir, 'bench-model.onnx');
      copyFileSync(opts.modelFile, copy);
      const imported = await engine.handlers['models:import']({ path: copy, modelId: 'bench-model' });
      model = { modelId: imported.model.modelId, modelVersion: imported.version.versionNumber };
    }
    const co = { ...o, model };
    progress('1 camera');
    const first = await addCameras(engine, 1, 1, co);
    await waitProcessing(engine, first, 60_000);
    await sleep(warmupMs);
    const single = await measure(engine, first, o.fps, seconds);
    progress(`${n} cameras`);
    const rest = await addCameras(engine, 2, n, co);
    const all = [...first, ...rest];
    await waitProcessing(engine, all, 60_000);
    await sleep(warmupMs);
    const multi = await measure(engine, all, o.fps, seconds);
    return {
      machine: { cpus: availableParallelism(), provider: engine.cameras!.runtime(first[0]!)!.figures().provider ?? 'unknown' },
      targetFps: o.fps,
      seconds,
      model: model ? `${model.modelId}@${model.modelVersion}` : null,
      single,
      multi,
      addedMbPerExtraCamera: round((multi.rssMb.total - single.rssMb.total) / (n - 1), 1),
      addedMbTarget: 150,
      allReachedTarget: multi.cameras.every((c) => c.reachedTarget),
    };
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
