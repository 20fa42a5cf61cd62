/**
 * `count --camera NAME --started-at ISO`: footage of a shop's camera imported through the real
 * command line is stored under that camera at the time it was filmed, and a second import
 * appends (new rows, same camera, same line) instead of duplicating the camera or its line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/engine/db/open-database';
import { killRunningClis, runCli } from './cli-runner';

const VTEST = join(import.meta.dirname, '../../fixtures/media/vtest.avi');
const FRAMES = 100; // 20 s of vtest.avi at 5 fps

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'footfall-count-camera-'));
});
afterAll(() => {
  killRunningClis();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Stored {
  cameras: Array<{ camera_id: string; name: string; source_kind: string; enabled: number }>;
  lines: number;
  inferences: { n: number; first: string; last: string };
  events: Array<{ created_at: string; camera_id: string; line_id: number | null; direction: string; current_count_in: number; current_count_out: number }>;
}

function stored(dbPath: string): Stored {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    return {
      cameras: db.prepare('SELECT camera_id, name, source_kind, enabled FROM cameras').all() as Stored['cameras'],
      lines: db.prepare('SELECT COUNT(*) FROM counting_lines').pluck().get() as number,
      inferences: db.prepare("SELECT COUNT(*) AS n, MIN(input_timestamp) AS first, MAX(input_timestamp) AS last FROM model_inference_results WHERE camera_id = 'door'").get() as Stored['inferences'],
      events: db
        .prepare("SELECT created_at, camera_id, line_id, direction, current_count_in, current_count_out FROM counting_results WHERE event_type = 'cross_line' ORDER BY id")
        .all() as Stored['events'],
    };
  } finally {
    db.close();
  }
}

const args = (dbPath: string, startedAt: string): string[] => [
  'count', '--source', VTEST, '--line', '600,150,600,450', '--db', dbPath, '--fps', '5', '--max-frames', String(FRAMES),
  '--camera', 'door', '--started-at', startedAt, '--json',
];

describe('count --camera --started-at', () => {
  it('stores the events under the camera from the given time on; a second run appends', async () => {
    const dbPath = join(dir, 'import.db');
    const first = await runCli(args(dbPath, '2026-11-30T10:00:00Z'), { timeoutMs: 240_000 });
    expect(first.code, first.stderr).toBe(0);
    const r1 = JSON.parse(first.stdout) as { in: number; out: number; frames: number; camera: { cameraId: string; created: boolean } };
    expect(r1.camera).toMatchObject({ cameraId: 'door', created: true });
    expect(r1.frames).toBe(FRAMES);
    expect(r1.in + r1.out).toBeGreaterThan(0);

    const s1 = stored(dbPath);
    // A recording camera, disabled so a running engine does not replay it as a live one.
    expect(s1.cameras).toEqual([{ camera_id: 'door', name: 'door', source_kind: 'file', enabled: 0 }]);
    expect(s1.lines).toBe(1);
    // Frame 0 at 10:00:00.000, frame 99 at 10:00:19.800 (5 fps).
    expect(s1.inferences).toEqual({ n: FRAMES, first: '2026-11-30T10:00:00.000Z', last: '2026-11-30T10:00:19.800Z' });
    expect(s1.events).toHaveLength(r1.in + r1.out);
    for (const e of s1.events) {
      expect(e.camera_id).toBe('door');
      expect(e.line_id).not.toBeNull();
      expect(e.created_at >= '2026-11-30T10:00:00.000Z' && e.created_at < '2026-11-30T10:00:20.000Z').toBe(true);
    }

    // The next day's footage of the same camera.
    const second = await runCli(args(dbPath, '2026-12-01T10:00:00Z'), { timeoutMs: 240_000 });
    expect(second.code, second.stderr).toBe(0);
    const r2 = JSON.parse(second.stdout) as { in: number; out: number; camera: { cameraId: string; created: boolean } };
    expect(r2.camera).toMatchObject({ cameraId: 'door', created: false });
    // Same footage, same model: the same crossings.
    expect({ in: r2.in, out: r2.out }).toEqual({ in: r1.in, out: r1.out });
    const s2 = stored(dbPath);
    expect(s2.cameras).toHaveLength(1);
    expect(s2.lines).toBe(1);
    expect(s2.inferences.n).toBe(2 * FRAMES);
    expect(s2.events).toHaveLength(2 * s1.events.length);
    // The first import's rows are untouched; the second's follow them, dated by the second day.
    expect(s2.events.slice(0, s1.events.length)).toEqual(s1.events);
    const appended = s2.events.slice(s1.events.length);
    expect(appended.every((e) => e.created_at.startsWith('2026-12-01T10:00:'))).toBe(true);
    expect(new Set(s2.events.map((e) => e.line_id)).size).toBe(1);
    // Each import's running totals are its own recording's.
    expect(appended.at(-1)).toMatchObject({ current_count_in: r2.in, current_count_out: r2.out });
  }, 300_000);
});
