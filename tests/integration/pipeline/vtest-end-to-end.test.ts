/**
 * The real CLI counts real pedestrians in vtest.avi and stores everything; the stored rows must
 * agree with what it printed and with each other (ids, foreign keys, running totals, model).
 *
 * The line x = 600 from y 150 to 450 cuts the diagonal road on the right of the plaza, where
 * people walk between the bottom-right corner and the buildings: in the first 200 frames several
 * cross it each way (found from the first run's tracking_results: per-track min/max position).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../../src/engine/db/open-database';
import { killRunningClis, runCli, type CliResult } from './cli-runner';

const VTEST = 'tests/fixtures/media/vtest.avi';
const LINE = '600,150,600,450';
const MAX_FRAMES = 200;

interface CountJson {
  in: number;
  out: number;
  frames: number;
  events: Array<{ direction: 'in' | 'out'; track: number; frame: number; time_s: number; line: string }>;
  model: { modelId: string; versionNumber: string; sha256: string };
  source: { width: number; height: number; fps: number };
}

describe('count on vtest.avi through the CLI, then the stored rows', () => {
  let dir: string;
  let dbPath: string;
  let run: CliResult;
  let out: CountJson;
  let db: SqliteDatabase;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'footfall-vtest-e2e-'));
    dbPath = join(dir, 'vtest.db');
    // Every frame's detail (--evidence full): the row checks below walk all of it.
    run = await runCli(['count', '--source', VTEST, '--line', LINE, '--db', dbPath, '--max-frames', String(MAX_FRAMES), '--evidence', 'full', '--json'], {
      timeoutMs: 400_000,
    });
    if (run.code !== 0) throw new Error(`count failed (${run.code ?? run.signal}): ${run.stderr}`);
    out = JSON.parse(run.stdout) as CountJson;
    console.log(
      `vtest line ${LINE}, ${out.frames} frames in ${(run.ms / 1000).toFixed(1)} s: in ${out.in}, out ${out.out}; ` +
        `events ${out.events.map((e) => `${e.direction}#${e.track}@${e.frame}`).join(' ')}`,
    );
    db = openDatabase(dbPath, { readonly: true });
  }, 420_000);

  afterAll(() => {
    killRunningClis();
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const scalar = (sql: string, ...params: unknown[]): number => (db.prepare(sql).pluck().get(...params) as number) ?? 0;

  it('prints only JSON, with real crossings both ways', () => {
    expect(run.stderr.trim()).toBe('');
    expect(out.frames).toBe(MAX_FRAMES);
    expect(out.source).toEqual({ width: 768, height: 576, fps: 10 });
    expect(out.in).toBeGreaterThan(0);
    expect(out.out).toBeGreaterThan(0);
    expect(out.events.filter((e) => e.direction === 'in')).toHaveLength(out.in);
    expect(out.events.filter((e) => e.direction === 'out')).toHaveLength(out.out);
  });

  it('stores one cross_line row per printed event, with the same direction, track and frame', () => {
    expect(scalar(`SELECT COUNT(*) FROM counting_results WHERE event_type = 'cross_line' AND direction = 'in'`)).toBe(out.in);
    expect(scalar(`SELECT COUNT(*) FROM counting_results WHERE event_type = 'cross_line' AND direction = 'out'`)).toBe(out.out);
    const rows = db
      .prepare(
        `SELECT c.direction, CAST(c.track_id AS INTEGER) AS track, i.frame_index AS frame
           FROM counting_results c JOIN model_inference_results i ON i.inference_id = c.inference_id
          WHERE c.event_type = 'cross_line' ORDER BY c.id`,
      )
      .all() as Array<{ direction: string; track: number; frame: number }>;
    expect(rows).toEqual(out.events.map((e) => ({ direction: e.direction, track: e.track, frame: e.frame })));
  });

  it("the last counting row's running totals equal the printed totals", () => {
    const last = db
      .prepare(`SELECT current_count_in AS i, current_count_out AS o, current_total AS t FROM counting_results WHERE event_type = 'cross_line' ORDER BY id DESC LIMIT 1`)
      .get() as { i: number; o: number; t: number };
    expect(last).toEqual({ i: out.in, o: out.out, t: out.in + out.out });
    // Running totals never go down, row after row.
    const series = db.prepare(`SELECT current_count_in AS i, current_count_out AS o FROM counting_results WHERE event_type = 'cross_line' ORDER BY id`).all() as Array<{ i: number; o: number }>;
    series.slice(1).forEach((r, k) => {
      expect(r.i).toBeGreaterThanOrEqual(series[k]!.i);
      expect(r.o).toBeGreaterThanOrEqual(series[k]!.o);
    });
  });

  it('each counted track was tracked at the frame of its event', () => {
    for (const e of out.events) {
      const n = scalar(
        `SELECT COUNT(*) FROM tracking_results t JOIN model_inference_results i ON i.inference_id = t.inference_id
          WHERE t.track_id = ? AND i.frame_index = ?`,
        String(e.track),
        e.frame,
      );
      expect(n, `track ${e.track} at frame ${e.frame}`).toBe(1);
    }
  });

  it('one inference row per processed frame, all naming the registered model version', () => {
    expect(scalar('SELECT COUNT(*) FROM model_inference_results')).toBe(out.frames);
    expect(scalar('SELECT COUNT(DISTINCT frame_index) FROM model_inference_results')).toBe(out.frames);
    const models = db.prepare('SELECT DISTINCT model_id AS id, model_version AS v FROM model_inference_results').all();
    expect(models).toEqual([{ id: out.model.modelId, v: out.model.versionNumber }]);
    expect(scalar('SELECT COUNT(*) FROM ai_models WHERE model_id = ?', out.model.modelId)).toBe(1);
    expect(scalar('SELECT COUNT(*) FROM model_versions WHERE model_id = ? AND version_number = ?', out.model.modelId, out.model.versionNumber)).toBe(1);
    const checksum = db.prepare('SELECT model_file_checksum FROM model_versions WHERE model_id = ? AND version_number = ?').pluck().get(out.model.modelId, out.model.versionNumber);
    expect(checksum).toBe(out.model.sha256);
  });

  it('detections and tracks point at rows that exist', () => {
    expect(scalar('SELECT COUNT(*) FROM detection_results')).toBeGreaterThan(out.frames); // several people per frame
    expect(scalar('SELECT COUNT(*) FROM detection_results WHERE inference_id IS NULL OR inference_id NOT IN (SELECT inference_id FROM model_inference_results)')).toBe(0);
    expect(scalar('SELECT COUNT(*) FROM tracking_results')).toBeGreaterThan(0);
    expect(scalar('SELECT COUNT(*) FROM tracking_results WHERE detection_id IS NULL OR detection_id NOT IN (SELECT detection_id FROM detection_results)')).toBe(0);
    expect(scalar('SELECT COUNT(*) FROM tracking_results WHERE inference_id NOT IN (SELECT inference_id FROM model_inference_results)')).toBe(0);
    expect(scalar('SELECT COUNT(*) FROM counting_results WHERE inference_id IS NULL OR inference_id NOT IN (SELECT inference_id FROM model_inference_results)')).toBe(0);
    expect(scalar('SELECT COUNT(*) FROM counting_results WHERE detection_id IS NOT NULL AND detection_id NOT IN (SELECT detection_id FROM detection_results)')).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('`db check` passes on the file', async () => {
    expect(existsSync(dbPath)).toBe(true);
    const check = await runCli(['db', 'check', '--db', dbPath, '--json'], { timeoutMs: 120_000 });
    expect(check.stderr.trim()).toBe('');
    expect(check.code).toBe(0);
    const r = JSON.parse(check.stdout) as { ok: boolean; foreignKeyViolations: unknown[]; problems: unknown[] };
    expect(r).toMatchObject({ ok: true, foreignKeyViolations: [], problems: [] });
  }, 150_000);
});
