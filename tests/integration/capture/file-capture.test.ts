import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CaptureError } from '../../../src/engine/capture/capture-error';
import { FfmpegCapture } from '../../../src/engine/capture/ffmpeg-capture';
import { killAllFfmpeg, liveFfmpegCount } from '../../../src/engine/capture/process-control';
import { childFfmpegPids, sleep } from './helpers';

const VTEST = resolve('tests/fixtures/media/vtest.avi'); // 768x576, 10 fps, 79.5 s

const captures: FfmpegCapture[] = [];
function capture(...args: ConstructorParameters<typeof FfmpegCapture>): FfmpegCapture {
  const c = new FfmpegCapture(...args);
  captures.push(c);
  return c;
}

afterEach(async () => {
  await Promise.all(captures.splice(0).map((c) => c.stop()));
  await killAllFfmpeg({ graceMs: 500 });
});

describe('FfmpegCapture on a file', () => {
  it('reads vtest.avi at 5 fps 384x288: exact-size frames, ≈79.5*5 of them, then null', async () => {
    const cap = capture({ source: { kind: 'file', path: VTEST }, width: 384, height: 288, fps: 5 });
    cap.start();
    let n = 0;
    let prev: Uint8Array | undefined;
    let changed = 0;
    for (let f = await cap.nextFrame(); f; f = await cap.nextFrame()) {
      expect(f.data.byteLength).toBe(384 * 288 * 3);
      expect([f.width, f.height, f.index]).toEqual([384, 288, n]);
      expect(f.timeS).toBeCloseTo(n / 5);
      if (prev && Buffer.compare(prev, f.data) !== 0) changed++;
      prev = f.data; // kept, so not released: the next frame must not overwrite it
      n++;
    }
    expect(n).toBeGreaterThanOrEqual(396);
    expect(n).toBeLessThanOrEqual(399);
    expect(changed).toBeGreaterThan(n * 0.9); // people walk: consecutive frames differ
    expect(cap.exit?.reason).toBe('ended');
    expect(cap.stats().framesDropped).toBe(0); // files are read with back-pressure, never dropped
    expect(cap.stats().framesIn).toBe(n);
    expect(await cap.nextFrame()).toBeNull();
  });

  it('letterboxes with 114 grey', async () => {
    // 4:3 into a square: scaled to 320x240, 40 grey rows above and below.
    const cap = capture({ source: { kind: 'file', path: VTEST }, width: 320, height: 320, fps: 5 });
    cap.start();
    const f = (await cap.nextFrame())!;
    const px = (x: number, y: number): number[] => Array.from(f.data.subarray((y * 320 + x) * 3, (y * 320 + x) * 3 + 3));
    expect(px(0, 0)).toEqual([114, 114, 114]);
    expect(px(160, 39)).toEqual([114, 114, 114]);
    expect(px(319, 319)).toEqual([114, 114, 114]);
    expect(px(160, 160)).not.toEqual([114, 114, 114]);
  });

  it('a slow consumer of a file loses no frame (back-pressure)', async () => {
    const cap = capture({ source: { kind: 'file', path: VTEST }, width: 192, height: 144, fps: 10 });
    cap.start();
    for (let i = 0; i < 8; i++) {
      const f = await cap.nextFrame();
      expect(f?.index).toBe(i);
      await sleep(60);
    }
    expect(cap.stats().framesDropped).toBe(0);
  });

  it('without back-pressure the queue keeps only the NEWEST frames and counts drops', async () => {
    const cap = capture({ source: { kind: 'file', path: VTEST }, width: 96, height: 72, fps: 10, backpressure: false, queueCapacity: 2 });
    cap.start();
    await vi.waitFor(() => expect(cap.stats().framesIn).toBeGreaterThanOrEqual(60), { timeout: 60_000, interval: 20 });
    const a = (await cap.nextFrame())!;
    const b = (await cap.nextFrame())!;
    expect(b.index).toBe(a.index + 1);
    expect(a.index).toBeGreaterThan(50);
    expect(cap.stats().framesDropped).toBeGreaterThanOrEqual(a.index);
  });

  it('a missing file fails with not_found, as event and as nextFrame rejection', async () => {
    const cap = capture({ source: { kind: 'file', path: '/nonexistent/footfall/missing.avi' }, width: 64, height: 48, fps: 5 });
    const errors: CaptureError[] = [];
    cap.on('error', (e) => errors.push(e));
    cap.start();
    const err = await cap.nextFrame().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CaptureError);
    expect((err as CaptureError).reason).toBe('not_found');
    expect(errors.map((e) => e.reason)).toEqual(['not_found']);
    expect(cap.exit?.stderrTail).toContain('No such file or directory');
  });

  it('a file that is not a video fails with unsupported', async () => {
    const cap = capture({ source: { kind: 'file', path: resolve('package.json') }, width: 64, height: 48, fps: 5 });
    cap.start();
    await expect(cap.nextFrame()).rejects.toMatchObject({ reason: 'unsupported' });
  });

  it('stop() mid-stream ends ffmpeg, resolves waiters with null, leaves no child', async () => {
    const cap = capture({ source: { kind: 'file', path: VTEST, realtime: true, loop: true }, width: 96, height: 72, fps: 5 });
    const exits: string[] = [];
    cap.on('exit', (e) => exits.push(e.reason));
    cap.start();
    expect(await cap.nextFrame()).not.toBeNull();
    const pending = cap.nextFrame(); // waits for a frame that never comes
    await cap.stop();
    await cap.stop(); // idempotent
    // the pending waiter got either a frame that arrived before stop, or the end
    const got = await pending;
    expect(got === null || got.data.byteLength === 96 * 72 * 3).toBe(true);
    expect(await cap.nextFrame()).toBeNull();
    expect(exits).toEqual(['stopped']);
    expect(liveFfmpegCount()).toBe(0);
    expect(childFfmpegPids()).toEqual([]);
  });

  it('nextFrame honours an AbortSignal', async () => {
    const cap = capture({ source: { kind: 'file', path: VTEST, realtime: true }, width: 96, height: 72, fps: 1 });
    cap.start();
    await expect(cap.nextFrame(AbortSignal.timeout(1))).rejects.toThrow();
  });
});
