/**
 * The engine process killed while counting (SIGKILL, as a native crash would), then started
 * again: stored counts afterwards equal the counts before plus the new crossings — nothing lost,
 * nothing counted twice, running totals continuous — and no ffmpeg outlives the dead engine.
 * Real `npm run cli -- serve`, a real file camera of walking people replayed in real time, the
 * real model and the real SQLite file. Camera changes made with the CLI meanwhile apply live.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../../../src/engine/paths';
import { isAlive, sleep, VTEST } from './helpers';

const run = promisify(execFile);
const ROOT = appRoot();
const RENDERER_BUILT = existsSync(join(ROOT, 'out/renderer/index.html'));
const LINE = '384,0,384,576'; // a vertical doorway across the vtest plaza

interface CountRow {
  id: number;
  counting_event_id: string;
  inference_id: string | null;
  direction: string;
  line_id: number;
  current_count_in: number;
  current_count_out: number;
}

let dir: string;
let dbPath: string;
let clip: string;
const serves: ChildProcess[] = [];

async function cli(args: string[]): Promise<unknown> {
  const { stdout } = await run('npm', ['run', '--silent', 'cli', '--', ...args, '--json'], { cwd: ROOT, timeout: 60_000 });
  return JSON.parse(stdout) as unknown;
}

/** `serve` in its own process group, so a failed test can still end every process it started. */
async function startServe(): Promise<ChildProcess> {
  const child = spawn('npm', ['run', '--silent', 'cli', '--', 'serve', '--db', dbPath, '--port', '0', '--json'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  serves.push(child);
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve not listening after 60 s: ${err}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('"url"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening: ${err}`));
    });
  });
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** pid → parent pid and command name of every process, from ps. */
function processTable(): Array<{ pid: number; ppid: number; comm: string }> {
  return execFileSync('ps', ['-e', '-o', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c.length >= 3)
    .map(([pid, ppid, comm]) => ({ pid: Number(pid), ppid: Number(ppid), comm: comm! }));
}

/** ffmpeg processes anywhere below `root`, and the engine process (their parent). */
function ffmpegUnder(root: number): { ffmpeg: number[]; engine: number | null } {
  const table = processTable();
  const below = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of table) {
      if (below.has(p.ppid) && !below.has(p.pid)) {
        below.add(p.pid);
        grew = true;
      }
    }
  }
  const ffmpeg = table.filter((p) => p.comm === 'ffmpeg' && below.has(p.pid));
  return { ffmpeg: ffmpeg.map((p) => p.pid), engine: ffmpeg[0]?.ppid ?? null };
}

async function until<T>(what: string, timeoutMs: number, probe: () => T | null | undefined | false): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

function rows(): CountRow[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT id, counting_event_id, inference_id, direction, line_id, current_count_in, current_count_out
         FROM counting_results WHERE camera_id = 'door' AND event_type = 'cross_line' ORDER BY id`,
      )
      .all() as CountRow[];
  } finally {
    db.close();
  }
}

/** Running totals stored with each crossing equal the crossings stored up to it: no gap, no double. */
function expectContinuousTotals(all: CountRow[]): void {
  const byLine = new Map<number, { in: number; out: number }>();
  for (const r of all) {
    const c = byLine.get(r.line_id) ?? { in: 0, out: 0 };
    if (r.direction === 'in') c.in++;
    else c.out++;
    byLine.set(r.line_id, c);
    expect({ id: r.id, in: r.current_count_in, out: r.current_count_out }).toEqual({ id: r.id, in: c.in, out: c.out });
  }
}

const runOf = (r: CountRow): string => r.counting_event_id.split(':')[0]!;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'footfall-restart-'));
  dbPath = join(dir, 'footfall.db');
  // 16 s of the recording where people cross the doorway every few seconds, looped by the camera.
  clip = join(dir, 'plaza.mkv');
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-ss', '21', '-i', VTEST, '-t', '16', '-c:v', 'mjpeg', '-q:v', '4', '-an', clip]);
}, 60_000);

afterAll(async () => {
  for (const s of serves) {
    if (s.exitCode === null && s.signalCode === null && s.pid) {
      try {
        process.kill(-s.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
});

describe.skipIf(!RENDERER_BUILT)('engine process killed during counting (serve needs `npm run build` first)', () => {
  it('restarts with stored counts = counts before + new crossings, no duplicate, totals continuing', async () => {
    const added = (await cli(['cameras', 'add', '--db', dbPath, '--id', 'door', '--name', 'Door', '--kind', 'file', '--url', clip, '--line', LINE, '--fps', '3'])) as {
      cameraId: string;
      lines: Array<{ id: number }>;
    };
    expect(added.cameraId).toBe('door');

    // Run 1: count until a few crossings are stored, then kill the engine process outright.
    const serve1 = await startServe();
    const first = await until('3 stored crossings', 90_000, () => {
      const r = rows();
      return r.length >= 3 ? r : null;
    });
    const tree1 = ffmpegUnder(serve1.pid!);
    expect(tree1.ffmpeg).toHaveLength(1);
    const engine1 = tree1.engine!;
    process.kill(engine1, 'SIGKILL');
    await exited(serve1);
    // ffmpeg loses its reader and exits by itself (EPIPE): no orphan keeps the camera busy.
    await until('the dead engine’s ffmpeg to exit', 10_000, () => tree1.ffmpeg.every((p) => !isAlive(p)));

    const before = rows();
    expect(before.length).toBeGreaterThanOrEqual(first.length);
    expectContinuousTotals(before);
    const totalsBefore = { in: before.filter((r) => r.direction === 'in').length, out: before.filter((r) => r.direction === 'out').length };

    // Run 2: the same file, the same camera; counts resume from the database.
    const serve2 = await startServe();
    const after = await until('3 more stored crossings', 90_000, () => {
      const r = rows();
      return r.length >= before.length + 3 ? r : null;
    });
    const tree2 = ffmpegUnder(serve2.pid!);
    const engine2 = tree2.engine!;

    // A camera added with the CLI while serve runs is started by it, and stopped when removed.
    await cli(['cameras', 'add', '--db', dbPath, '--id', 'side', '--name', 'Side', '--kind', 'file', '--url', clip, '--fps', '1']);
    await until('serve to start the CLI-added camera', 30_000, () => ffmpegUnder(engine2).ffmpeg.length === 2);
    await cli(['cameras', 'remove', '--db', dbPath, '--id', 'side']);
    await until('serve to stop the CLI-removed camera', 30_000, () => ffmpegUnder(engine2).ffmpeg.length === 1);

    // A clean stop: SIGTERM, exit 0, every ffmpeg gone.
    const ffmpeg2 = ffmpegUnder(engine2).ffmpeg;
    process.kill(engine2, 'SIGTERM');
    expect(await exited(serve2)).toBe(0);
    for (const p of ffmpeg2) expect(isAlive(p)).toBe(false);
    expect(ffmpegUnder(serve2.pid!).ffmpeg).toEqual([]);

    const final = rows();
    expect(final.length).toBeGreaterThanOrEqual(after.length);
    // Nothing lost: every crossing stored before the kill is still there, unchanged.
    expect(final.slice(0, before.length)).toEqual(before);
    // Nothing doubled: unique event ids, and the new ones come from a new run.
    expect(new Set(final.map((r) => r.counting_event_id)).size).toBe(final.length);
    const newRows = final.slice(before.length);
    expect(newRows.length).toBeGreaterThanOrEqual(3);
    const oldRuns = new Set(before.map(runOf));
    for (const r of newRows) expect(oldRuns.has(runOf(r))).toBe(false);
    // Totals continue from the stored ones: stored = before + new crossings, at every row.
    expectContinuousTotals(final);
    const firstNew = newRows[0]!;
    expect(firstNew.current_count_in + firstNew.current_count_out).toBe(totalsBefore.in + totalsBefore.out + 1);
    const last = final.at(-1)!;
    expect(last.current_count_in).toBe(totalsBefore.in + newRows.filter((r) => r.direction === 'in').length);
    expect(last.current_count_out).toBe(totalsBefore.out + newRows.filter((r) => r.direction === 'out').length);
    console.info(`[counts] before kill: ${before.length} crossings (in ${totalsBefore.in}, out ${totalsBefore.out}); after restart: +${newRows.length}; totals ${last.current_count_in} in / ${last.current_count_out} out`);
  }, 300_000);
});
