import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CameraSupervisor, type CameraSupervisorOptions } from '../../../src/engine/capture/camera-supervisor';
import { killAllFfmpeg, liveFfmpegCount } from '../../../src/engine/capture/process-control';
import { RestartPacer } from '../../../src/engine/capture/restart-pacer';
import { startMjpegServer, startRtspServer, stopAllServers, type RtspServer } from '../../fixtures/servers/servers';
import { childFfmpegPids, sleep, StateLog } from './helpers';

const PASSWORD = 'Pw-Never-Logged-42';
let shortClip: string;

beforeAll(() => {
  // A 2 s clip so "end of file" comes quickly.
  shortClip = join(mkdtempSync(join(tmpdir(), 'footfall-sup-')), 'clip.mkv');
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '2', '-c:v', 'mjpeg', shortClip]);
});

const supervisors: CameraSupervisor[] = [];
const servers: RtspServer[] = [];

afterEach(async () => {
  await Promise.all(supervisors.splice(0).map((s) => s.stop()));
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

afterAll(async () => {
  await killAllFfmpeg({ graceMs: 500 });
  await stopAllServers();
});

async function server(o: Parameters<typeof startRtspServer>[0] = {}): Promise<RtspServer> {
  const s = await startRtspServer(o);
  servers.push(s);
  return s;
}

/** Test-speed settings: 2 s stall watchdog, 3 s socket timeout, short back-off, no jitter. */
function supervise(o: Pick<CameraSupervisorOptions, 'source'> & Partial<CameraSupervisorOptions>): { sup: CameraSupervisor; log: StateLog } {
  const sup = new CameraSupervisor({
    width: 160,
    height: 120,
    fps: 5,
    stallTimeoutMs: 2000,
    ioTimeoutMs: 3000,
    backoff: { initialMs: 250, maxMs: 2000, jitter: 0 },
    pacer: new RestartPacer({ ratePerSec: 10, burst: 5 }),
    ...o,
  });
  supervisors.push(sup);
  const log = new StateLog(sup);
  return { sup, log };
}

describe('CameraSupervisor with real ffmpeg and a real RTSP server', () => {
  it('goes reconnecting when the server dies, and live again when it returns on the same port', async () => {
    const srv = await server();
    const { sup, log } = supervise({ source: { kind: 'rtsp', url: srv.url } });
    let frames = 0;
    sup.on('frame', () => frames++);
    sup.start();
    await log.waitFor('live', 20_000);
    const killedAt = Date.now();
    await srv.stop();
    const down = await log.waitFor('reconnecting', 10_000, killedAt);
    await sleep(3000 - (Date.now() - killedAt)); // down for ~3 s
    const backAt = Date.now();
    await server({ port: srv.port });
    const live = await log.waitFor('live', 20_000, backAt);
    const framesBefore = frames;
    await sleep(600);
    expect(frames).toBeGreaterThan(framesBefore);
    const st = sup.stats();
    expect(st.reconnectCount).toBeGreaterThanOrEqual(1);
    expect(st.state).toBe('live');
    console.info(`[timing] server kill → reconnecting ${down.at - killedAt} ms; server back → live ${live.at - backAt} ms`);
  });

  it('SIGSTOP of the server → stalled and restarted; SIGCONT → live again', async () => {
    const srv = await server();
    const { sup, log } = supervise({ source: { kind: 'rtsp', url: srv.url } });
    sup.start();
    await log.waitFor('live', 20_000);
    const pausedAt = Date.now();
    srv.pause();
    const stalled = await log.waitFor('stalled', 10_000, pausedAt);
    expect(stalled.reason).toBe('timeout');
    await log.waitFor('connecting', 10_000, stalled.at); // restarted
    const resumedAt = Date.now();
    srv.resume();
    const live = await log.waitFor('live', 20_000, resumedAt);
    expect(sup.stats().reconnectCount).toBeGreaterThanOrEqual(1);
    console.info(`[timing] SIGSTOP → stalled ${stalled.at - pausedAt} ms (stallTimeout 2000); SIGCONT → live ${live.at - resumedAt} ms`);
  });

  it('killing ffmpeg mid-stream (SIGKILL) → restarted with a new ffmpeg', async () => {
    const srv = await server();
    const { sup, log } = supervise({ source: { kind: 'rtsp', url: srv.url, transport: 'udp' } });
    sup.start();
    await log.waitFor('live', 20_000);
    const pid = sup.stats().pid!;
    expect(pid).toBeGreaterThan(0);
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    const rec = await log.waitFor('reconnecting', 5000, killedAt);
    expect(rec.reason).toBe('crashed');
    const live = await log.waitFor('live', 20_000, rec.at);
    expect(sup.stats().pid).not.toBe(pid);
    expect(sup.stats().reconnectCount).toBeGreaterThanOrEqual(1);
    console.info(`[timing] ffmpeg SIGKILL → live again ${live.at - killedAt} ms`);
  });

  it('HTTP-MJPEG: a dropped connection is re-established (the one-client server respawns)', async () => {
    const mjpeg = await startMjpegServer();
    try {
      const { sup, log } = supervise({ source: { kind: 'http_mjpeg', url: mjpeg.url } });
      sup.start();
      await log.waitFor('live', 20_000);
      const killedAt = Date.now();
      process.kill(mjpeg.process.pid!, 'SIGKILL'); // the camera drops us
      const rec = await log.waitFor('reconnecting', 10_000, killedAt);
      await log.waitFor('live', 20_000, rec.at);
      expect(sup.stats().reconnectCount).toBeGreaterThanOrEqual(1);
    } finally {
      await mjpeg.stop();
    }
  });

  it('stop() ends ffmpeg and timers: no ffmpeg child remains (registry and ps)', async () => {
    const srv = await server();
    const { sup, log } = supervise({ source: { kind: 'rtsp', url: srv.url } });
    sup.start();
    await log.waitFor('live', 20_000);
    expect(childFfmpegPids()).toHaveLength(1);
    await sup.stop();
    expect(sup.state).toBe('stopped');
    expect(sup.stats().pid).toBeNull();
    expect(liveFfmpegCount()).toBe(0);
    expect(childFfmpegPids()).toEqual([]);
    const n = log.changes.length;
    await sleep(2500); // past the stall timeout: no watchdog or retry fires after stop
    expect(log.changes.length).toBe(n);
  });

  it('a wrong password fails permanently after a few tries, never logging the password', async () => {
    const srv = await server({ user: 'admin', password: PASSWORD });
    const url = srv.credentialUrl.replace(PASSWORD, `x${PASSWORD}`);
    const { sup, log } = supervise({
      source: { kind: 'rtsp', url },
      maxPermanentFailures: 2,
      backoff: { initialMs: 100, jitter: 0 },
      permanentBackoffFactor: 2,
    });
    sup.start();
    const failed = await log.waitFor('failed', 15_000);
    expect(failed.reason).toBe('auth');
    const starts = log.changes.filter((c) => c.state === 'connecting').length;
    expect(starts).toBe(2);
    const all = JSON.stringify([log.changes, sup.stats()]);
    expect(all).not.toContain(PASSWORD);
    expect(all).toContain('rtsp://***@127.0.0.1');
    expect(liveFfmpegCount()).toBe(0);
  });

  it('a missing file fails permanently (not_found)', async () => {
    const { log } = (() => {
      const r = supervise({ source: { kind: 'file', path: '/nonexistent/footfall.mp4' }, maxPermanentFailures: 2, backoff: { initialMs: 50 } });
      r.sup.start();
      return r;
    })();
    const failed = await log.waitFor('failed', 10_000);
    expect(failed.reason).toBe('not_found');
  });

  it('a refused camera keeps retrying with growing back-off (transient)', async () => {
    const srv = await server();
    const port = srv.port;
    await srv.stop();
    const { sup, log } = supervise({ source: { kind: 'rtsp', url: `rtsp://127.0.0.1:${port}/cam` } });
    sup.start();
    const until = Date.now() + 15_000;
    const retries = (): typeof log.changes => log.changes.filter((c) => c.state === 'reconnecting');
    while (retries().length < 3 && Date.now() < until) await sleep(50);
    expect(retries().length).toBeGreaterThanOrEqual(3);
    const [first, second, third] = retries();
    expect([first!.reason, second!.reason, third!.reason]).toEqual(['refused', 'refused', 'refused']);
    expect(first!.message).toContain('retrying in 0.3 s'); // 250 ms
    expect(second!.message).toContain('retrying in 0.5 s');
    expect(third!.message).toContain('retrying in 1.0 s');
    expect(sup.state).not.toBe('failed');
  });

  it('a file that ends goes to stopped/ended with every frame delivered', async () => {
    const got: number[] = [];
    const { sup, log } = supervise({
      source: { kind: 'file', path: shortClip },
      onFrame: async (f) => {
        got.push(f.index);
        await sleep(5); // a consumer slower than decoding: back-pressure, not drops
      },
    });
    sup.start();
    const end = await log.waitFor('stopped', 20_000);
    expect(end.reason).toBe('ended');
    expect(got).toEqual(Array.from({ length: 10 }, (_, i) => i)); // 2 s at 5 fps
    expect(sup.stats().framesDropped).toBe(0);
  });
});
