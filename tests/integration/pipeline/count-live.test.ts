/**
 * `count` behaves like a camera (the one frame loop with the supervised source): on an RTSP
 * camera whose server is killed mid-stream and started again it reconnects and counts on, and it
 * ends with exit 0 when the camera ends the stream; with the server gone for good it gives up
 * after --give-up with a non-zero exit, still printing and storing what it counted. The camera is
 * Debian's gst-rtsp-server on 127.0.0.1 serving real pedestrians (the first 8 s of vtest.avi).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/engine/db/open-database';
import { startRtspServer, stopAllServers, type RtspServer } from '../../fixtures/servers/servers';
import { killRunningClis, runCli, type CliResult } from './cli-runner';

const VTEST = join(import.meta.dirname, '../../fixtures/media/vtest.avi');
// vtest.avi at 5 fps: three people walk right to left through this line in its first 8 s.
const DOOR = '550,150,550,500';

let dir: string;
let clip: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'footfall-count-live-'));
  clip = join(dir, 'vtest-8s.mkv');
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', VTEST, '-t', '8', '-c:v', 'mjpeg', '-q:v', '3', clip]);
});

afterAll(async () => {
  killRunningClis();
  await stopAllServers();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function storedFrames(dbPath: string): number {
  try {
    const db = openDatabase(dbPath, { readonly: true });
    try {
      return db.prepare('SELECT COUNT(*) FROM model_inference_results').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet
  }
}

/** Polls a condition about real processes (ffmpeg, the CLI), bounded; asserts nothing on time. */
async function until(what: string, cond: () => boolean, limitMs: number): Promise<void> {
  const end = Date.now() + limitMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface CountJson {
  in: number;
  out: number;
  frames: number;
  reconnects: number;
  ended: string;
  error: { code: string; message: string } | null;
  events: Array<{ direction: string; frame: number }>;
}

function startCount(url: string, dbPath: string, extra: string[]): { done: Promise<CliResult>; stderr: () => string } {
  let stderr = '';
  const done = runCli(['count', '--source', url, '--line', DOOR, '--db', dbPath, '--fps', '5', '--json', ...extra], {
    timeoutMs: 240_000,
    onStderr: (s) => (stderr += s),
  });
  return { done, stderr: () => stderr };
}

describe('count on a live RTSP camera', () => {
  it('reconnects after the server is killed and restarted, counts after the restart, exits 0 when the stream ends', async () => {
    let server: RtspServer = await startRtspServer({ file: clip, size: '768x576', fps: 10 });
    const dbPath = join(dir, 'reconnect.db');
    const run = startCount(server.url, dbPath, ['--give-up', '60']);
    await until('frames before the kill', () => storedFrames(dbPath) >= 5, 120_000);
    await server.stop();
    await until('a reconnect line on stderr', () => /reconnecting/.test(run.stderr()), 60_000);
    const framesBeforeRestart = storedFrames(dbPath);
    server = await startRtspServer({ file: clip, size: '768x576', fps: 10, port: server.port });
    const r = await run.done;
    await server.stop();
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as CountJson;
    expect(out.ended).toBe('end_of_stream');
    expect(out.error).toBeNull();
    expect(out.reconnects).toBeGreaterThanOrEqual(1);
    // Each reconnect is one line on stderr.
    expect(r.stderr.match(/^footfall: reconnecting: .+$/gm)?.length).toBe(out.reconnects);
    // The restarted stream replays the clip from its start (three people walking out): the run
    // counts them after the restart too. (The first walker may be missed: he reaches the line
    // about a second into the stream, before his track is confirmed.)
    expect(out.frames).toBeGreaterThan(framesBeforeRestart + 20);
    const afterRestart = out.events.filter((e) => e.frame >= framesBeforeRestart);
    expect(afterRestart.length).toBeGreaterThanOrEqual(2);
    expect(new Set(afterRestart.map((e) => e.direction))).toEqual(new Set(['out']));
    expect(storedFrames(dbPath)).toBe(out.frames);
  }, 300_000);

  it('with the server gone for good it gives up after --give-up: non-zero exit, the reason, and what it counted', async () => {
    const server = await startRtspServer({ file: clip, size: '768x576', fps: 10 });
    const dbPath = join(dir, 'give-up.db');
    const run = startCount(server.url, dbPath, ['--give-up', '4']);
    await until('frames before the kill', () => storedFrames(dbPath) >= 5, 120_000);
    await server.stop();
    const r = await run.done;
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as CountJson;
    expect(out.ended).toBe('gave_up');
    expect(out.error).toMatchObject({ code: 'GAVE_UP', message: expect.stringMatching(/^no frame for \d+ s: /) });
    expect(r.stderr).toMatch(/no frame for \d+ s: .*\[GAVE_UP\]/);
    expect(out.frames).toBeGreaterThanOrEqual(5);
    expect(storedFrames(dbPath)).toBe(out.frames);
  }, 300_000);
});
