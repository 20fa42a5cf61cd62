/**
 * Several real RTSP cameras (gst-rtsp-server on 127.0.0.1) counted at once by the real engine:
 * real ffmpeg, the real model shared between cameras, a real SQLite file. One camera's outages
 * (server gone for 3 s and 30 s, server frozen by SIGSTOP, its ffmpeg SIGKILLed) must heal by
 * themselves while the other camera keeps processing; nothing is left running after. Timings and
 * rates are figures of `npm run bench`, not assertions here.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { liveFfmpegPids } from '../../../src/engine/capture/process-control';
import type { CameraDto } from '../../../src/shared/dto';
import { startRtspServer, stopAllServers, type RtspServer } from '../../fixtures/servers/servers';
import { ffmpegChildrenOf, isAlive, openTestEngine, processed, sleep, type TestEngine } from './helpers';

const FPS = 2; // two cameras × 2 fps × ~200 ms of inference keeps this shared 2-core machine busy enough
const BACKOFF_CAP_MS = 3000;

let t: TestEngine;
let srvA: RtspServer;
let srvB: RtspServer;
let camA: CameraDto;
let camB: CameraDto;

beforeAll(async () => {
  [srvA, srvB] = await Promise.all([startRtspServer(), startRtspServer()]);
  // The production stall watchdog (5 s): on this shared 2-core machine, with other test files
  // decoding and inferring at the same time, a healthy stream can pause for 3 s.
  t = await openTestEngine({ cameras: { stallTimeoutMs: 5000, backoff: { initialMs: 250, factor: 2, maxMs: BACKOFF_CAP_MS, jitter: 0 } } });
  const line = { x1: 160, y1: 0, x2: 160, y2: 240 };
  camA = await t.ok('cameras:add', { name: 'A', cameraId: 'cam-a', url: srvA.url, processFps: FPS, lines: [line] });
  camB = await t.ok('cameras:add', { name: 'B', cameraId: 'cam-b', url: srvB.url, processFps: FPS, lines: [line] });
  await Promise.all([t.health.waitFor('cam-a', 'live', 30_000), t.health.waitFor('cam-b', 'live', 30_000)]);
  // Both must be processing (their frame size probed, the shared detector warm) before measuring.
  await vi.waitFor(
    () => {
      expect(processed(t, 'cam-a')).toBeGreaterThanOrEqual(3);
      expect(processed(t, 'cam-b')).toBeGreaterThanOrEqual(3);
    },
    { timeout: 30_000, interval: 100 },
  );
}, 90_000);

afterAll(async () => {
  await t?.engine.close();
  await stopAllServers();
});

/**
 * Stops server A, keeps it down for at least `downMs` (a real outage of a real server), brings it
 * back on the same port and waits for A to be live again. Reports what B did meanwhile.
 */
async function outage(downMs: number): Promise<{ bStates: string; bFramesWhileADown: number; aStatesWhileDown: string }> {
  const killedAt = Date.now();
  await srvA.stop();
  const rec = await t.health.waitFor('cam-a', 'reconnecting', 15_000, killedAt);
  const bBefore = processed(t, 'cam-b');
  // B goes on processing while A is down (a frame or more, however slow the machine is).
  await vi.waitFor(() => expect(processed(t, 'cam-b')).toBeGreaterThan(bBefore), { timeout: 15_000, interval: 100 });
  await sleep(Math.max(0, downMs - (Date.now() - killedAt)));
  const bFramesWhileADown = processed(t, 'cam-b') - bBefore;
  const aStatesWhileDown = t.health.states('cam-a', rec.at);
  srvA = await startRtspServer({ port: srvA.port });
  const backAt = Date.now();
  await t.health.waitFor('cam-a', 'live', BACKOFF_CAP_MS + 20_000, backAt);
  return { bStates: t.health.states('cam-b', killedAt), bFramesWhileADown, aStatesWhileDown };
}

/**
 * B's states while A was down: live, and nothing A's outage could cause. (A watchdog restart of B
 * itself, stalled/timeout, can happen when this shared machine starves B's ffmpeg of CPU for 5 s;
 * that is the clock, not A.)
 */
function expectUntouched(bStates: string): void {
  expect(bStates).toMatch(/^live\/frames/);
  expect(bStates).not.toMatch(/refused|unreachable|not_found|auth|crashed|ended|failed/);
}

describe('two RTSP cameras counted at once', () => {
  it('both run live with their frames processed by one shared detector', async () => {
    expect(processed(t, 'cam-a')).toBeGreaterThan(0);
    expect(processed(t, 'cam-b')).toBeGreaterThan(0);
    const [ha, hb] = (await t.ok('live:snapshot', {})).cameras.map((c) => c.health);
    expect(ha?.state).toBe('live');
    expect(hb?.state).toBe('live');
    // Native size probed once and stored (lines are in it).
    expect((await t.ok('cameras:get', { cameraId: 'cam-a' })).frameWidth).toBe(320);
    // One PersonDetector for both cameras (same model file).
    expect(t.engine.cameras?.running).toHaveLength(2);
    expect(t.engine.cameras?.detectorCount).toBe(1);
    expect(liveFfmpegPids()).toHaveLength(2);
    expect(camA.url).toBe(srvA.url);
    expect(camB.hasPassword).toBe(false);
  });

  it('server A down 3 s: A reconnecting, then live again; B stays live and keeps processing', async () => {
    const r = await outage(3000);
    expect(r.aStatesWhileDown).toMatch(/^reconnecting\//);
    expect(r.aStatesWhileDown).not.toMatch(/live/);
    expectUntouched(r.bStates);
    expect(r.bFramesWhileADown).toBeGreaterThan(0);
  });

  it('server A down 30 s: A keeps retrying at the capped interval and is live again soon after it returns', async () => {
    const before = t.engine.cameras!.runtime('cam-a')!.health().reconnectCount ?? 0;
    const r = await outage(30_000);
    expect(r.aStatesWhileDown).not.toMatch(/live/);
    expectUntouched(r.bStates);
    expect(r.bFramesWhileADown).toBeGreaterThan(0);
    // 30 s at a 3 s cap: several real restarts, not one long wait.
    const after = t.engine.cameras!.runtime('cam-a')!.health().reconnectCount ?? 0;
    expect(after - before).toBeGreaterThanOrEqual(5);
  }, 90_000);

  it('server B frozen (SIGSTOP, socket open, no data): B goes stalled, is restarted, and is live again after SIGCONT', async () => {
    const pausedAt = Date.now();
    srvB.pause();
    try {
      const stalled = await t.health.waitFor('cam-b', 'stalled', 15_000, pausedAt);
      expect(stalled.reason).toBe('timeout');
      await t.health.waitFor('cam-b', 'connecting', 15_000, stalled.at); // the restart
      const resumedAt = Date.now();
      srvB.resume();
      await t.health.waitFor('cam-b', 'live', 30_000, resumedAt);
      expect(t.health.states('cam-a', pausedAt)).not.toMatch(/stalled|reconnecting/);
    } finally {
      srvB.resume();
    }
  });

  it("A's ffmpeg killed mid-stream (SIGKILL) is restarted with a new ffmpeg", async () => {
    const rt = t.engine.cameras!.runtime('cam-a')!;
    const pid = rt.ffmpegPid!;
    expect(pid).toBeGreaterThan(0);
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    const rec = await t.health.waitFor('cam-a', 'reconnecting', 10_000, killedAt);
    expect(rec.reason).toBe('crashed');
    await t.health.waitFor('cam-a', 'live', 20_000, rec.at);
    expect(rt.ffmpegPid).not.toBe(pid);
    expect(isAlive(pid)).toBe(false);
  });

  it("an edit of A restarts only A: B's runtime and ffmpeg are untouched", async () => {
    const rtB = t.engine.cameras!.runtime('cam-b')!;
    const pidB = rtB.ffmpegPid;
    const rtA = t.engine.cameras!.runtime('cam-a')!;
    const editedAt = Date.now();
    const edited = await t.ok('cameras:edit', { cameraId: 'cam-a', processFps: 1, lines: [{ id: camA.lines[0]!.id, x1: 100, y1: 0, x2: 100, y2: 240 }] });
    expect(edited.lines[0]).toMatchObject({ id: camA.lines[0]!.id, x1: 100 });
    expect(t.engine.cameras!.runtime('cam-a')).not.toBe(rtA);
    await t.health.waitFor('cam-a', 'live', 20_000, editedAt);
    expect(t.engine.cameras!.runtime('cam-b')).toBe(rtB);
    expect(rtB.ffmpegPid).toBe(pidB);
    expect(t.health.states('cam-b', editedAt)).toBe('live/frames');
    // Disabled: A stops, its ffmpeg with it; B still runs.
    await t.ok('cameras:setEnabled', { cameraId: 'cam-a', enabled: false });
    expect(t.engine.cameras!.runtime('cam-a')).toBeUndefined();
    expect(liveFfmpegPids()).toEqual([pidB]);
  });

  it('health is sampled into the database, and after close no ffmpeg of ours remains', async () => {
    const samples = t.engine.repos.healthSamples.listForCamera('cam-b', { limit: 1000 });
    expect(samples.length).toBeGreaterThan(3);
    expect(samples.some((s) => s.state === 'stalled')).toBe(true);
    expect(samples.some((s) => s.state === 'live' && typeof s.processedFps === 'number')).toBe(true);
    const aStates = new Set(t.engine.repos.healthSamples.listForCamera('cam-a', { limit: 1000 }).map((s) => s.state));
    expect([...aStates].sort()).toEqual(expect.arrayContaining(['connecting', 'live', 'reconnecting', 'stopped']));
    const pids = liveFfmpegPids();
    expect(pids.length).toBeGreaterThan(0);
    await t.engine.close();
    expect(liveFfmpegPids()).toEqual([]);
    expect(ffmpegChildrenOf(process.pid)).toEqual([]);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
  });
});
