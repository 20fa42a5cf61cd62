/**
 * A disk that fills up during a count: the run stops with one clear line and a non-zero exit, and
 * what was stored before stays intact and consistent. The full disk is a real one: a small tmpfs
 * (needs root to mount, as on CI; skipped with a message elsewhere).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { killRunningClis, REPO_ROOT, runCli } from './cli-runner';

const VTEST = join(REPO_ROOT, 'tests/fixtures/media/vtest.avi');

function tryMount(dir: string): string | null {
  if (process.getuid?.() !== 0) return 'not running as root (mounting a small tmpfs needs it)';
  try {
    // The migrated schema takes about 550 KB, and as much again in the WAL while migrating: leave
    // room for a few hundred frames of full-detail results.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2500k', 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return `cannot mount a tmpfs here: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
  }
}

const work = mkdtempSync(join(tmpdir(), 'footfall-full-disk-'));
const disk = join(work, 'disk');
mkdirSync(disk);
const whyNot = tryMount(disk);

afterAll(() => {
  killRunningClis();
  if (!whyNot) execFileSync('umount', ['-l', disk]);
  rmSync(work, { recursive: true, force: true });
});

describe('a full disk during count', () => {
  it.skipIf(whyNot !== null)(`stops with one clear error and keeps what was stored${whyNot ? ` (skipped: ${whyNot})` : ''}`, async () => {
    const db = join(disk, 'footfall.db');
    // Every frame's detail (--evidence full, ~2.4 KB a frame), so the disk fills within the recording.
    const r = await runCli(['count', '--source', VTEST, '--line', '600,150,600,450', '--db', db, '--evidence', 'full', '--json'], { timeoutMs: 300_000 });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/STORAGE_FAILED/);
    expect(lines[0]).toMatch(/full/i);

    // What was committed is intact: the file passes its checks and its rows agree with each other.
    const conn = new Database(db, { readonly: true });
    try {
      expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(conn.pragma('foreign_key_check')).toEqual([]);
      const frames = (conn.prepare('SELECT count(*) FROM model_inference_results').pluck().get() as number) ?? 0;
      expect(frames).toBeGreaterThan(0);
      const orphans = conn.prepare('SELECT count(*) FROM detection_results d LEFT JOIN model_inference_results i USING (inference_id) WHERE i.id IS NULL').pluck().get();
      expect(orphans).toBe(0);
      const crossings = conn.prepare("SELECT direction, count(*) AS n, max(current_count_in) AS lastIn, max(current_count_out) AS lastOut FROM counting_results WHERE event_type = 'cross_line' GROUP BY direction").all() as Array<{ direction: string; n: number; lastIn: number; lastOut: number }>;
      for (const c of crossings) expect(c.n).toBe(c.direction === 'in' ? c.lastIn : c.lastOut);
    } finally {
      conn.close();
    }
  });
});
