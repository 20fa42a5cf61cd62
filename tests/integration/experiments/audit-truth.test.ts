/**
 * Audit answers as an experiment's truth (issue 13 part 4, experiments/audit-truth.ts), on a real
 * run: vtest.avi counted as camera `door` (the real model, audit.enabled on, the same path
 * `count --camera --db` takes) with a live shadow of a second version on the camera's frames
 * (its frame tap, here runCount's afterFrame hook on the shadow's fake clock = the recording's
 * time). Both arms' crossings and empty frames are captured for review; the operator's answers
 * (through the audits:answer handler) become each arm's TP / FP / FN per interval, its precision
 * and recall on the status, and the F1 the shadow verdict compares.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { repositoriesFor } from '../../../src/engine/db/repositories';
import { auditTruthByInterval, withAuditTruth } from '../../../src/engine/experiments/audit-truth';
import { createExperiment } from '../../../src/engine/experiments/create-experiment';
import { experimentStatus, samplesOf, statsDesignOf } from '../../../src/engine/experiments/experiment-status';
import { LiveShadow } from '../../../src/engine/experiments/live-shadow';
import { analyzeShadow } from '../../../src/engine/experiments/stats';
import { auditHandlers } from '../../../src/engine/handlers/audit-handlers';
import { silentLogger } from '../../../src/engine/log';
import { defaultModelPath } from '../../../src/engine/paths';
import type { LineSpec } from '../../../src/engine/pipeline/frame-processor';
import { runCount } from '../../../src/engine/pipeline/run-count';
import { ensureDefaultModel } from '../../../src/engine/registry/ensure-model';
import { loadVerifiedDetector } from '../../../src/engine/registry/model-loader';
import { createRegistryContext } from '../../../src/engine/registry/registry-context';

const VTEST = join(import.meta.dirname, '../../fixtures/media/vtest.avi');
const STARTED = Date.parse('2026-11-02T10:00:00.000Z');
const LINES: LineSpec[] = [{ id: null, name: 'door', x1: 384, y1: 0, x2: 384, y2: 576 }];

interface Item {
  id: number;
  kind: 'crossing' | 'no_crossing';
  model_version: string;
  camera_id: string;
}

describe.skipIf(!existsSync(defaultModelPath()))('audit answers as experiment truth on a real run', () => {
  let dir: string;
  let db: SqliteDatabase;
  let experimentId: string;
  let cameraId: string;
  let items: Item[];
  /** TP / FP / FN each arm must get from the answers given below. */
  const expected = { baseline: { tp: 0, fp: 0, fn: 0, answers: 0 }, challenger: { tp: 0, fp: 0, fn: 0, answers: 0 } };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'footfall-audit-truth-'));
    const dbPath = join(dir, 'shop.db');
    db = openMigratedDatabase(dbPath);
    await ensureDefaultModel(db);
    const ctx = createRegistryContext(db);
    const repos = repositoriesFor(db);
    const row = repos.modelVersions.find('yolov8n-coco', '8.0.0')!;
    // The challenger: the same file under another number, so the arms' items can be told apart.
    repos.modelVersions.create({ modelId: 'yolov8n-coco', versionNumber: '8.0.1', modelFilePath: row.modelFilePath, modelFileChecksum: row.modelFileChecksum });
    repos.settings.set('audit.enabled', true);
    repos.settings.set('audit.sample_rate', 1);
    repos.settings.set('audit.no_crossing_per_hour', 720); // one empty frame per 5 s
    const { experiment, design } = createExperiment(ctx, {
      name: 'audited shadow',
      baseline: 'yolov8n-coco@8.0.0',
      challenger: 'yolov8n-coco@8.0.1',
      mode: 'shadow',
      successMetric: 'f1',
      intervalS: 20,
      minSamples: 1,
    });
    experimentId = experiment.experimentId;
    const challenger = (await loadVerifiedDetector(db, 'yolov8n-coco', '8.0.1', { purpose: 'test shadow' })).detector;
    let clock = STARTED;
    let shadow: LiveShadow | null = null;
    const result = await runCount({
      source: VTEST,
      lines: LINES,
      dbPath,
      camera: 'door',
      fps: 2,
      startedAt: new Date(STARTED),
      afterFrame: async (outcome, loop, frame) => {
        const processor = loop.processor!;
        cameraId ??= (db.prepare("SELECT camera_id FROM cameras WHERE name = 'door'").pluck().get() as string);
        shadow ??= new LiveShadow({ ctx, experiment, design, cameraId, challenger, log: silentLogger(), now: () => clock });
        clock = STARTED + Math.round(outcome.timeS * 1000);
        shadow.onFrame(outcome, frame, { cameraId, fps: 2, sourceSize: processor.sourceSize, lines: LINES, tuning: { tracker: {}, lineCounter: {} }, framesDropped: 0 });
        // The recording waits for the challenger, so it sees every frame (a live camera would not).
        await shadow.idle();
      },
    });
    await (shadow as LiveShadow | null)?.close();
    expect(result.in + result.out).toBeGreaterThanOrEqual(2);
    items = db.prepare('SELECT id, kind, model_version, camera_id FROM audit_items ORDER BY id').all() as Item[];

    // The operator's answers. Production (8.0.0): its first count was not a person, one empty
    // frame hid a missed person, the rest right. The challenger (8.0.1): one count in the wrong
    // direction, the rest right.
    const h = auditHandlers({ db, repos });
    for (const arm of ['baseline', 'challenger'] as const) {
      const mine = items.filter((i) => i.model_version === (arm === 'baseline' ? '8.0.0' : '8.0.1'));
      const crossings = mine.filter((i) => i.kind === 'crossing');
      const empty = mine.filter((i) => i.kind === 'no_crossing');
      const e = expected[arm];
      for (const [k, item] of crossings.entries()) {
        const answer = k === 0 ? (arm === 'baseline' ? 'not_a_person' : 'wrong_direction') : 'right';
        await h['audits:answer']({ id: item.id, answer });
        if (answer === 'right') e.tp++;
        else if (answer === 'not_a_person') e.fp++;
        else {
          e.fp++;
          e.fn++;
        }
      }
      for (const [k, item] of empty.entries()) {
        const answer = k === 0 && arm === 'baseline' ? 'missed_one' : 'right';
        await h['audits:answer']({ id: item.id, answer });
        if (answer === 'missed_one') e.fn++;
      }
      e.answers = mine.length;
    }
  }, 600_000);

  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('captured items of both arms on the camera, each tagged with the version that counted', () => {
    const baseline = items.filter((i) => i.model_version === '8.0.0');
    const challenger = items.filter((i) => i.model_version === '8.0.1');
    expect(baseline.filter((i) => i.kind === 'crossing').length).toBeGreaterThanOrEqual(2);
    expect(challenger.filter((i) => i.kind === 'crossing').length).toBeGreaterThanOrEqual(2);
    expect(baseline.some((i) => i.kind === 'no_crossing')).toBe(true);
    expect(items.every((i) => i.camera_id === cameraId)).toBe(true);
  });

  it('turns the answers into each arm’s TP / FP / FN over the intervals that ran then', () => {
    const truth = auditTruthByInterval(db, experimentId);
    const intervals = repositoriesFor(db).abExperiments.listIntervals(experimentId);
    expect(intervals.length).toBeGreaterThanOrEqual(6); // ~80 s of video in 20 s intervals, two arms
    expect(intervals.every((r) => r.truePositives === null)).toBe(true); // the run recorded no truth itself
    for (const arm of ['baseline', 'challenger'] as const) {
      const sum = { tp: 0, fp: 0, fn: 0, answers: 0 };
      for (const r of intervals.filter((x) => x.arm === arm)) {
        const t = truth.get(r.id);
        if (!t) continue;
        sum.tp += t.tp;
        sum.fp += t.fp;
        sum.fn += t.fn;
        sum.answers += t.answers;
      }
      expect(sum).toEqual(expected[arm]);
    }
  });

  it('shows precision and recall from the audits on the status, and the shadow verdict compares their F1', () => {
    const status = experimentStatus(repositoriesFor(db), experimentId);
    const pct = (n: number, d: number): number => Math.round((n / d) * 10000) / 100;
    for (const [k, arm] of (['baseline', 'challenger'] as const).entries()) {
      const e = expected[arm];
      expect(status.arms[k]!.auditAnswers).toBe(e.answers);
      expect(status.arms[k]!.precision).toBeCloseTo(pct(e.tp, e.tp + e.fp), 2);
      expect(status.arms[k]!.recall).toBeCloseTo(pct(e.tp, e.tp + e.fn), 2);
    }
    const repos = repositoriesFor(db);
    const rows = withAuditTruth(repos.abExperiments.listIntervals(experimentId), auditTruthByInterval(db, experimentId)).rows;
    const verdict = analyzeShadow(samplesOf(rows).samples, statsDesignOf(repos.abExperiments.getExperiment(experimentId)!, repos.abExperiments.getDesign(experimentId)!));
    const f1 = verdict.tests['f1'] as { baseline: number; challenger: number } | null;
    expect(f1).not.toBeNull();
    // The F1 the verdict compares is over paired intervals (both arms have answers there).
    const truth = auditTruthByInterval(db, experimentId);
    const paired = { baseline: { tp: 0, fp: 0, fn: 0 }, challenger: { tp: 0, fp: 0, fn: 0 } };
    const byIndex = new Map<number, Partial<Record<'baseline' | 'challenger', number>>>();
    for (const r of rows) byIndex.set(r.intervalIndex, { ...byIndex.get(r.intervalIndex), [r.arm]: r.id });
    for (const ids of byIndex.values()) {
      const b = truth.get(ids.baseline ?? -1);
      const c = truth.get(ids.challenger ?? -1);
      if (!b || !c) continue;
      for (const [arm, t] of [['baseline', b], ['challenger', c]] as const) {
        paired[arm].tp += t.tp;
        paired[arm].fp += t.fp;
        paired[arm].fn += t.fn;
      }
    }
    const f1Of = (e: { tp: number; fp: number; fn: number }): number => (2 * e.tp) / (2 * e.tp + e.fp + e.fn);
    expect(paired.baseline.tp + paired.challenger.tp).toBeGreaterThan(0);
    expect(f1!.baseline).toBeCloseTo(f1Of(paired.baseline), 6);
    expect(f1!.challenger).toBeCloseTo(f1Of(paired.challenger), 6);
  });

  it('a corrected answer counts at once; truth the run recorded itself wins over audits', async () => {
    const repos = repositoriesFor(db);
    const h = auditHandlers({ db, repos });
    const first = items.find((i) => i.model_version === '8.0.0' && i.kind === 'crossing')!;
    await h['audits:answer']({ id: first.id, answer: 'right' });
    const fixed = experimentStatus(repos, experimentId).arms[0]!;
    const e = expected.baseline;
    expect(fixed.precision).toBeCloseTo(pct2(e.tp + 1, e.tp + 1 + e.fp - 1), 2);
    const one = repos.abExperiments.listIntervals(experimentId).find((r) => r.arm === 'baseline')!;
    db.prepare('UPDATE ab_interval_metrics SET true_positives = 7, false_positives = 0, false_negatives = 0 WHERE id = ?').run(one.id);
    const mixed = withAuditTruth(repos.abExperiments.listIntervals(experimentId), auditTruthByInterval(db, experimentId)).rows.find((r) => r.id === one.id)!;
    expect([mixed.truePositives, mixed.falsePositives, mixed.falseNegatives]).toEqual([7, 0, 0]);
  });
});

function pct2(n: number, d: number): number {
  return Math.round((n / d) * 10000) / 100;
}
