import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CaptureError } from '../../../src/engine/capture/capture-error';
import { FfmpegCapture, type CaptureExit, type FfmpegCaptureOptions } from '../../../src/engine/capture/ffmpeg-capture';
import { killAllFfmpeg, liveFfmpegCount } from '../../../src/engine/capture/process-control';
import { freePort, startMjpegServer, startRtspServer, stopAllServers, type MjpegServer, type RtspServer } from '../../fixtures/servers/servers';
import { childFfmpegPids } from './helpers';

const W = 160;
const H = 120;
const PASSWORD = 'Sup3r-S3cret-pw';

let rtsp: RtspServer;
let rtspAuth: RtspServer;
let mjpeg: MjpegServer;

beforeAll(async () => {
  [rtsp, rtspAuth, mjpeg] = await Promise.all([
    startRtspServer(),
    startRtspServer({ user: 'admin', password: PASSWORD }),
    startMjpegServer(),
  ]);
});

afterAll(async () => {
  await killAllFfmpeg({ graceMs: 500 });
  await stopAllServers();
});

const captures: FfmpegCapture[] = [];
function capture(o: Omit<FfmpegCaptureOptions, 'width' | 'height' | 'fps'>): FfmpegCapture {
  const c = new FfmpegCapture({ width: W, height: H, fps: 5, ioTimeoutMs: 5000, ...o });
  captures.push(c);
  return c;
}

afterEach(async () => {
  await Promise.all(captures.splice(0).map((c) => c.stop()));
});

async function readFrames(cap: FfmpegCapture, n: number): Promise<number> {
  let got = 0;
  for (let i = 0; i < n; i++) {
    const f = await cap.nextFrame(AbortSignal.timeout(15_000));
    expect(f).not.toBeNull();
    expect(f!.data.byteLength).toBe(W * H * 3);
    got++;
  }
  return got;
}

/** Starts a capture and waits for its failure (bounded by the test timeout). */
async function failure(cap: FfmpegCapture): Promise<{ err: CaptureError; exit: CaptureExit }> {
  const exited = new Promise<CaptureExit>((r) => cap.once('exit', r));
  cap.start();
  const err = await cap.nextFrame().then(
    () => {
      throw new Error('expected a failure, got a frame');
    },
    (e: unknown) => e as CaptureError,
  );
  const exit = await exited;
  expect(err).toBeInstanceOf(CaptureError);
  return { err, exit };
}

describe('FfmpegCapture on live network sources', () => {
  it('RTSP over TCP delivers frames', async () => {
    const cap = capture({ source: { kind: 'rtsp', url: rtsp.url, transport: 'tcp' } });
    cap.start();
    expect(await readFrames(cap, 5)).toBe(5);
    expect(cap.args).toContain('tcp');
  });

  it('RTSP over UDP delivers frames', async () => {
    const cap = capture({ source: { kind: 'rtsp', url: rtsp.url, transport: 'udp' } });
    cap.start();
    expect(await readFrames(cap, 5)).toBe(5);
    expect(cap.args).toContain('udp');
  });

  it('HTTP-MJPEG delivers frames', async () => {
    const cap = capture({ source: { kind: 'http_mjpeg', url: mjpeg.url } });
    cap.start();
    expect(await readFrames(cap, 5)).toBe(5);
    expect(cap.stats().framesIn).toBeGreaterThanOrEqual(5);
  });

  it('RTSP with the right password delivers frames', async () => {
    const cap = capture({ source: { kind: 'rtsp', url: rtspAuth.credentialUrl } });
    cap.start();
    expect(await readFrames(cap, 3)).toBe(3);
  });

  it("a wrong password → 'auth', and the password appears in no message or stderr tail", async () => {
    const url = rtspAuth.credentialUrl.replace(encodeURIComponent(PASSWORD), `wrong-${PASSWORD}`);
    expect(url).toContain(`wrong-${PASSWORD}`);
    const cap = capture({ source: { kind: 'rtsp', url } });
    const { err, exit } = await failure(cap);
    expect(err.reason).toBe('auth');
    expect(exit.reason).toBe('auth');
    expect(exit.stderrTail).toMatch(/401 Unauthorized/);
    expect(exit.stderrTail).toContain('rtsp://***@127.0.0.1');
    expect(cap.redactedArgs.join(' ')).not.toContain(PASSWORD);
    for (const text of [err.message, err.stderrTail, exit.message, exit.stderrTail, JSON.stringify(exit), String(err.stack)]) {
      expect(text).not.toContain(PASSWORD);
    }
  });

  it("a refused port → 'refused'", async () => {
    const port = await freePort();
    const { err } = await failure(capture({ source: { kind: 'rtsp', url: `rtsp://127.0.0.1:${port}/cam` } }));
    expect(err.reason).toBe('refused');
  });

  it("a refused HTTP port → 'refused'", async () => {
    const port = await freePort();
    const { err } = await failure(capture({ source: { kind: 'http_mjpeg', url: `http://127.0.0.1:${port}/x.mjpg` } }));
    expect(err.reason).toBe('refused');
  });

  it("an unknown host → 'unreachable'", async () => {
    const { err } = await failure(capture({ source: { kind: 'rtsp', url: 'rtsp://nonexistent.invalid/cam' } }));
    expect(err.reason).toBe('unreachable');
  });

  it("a frozen RTSP server (SIGSTOP) → 'timeout' after the socket timeout, not 'unsupported'", async () => {
    const frozen = await startRtspServer();
    frozen.pause();
    try {
      const { err } = await failure(capture({ source: { kind: 'rtsp', url: frozen.url }, ioTimeoutMs: 2000 }));
      expect(err.reason).toBe('timeout');
    } finally {
      await frozen.stop();
    }
  });

  it("a wrong RTSP path → 'not_found'", async () => {
    const { err } = await failure(capture({ source: { kind: 'rtsp', url: rtsp.url.replace('/cam', '/nope') } }));
    expect(err.reason).toBe('not_found');
  });

  it('after stop() no ffmpeg child of ours remains (registry and ps)', async () => {
    const a = capture({ source: { kind: 'rtsp', url: rtsp.url } });
    const b = capture({ source: { kind: 'http_mjpeg', url: mjpeg.url } });
    a.start();
    b.start();
    await readFrames(a, 1);
    expect(liveFfmpegCount()).toBeGreaterThanOrEqual(2);
    await Promise.all([a.stop(), b.stop()]);
    expect(liveFfmpegCount()).toBe(0);
    expect(childFfmpegPids()).toEqual([]);
  });
});
