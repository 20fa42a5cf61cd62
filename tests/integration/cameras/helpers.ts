import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RestartPacer } from '../../../src/engine/capture/restart-pacer';
import type { CameraEngineOptions } from '../../../src/engine/cameras/camera-engine-options';
import { openEngine, type Engine, type EngineOptions } from '../../../src/engine/wiring/open-engine';
import type { RequestName, RequestOutput } from '../../../src/shared/contract';
import { dispatch } from '../../../src/shared/dispatch';
import type { CameraHealthDto, CameraState } from '../../../src/shared/dto';
import type { Result } from '../../../src/shared/result';

export const VTEST = join(import.meta.dirname, '../../fixtures/media/vtest.avi');

/** Test-speed camera settings: short watchdog and socket timeout, short capped back-off, no jitter. */
export const FAST_CAMERAS: Partial<CameraEngineOptions> = {
  stallTimeoutMs: 3000,
  ioTimeoutMs: 4000,
  backoff: { initialMs: 250, factor: 2, maxMs: 3000, jitter: 0 },
  healthEmitMs: 500,
  healthSampleMs: 2000,
  reconcileMs: 500,
  failedRetryMs: 600_000,
};

/** vtest.avi (768×576) as a camera, replayed in real time: the cameras:add input, size known (no probe). */
export function vtestCamera(cameraId: string, o: { processFps: number; line?: { x1: number; y1: number; x2: number; y2: number } }): Record<string, unknown> {
  return {
    cameraId,
    name: cameraId[0]!.toUpperCase() + cameraId.slice(1),
    url: VTEST,
    sourceKind: 'file',
    processFps: o.processFps,
    frameWidth: 768,
    frameHeight: 576,
    lines: [o.line ?? { x1: 384, y1: 0, x2: 384, y2: 576 }],
  };
}

export interface TestEngine {
  engine: Engine;
  dir: string;
  dbPath: string;
  health: HealthLog;
  /** Every event payload the engine emitted, in order (for secret scans). */
  events: Array<{ event: string; payload: unknown }>;
  /** One contract call through the same validation every binding uses. */
  call<K extends RequestName>(name: K, input: unknown): Promise<Result<RequestOutput<K>>>;
  /** The value of a call that must succeed. */
  ok<K extends RequestName>(name: K, input: unknown): Promise<RequestOutput<K>>;
}

export async function openTestEngine(o: Partial<EngineOptions> = {}, dir = mkdtempSync(join(tmpdir(), 'footfall-cam-'))): Promise<TestEngine> {
  const dbPath = join(dir, 'footfall.db');
  const pacer = new RestartPacer({ ratePerSec: 10, burst: 8 });
  const engine = await openEngine({ dbPath, host: 'serve', ...o, cameras: o.cameras === false ? false : { pacer, ...FAST_CAMERAS, ...o.cameras } });
  const health = new HealthLog();
  const events: TestEngine['events'] = [];
  engine.events.on('health:camera', (h) => health.push(h));
  for (const name of ['live:counts', 'live:frame', 'live:preview', 'health:camera', 'engine:status'] as const) {
    engine.events.on(name, (payload) => events.push({ event: name, payload }));
  }
  // Tests drive the engine as the machine's owner (an admin), as the CLI does.
  const owner = engine.access.ownerCaller();
  const call = async <K extends RequestName>(name: K, input: unknown): Promise<Result<RequestOutput<K>>> =>
    (await dispatch(engine.handlers, name, input, owner)) as Result<RequestOutput<K>>;
  const ok = async <K extends RequestName>(name: K, input: unknown): Promise<RequestOutput<K>> => {
    const r = await call(name, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  return { engine, dir, dbPath, health, events, call, ok };
}

interface Seen extends CameraHealthDto {
  at: number;
}

/** Every health:camera event, with the time it arrived; waits for a camera to reach a state. */
export class HealthLog {
  readonly seen: Seen[] = [];

  push(h: CameraHealthDto): void {
    this.seen.push({ ...h, at: Date.now() });
  }

  states(cameraId: string, since = 0): string {
    const out: string[] = [];
    for (const h of this.seen) {
      if (h.cameraId !== cameraId || h.at < since) continue;
      const s = `${h.state}/${h.reason}`;
      if (out.at(-1) !== s) out.push(s);
    }
    return out.join(' → ');
  }

  async waitFor(cameraId: string, state: CameraState, timeoutMs: number, since = 0, reason?: string): Promise<Seen> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.seen.find((h) => h.cameraId === cameraId && h.state === state && h.at >= since && (reason === undefined || h.reason === reason));
      if (hit) return hit;
      if (Date.now() > until) throw new Error(`camera ${cameraId}: no '${state}${reason ? `/${reason}` : ''}' within ${timeoutMs} ms; saw ${this.states(cameraId, since)}`);
      await sleep(50);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Processed frames of a running camera (0 when it does not run). */
export function processed(t: TestEngine, cameraId: string): number {
  return t.engine.cameras?.runtime(cameraId)?.figures().processed ?? 0;
}

/** ffmpeg processes (any arguments) whose parent is `ppid`, straight from `ps`. */
export function ffmpegChildrenOf(ppid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(ppid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there is no child at all
  }
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => cols[1] === 'ffmpeg')
    .map((cols) => Number(cols[0]));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
