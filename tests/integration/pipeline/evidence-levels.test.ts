/**
 * Issue 11: at each evidence level a vtest.avi run stores every inference row and every crossing
 * event; `events` keeps each counted track's full path and the rows around its crossing; the byte
 * figures come from the same code the bench prints (runStorageBench). One model pass: the other
 * levels replay its detections through the whole frame path (runCount, a real database each).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStorageBench, type StorageBenchResult } from '../../../src/engine/bench/storage-bench';
import { openDatabase, type SqliteDatabase } from '../../../src/engine/db/open-database';
import { PersonDetector } from '../../../src/engine/inference/person-detector';
import { defaultModelPath } from '../../../src/engine/paths';
import { PIPELINE_DETECTOR_OPTIONS } from '../../../src/engine/registry/model-loader';
import type { EvidenceLevel } from '../../../src/shared/enums';

const VIDEO = join(__dirname, '../../fixtures/media/vtest.avi');
const LINE = { id: null, name: 'door', x1: 384, y1: 0, x2: 384, y2: 576 };

let dir: string;
let result: StorageBenchResult;
const dbs = new Map<EvidenceLevel, SqliteDatabase>();

interface EventRow {
  event: string;
  direction: string;
  track: string;
  frame: number;
  path: string;
  detection: string | null;
}

function events(db: SqliteDatabase): EventRow[] {
  return db
    .prepare(
      `SELECT substr(c.counting_event_id, instr(c.counting_event_id, ':') + 1) AS event, c.direction, c.track_id AS track,
              i.frame_index AS frame, c.path_trajectory AS path, c.detection_id AS detection
       FROM counting_results c JOIN model_inference_results i ON i.inference_id = c.inference_id ORDER BY i.frame_index, c.id`,
    )
    .all() as EventRow[];
}

const count = (db: SqliteDatabase, table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'footfall-evidence-'));
  const detector = await PersonDetector.load(defaultModelPath(), PIPELINE_DETECTOR_OPTIONS);
  try {
    result = await runStorageBench({ video: VIDEO, detector, dir, line: LINE, fps: 5, runs: 1 });
  } finally {
    await detector.dispose();
  }
  for (const level of ['full', 'events', 'summary'] as const) dbs.set(level, openDatabase(join(dir, `evidence-${level}.db`), { readonly: true }));
}, 300_000);

afterAll(() => {
  for (const db of dbs.values()) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('evidence levels on vtest.avi', () => {
  it('every level stores every frame\'s inference row and the same crossing events', () => {
    const full = dbs.get('full')!;
    const frames = result.levels[0]!.frames;
    expect(frames).toBeGreaterThan(350);
    const reference = events(full);
    expect(reference.length).toBeGreaterThan(10);
    for (const [level, db] of dbs) {
      expect(count(db, 'model_inference_results'), level).toBe(frames);
      const mine = events(db);
      expect(mine.map(({ detection: _d, ...e }) => e), level).toEqual(reference.map(({ detection: _d, ...e }) => e));
      // counting_hourly follows the events at every level.
      expect(db.prepare("SELECT total(count_in + count_out) FROM counting_hourly").pluck().get(), level).toBe(reference.length);
    }
  });

  it('full stores every tracked detection; summary none; events only around crossings', () => {
    const [full, ev, summary] = (['full', 'events', 'summary'] as const).map((l) => dbs.get(l)!);
    expect(count(full!, 'detection_results')).toBeGreaterThan(5 * result.levels[0]!.frames);
    expect(count(summary!, 'detection_results') + count(summary!, 'tracking_results')).toBe(0);
    const evTracks = count(ev!, 'tracking_results');
    expect(evTracks).toBeGreaterThan(0);
    expect(evTracks).toBeLessThan(count(full!, 'tracking_results') / 10);
    // No trajectory repeated on a tracking row; no box stored twice on a frame.
    expect(full!.prepare('SELECT count(*) FROM tracking_results WHERE trajectory_points IS NOT NULL').pluck().get()).toBe(0);
    // Where a sampled frame has detection rows (an event), the array holds null in their place.
    const mixed = ev!
      .prepare(
        `SELECT (SELECT count(*) FROM json_each(i.inference_results, '$.boxes') WHERE type = 'null') AS nulls,
                (SELECT count(*) FROM detection_results d WHERE d.inference_id = i.inference_id) AS rows
         FROM model_inference_results i WHERE json_extract(i.inference_results, '$.boxes') IS NOT NULL`,
      )
      .all() as Array<{ nulls: number; rows: number }>;
    expect(mixed.every((m) => m.nulls === m.rows)).toBe(true);
    // One sampled frame's boxes per second of video (about 80 s).
    const sampled = ev!.prepare("SELECT count(*) FROM model_inference_results WHERE json_extract(inference_results, '$.boxes') IS NOT NULL").pluck().get() as number;
    expect(sampled).toBeGreaterThan(60);
    expect(sampled).toBeLessThanOrEqual(81);
    // The sampled frames (one a second, ~80) carry the picture's brightness, contrast and
    // sharpness, at every level; at `events` their boxes are the array, or rows when an event
    // put rows on that frame anyway.
    const seconds = full!.prepare("SELECT count(*) FROM model_inference_results WHERE json_extract(input_metadata, '$.image') IS NOT NULL").pluck().get() as number;
    expect(seconds).toBeGreaterThanOrEqual(79);
    expect(seconds).toBeLessThanOrEqual(81);
    expect(sampled).toBe(seconds);
    for (const db of dbs.values()) {
      const stats = db
        .prepare(
          `SELECT count(*) AS n, min(json_extract(input_metadata, '$.image.brightness')) AS lo, max(json_extract(input_metadata, '$.image.brightness')) AS hi,
                  min(json_extract(input_metadata, '$.image.sharpness')) AS sharp
           FROM model_inference_results WHERE json_extract(input_metadata, '$.image') IS NOT NULL`,
        )
        .get() as { n: number; lo: number; hi: number; sharp: number };
      expect(stats.n).toBe(seconds);
      expect(stats.lo).toBeGreaterThan(40);
      expect(stats.hi).toBeLessThan(220);
      expect(stats.sharp).toBeGreaterThan(1);
    }
  });

  it('events keeps each counted track\'s full path, its crossing frame\'s rows, and a detection for each event', () => {
    const full = dbs.get('full')!;
    const ev = dbs.get('events')!;
    const positions = full.prepare(
      `SELECT i.frame_index AS frame, t.position_x AS x, t.position_y AS y FROM tracking_results t
       JOIN model_inference_results i ON i.inference_id = t.inference_id WHERE t.track_id = ? AND i.frame_index <= ? ORDER BY i.frame_index`,
    );
    for (const e of events(ev)) {
      const path = JSON.parse(e.path) as Array<[number, number, number]>;
      const byFrame = new Map(path.map(([x, y, f]) => [f, [x, y]]));
      const seen = positions.all(e.track, e.frame) as Array<{ frame: number; x: number; y: number }>;
      expect(seen.length).toBeGreaterThan(1);
      // From the track's first stored position to the crossing, every position is on the path.
      expect(path[0]![2]).toBeLessThanOrEqual(seen[0]!.frame);
      expect(path[path.length - 1]![2]).toBe(e.frame);
      for (const p of seen) expect(byFrame.get(p.frame), `track ${e.track} frame ${p.frame}`).toEqual([p.x, p.y]);
      // The event's detection is stored, and the track's rows on the crossing frame and the frame before.
      expect(e.detection).not.toBeNull();
      expect(ev.prepare('SELECT count(*) FROM detection_results WHERE detection_id = ?').pluck().get(e.detection)).toBe(1);
      const frames = ev
        .prepare('SELECT i.frame_index FROM tracking_results t JOIN model_inference_results i ON i.inference_id = t.inference_id WHERE t.track_id = ? AND i.frame_index BETWEEN ? AND ?')
        .pluck()
        .all(e.track, e.frame - 1, e.frame) as number[];
      expect(frames).toContain(e.frame);
    }
  });

  it('summary keeps the events and their paths, without a detection to point at', () => {
    const rows = events(dbs.get('summary')!);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((r) => r.detection === null && JSON.parse(r.path).length > 1)).toBe(true);
  });

  it('the bench figures: events far below full, every level counted the same', () => {
    const [full, ev, summary] = result.levels;
    expect([full!.level, ev!.level, summary!.level]).toEqual(['full', 'events', 'summary']);
    expect(ev!.bytesPerFrame).toBeLessThan(full!.bytesPerFrame);
    expect(summary!.bytesPerFrame).toBeLessThanOrEqual(ev!.bytesPerFrame);
    expect(new Set(result.levels.map((l) => l.crossings)).size).toBe(1);
    expect(result.fullOverEvents).toBeGreaterThan(1);
  });
});

describe('count --evidence', () => {
  it('stores at the level asked; without the flag at the database\'s storage.evidence setting; refuses an unknown level in words', async () => {
    const { runCli } = await import('./cli-runner');
    const work = mkdtempSync(join(tmpdir(), 'footfall-evidence-cli-'));
    try {
      const args = (db: string): string[] => ['count', '--source', VIDEO, '--line', '384,0,384,576', '--db', db, '--max-frames', '15', '--json'];
      const summary = await runCli([...args(join(work, 's.db')), '--evidence', 'summary'], { timeoutMs: 120_000 });
      expect(summary.code).toBe(0);
      expect(JSON.parse(summary.stdout).evidence).toBe('summary');
      const s = openDatabase(join(work, 's.db'), { readonly: true });
      expect([count(s, 'model_inference_results'), count(s, 'detection_results')]).toEqual([15, 0]);
      s.close();

      // The setting decides when no flag is given.
      const withSetting = join(work, 'f.db');
      const first = await runCli([...args(withSetting), '--evidence', 'summary'], { timeoutMs: 120_000 });
      expect(first.code).toBe(0);
      const w = openDatabase(withSetting);
      w.prepare("INSERT INTO settings (key, value) VALUES ('storage.evidence', '\"full\"')").run();
      w.close();
      const byDefault = await runCli(args(withSetting), { timeoutMs: 120_000 });
      expect(JSON.parse(byDefault.stdout).evidence).toBe('full');
      const f = openDatabase(withSetting, { readonly: true });
      expect(count(f, 'detection_results')).toBeGreaterThan(15);
      f.close();

      const bad = await runCli([...args(join(work, 'b.db')), '--evidence', 'everything'], { timeoutMs: 60_000 });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--evidence must be one of full, events, summary');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
