import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveFfmpeg } from './ffmpeg-path';
import { killAllFfmpeg, liveFfmpegCount, liveFfmpegPids, registerFfmpegChild, stopProcess } from './process-control';

const children: ChildProcess[] = [];
function track(c: ChildProcess): ChildProcess {
  children.push(c);
  return c;
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** An ffmpeg that would run for an hour, writing to the null muxer. */
function longFfmpeg(): ChildProcess {
  const args = ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10', '-t', '3600', '-f', 'null', '-'];
  return track(spawn(resolveFfmpeg().path, args, { stdio: ['pipe', 'ignore', 'ignore'] }));
}

function started(c: ChildProcess): Promise<void> {
  return new Promise((resolve) => c.once('spawn', () => resolve()));
}

describe('stopProcess', () => {
  it("ends ffmpeg cleanly with 'q' and unregisters it", async () => {
    const c = longFfmpeg();
    registerFfmpegChild(c);
    await started(c);
    expect(liveFfmpegPids()).toContain(c.pid);
    // A generous quit window: on a loaded machine ffmpeg may still be starting up when 'q' arrives.
    const exit = await stopProcess(c, { quitMs: 5000, graceMs: 2000 });
    expect(exit).toEqual({ code: 0, signal: null }); // 'q' = normal exit (SIGTERM would give 255)
    expect(liveFfmpegPids()).not.toContain(c.pid);
  });

  it('escalates to SIGKILL when a process ignores q and SIGTERM', async () => {
    const c = track(
      spawn(
        process.execPath,
        ['-e', "process.on('SIGTERM', () => console.log('term')); process.stdin.on('data', (d) => console.log('stdin ' + d)); console.log('up'); setInterval(() => {}, 1000)"],
        { stdio: ['pipe', 'pipe', 'ignore'] },
      ),
    );
    let out = '';
    c.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    await new Promise<void>((resolve) => c.stdout!.once('data', () => resolve()));
    const exit = await stopProcess(c, { graceMs: 300, quitMs: 100 });
    expect(exit.signal).toBe('SIGKILL');
    // The whole ladder: 'q' on stdin, SIGTERM (ignored), then SIGKILL.
    expect(out).toContain('stdin q');
    expect(out).toContain('term');
  });

  it('returns at once for a child that already exited', async () => {
    const c = track(spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' }));
    await new Promise((r) => c.once('exit', r));
    expect(await stopProcess(c)).toEqual({ code: 3, signal: null });
  });
});

describe('killAllFfmpeg', () => {
  it('stops every registered child', async () => {
    const a = longFfmpeg();
    const b = longFfmpeg();
    registerFfmpegChild(a);
    registerFfmpegChild(b);
    await Promise.all([started(a), started(b)]);
    expect(liveFfmpegCount()).toBeGreaterThanOrEqual(2);
    await killAllFfmpeg({ graceMs: 1000 });
    expect(liveFfmpegCount()).toBe(0);
    expect(a.exitCode ?? a.signalCode).not.toBeNull();
    expect(b.exitCode ?? b.signalCode).not.toBeNull();
  });
});
