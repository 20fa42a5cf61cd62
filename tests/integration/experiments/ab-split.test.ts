/**
 * A/B experiments over a real recording with the real model: a switchback (slot) split serves
 * each slot with one arm, leaves the burn-in after each switch out and records one assignment per
 * slot; a per-frame split records every frame's arm, deterministic from the seed, with the sample
 * ratio checked on frames. An unreviewed challenger may shadow but not serve counts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { ExperimentService } from '../../../src/engine/experiments/experiment-service';
import { unitOfSource } from '../../../src/engine/experiments/run-offline';
import { deterministicAssign } from '../../../src/engine/experiments/stats';
import { defaultModelPath } from '../../../src/engine/paths';
import { ensureDefaultModel } from '../../../src/engine/registry/ensure-model';
import { createRegistryContext } from '../../../src/engine/registry/registry-context';

const VTEST = join(import.meta.dirname, '../../fixtures/media/vtest.avi');
const LINES = [{ name: 'door', x1: 600, y1: 150, x2: 600, y2: 450 }];
const BASE = 'yolov8n-coco@8.0.0';

describe.skipIf(!existsSync(defaultModelPath()))('ab experiments on a recording', () => {
  let dir: string;
  let db: SqliteDatabase;
  let svc: ExperimentService;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'footfall-ab-'));
    db = openMigratedDatabase(join(dir, 'f.db'));
    await ensureDefaultModel(db);
    svc = new ExperimentService(createRegistryContext(db));
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('slot split (switchback): one arm per 15 s slot, 2 s burn-in left out, one assignment per slot', async () => {
    const d = svc.create({ name: 'switchback', baseline: BASE, challenger: BASE, mode: 'ab', split: 'slot', slotMinutes: 0.25, burnInS: 2, trafficPercent: 50, seed: 'slots', minSamples: 50 });
    expect(d).toMatchObject({ split: 'slot', trafficSplitMethod: 'session_id', slotMinutes: 0.25, burnInS: 2 });
    const r = await svc.run({ experimentId: d.experimentId, source: VTEST, lines: LINES, fps: 5, maxFrames: 300 });
    expect(r.frames).toBe(300);
    const s = r.status;
    // 60 s of video: four slots, each served by the arm its unit hashes to.
    const slots = [0, 1, 2, 3].map((k) => deterministicAssign('slots', `vtest#slot${k}`, 50));
    expect(s.intervals.map((i) => (i.baseline ? 'baseline' : 'challenger'))).toEqual(slots);
    for (const i of s.intervals) {
      expect(i.baseline === null || i.challenger === null).toBe(true);
      // 75 frames a slot, the first 10 (2 s at 5 fps) are burn-in.
      expect((i.baseline ?? i.challenger)!.frames).toBe(65);
    }
    expect(s.assignments.baseline + s.assignments.challenger).toBe(4);
    expect(s.srm).not.toBeNull();
    const rows = db.prepare("SELECT session_id, assigned_group, assignment_reason FROM ab_testing_assignments WHERE experiment_id = ? ORDER BY id").all(d.experimentId);
    expect(rows).toEqual(slots.map((arm, k) => ({ session_id: `vtest#slot${k}`, assigned_group: arm, assignment_reason: 'slot_hash' })));
  }, 600_000);

  it('frame split: every frame assigned and recorded, split checked on frames, identical arms not deployed', async () => {
    const d = svc.create({ name: 'per frame', baseline: BASE, challenger: BASE, mode: 'ab', split: 'frame', trafficPercent: 30, seed: 'frames', minSamples: 50, intervalS: 5 });
    const r = await svc.run({ experimentId: d.experimentId, source: VTEST, lines: LINES, fps: 5, maxFrames: 200 });
    const s = r.status;
    const expected = Array.from({ length: 200 }, (_, i) => deterministicAssign('frames', `vtest#f${i}`, 30));
    const challengerFrames = expected.filter((a) => a === 'challenger').length;
    expect(s.arms.map((a) => a.frames)).toEqual([200 - challengerFrames, challengerFrames]);
    expect(s.assignments).toEqual({ baseline: 200 - challengerFrames, challenger: challengerFrames });
    expect(s.srm!.ok).toBe(true);
    expect(s.recommendation).not.toBe('deploy_challenger');
  }, 600_000);

  it('the unit of a run is the recording (or stream) it reads, without secrets', () => {
    expect(unitOfSource('/data/door-monday.mp4')).toBe('door-monday');
    expect(unitOfSource('rtsp://admin:s3cret@10.0.0.5:554/stream1')).not.toContain('s3cret');
    expect(unitOfSource('rtsp://admin:s3cret@10.0.0.5:554/stream1')).toMatch(/^10\.0\.0\.5:554\/stream1/);
  });

  it('an unreviewed challenger may shadow live; an ab split on live cameras is refused in words', async () => {
    const ctx = createRegistryContext(db);
    const row = ctx.repos.modelVersions.find('yolov8n-coco', '8.0.0')!;
    // A second version of the model, registered but not reviewed (the same file under another number).
    ctx.repos.modelVersions.create({ modelId: 'yolov8n-coco', versionNumber: '8.0.1', modelFilePath: row.modelFilePath, modelFileChecksum: row.modelFileChecksum });
    const shadow = svc.create({ name: 'shadow ok', baseline: BASE, challenger: 'yolov8n-coco@8.0.1', mode: 'shadow' });
    expect(svc.start(shadow.experimentId).status).toBe('running');
    const ab = svc.create({ name: 'ab refused', baseline: BASE, challenger: 'yolov8n-coco@8.0.1', mode: 'ab' });
    expect(() => svc.start(ab.experimentId)).toThrow(/must be approved first/);
    const reviewed = svc.create({ name: 'ab live', baseline: BASE, challenger: BASE, mode: 'ab' });
    expect(() => svc.start(reviewed.experimentId)).toThrow(/run it over a recording/);
    expect(svc.design(ab.experimentId).status).toBe('draft');
    expect(() => svc.create({ name: 'bad', baseline: BASE, challenger: 'yolov8n-coco@9.9.9', mode: 'shadow' })).toThrow(/not in the registry/);
    expect(() => svc.create({ name: 'bad', baseline: 'not a ref', challenger: BASE, mode: 'shadow' })).toThrow(/MODEL_ID@VERSION/);
  });
});
