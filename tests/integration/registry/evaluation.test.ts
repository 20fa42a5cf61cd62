import { beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../../src/engine/db/repositories';
import { matchBoxes } from '../../../src/engine/registry/box-matching';
import { qualityMetrics, scoreCrossings, type CrossingEvent } from '../../../src/engine/registry/crossing-score';
import { DEFAULT_MODEL_ID, DEFAULT_MODEL_VERSION, ensureDefaultModel } from '../../../src/engine/registry/ensure-model';
import { parseMotTruth } from '../../../src/engine/registry/evaluation-truth';
import { MODEL_PATH, openTestRegistry, requireAssets, SAMPLE_IMAGE, VTEST } from './registry-helpers';

const TRUTH = new URL('./fixtures/vtest-door-truth.json', import.meta.url).pathname;

beforeAll(() => requireAssets(MODEL_PATH, SAMPLE_IMAGE, VTEST));

describe('models evaluate on shop footage with known crossings', () => {
  // Ground truth: the first 12 s of vtest.avi at 5 fps, a door line at x = 550 (y 150..500), five
  // crossings checked frame by frame by eye (see the notes in the truth file).
  it('finds the five true crossings: precision and recall 100 %, stored with latency and throughput', async () => {
    const t = openTestRegistry();
    await ensureDefaultModel(t.db, MODEL_PATH);
    const r = await t.registry.evaluate({ modelId: DEFAULT_MODEL_ID, version: DEFAULT_MODEL_VERSION, source: VTEST, truthPath: TRUTH });
    expect(r).toMatchObject({
      kind: 'crossings',
      frames: 60,
      truePositives: 5,
      falsePositives: 0,
      falseNegatives: 0,
      precision: 100,
      recall: 100,
      f1: 100,
      accuracy: 100,
      falsePositiveRate: 0,
      falseNegativeRate: 0,
    });
    expect(r.predicted.map((e) => e.direction)).toEqual(['out', 'out', 'out', 'in', 'in']);
    for (const m of r.matches) expect(m.deltaS).toBeLessThanOrEqual(0.5);
    // Latency and throughput are stored with the quality figures; their values are bench figures.
    expect(r).toMatchObject({ latencyMs: expect.any(Number), throughputFps: expect.any(Number) });

    const repos = createRepositories(t.db);
    expect(repos.performanceMetrics.get(r.metricId)).toMatchObject({
      modelId: DEFAULT_MODEL_ID,
      modelVersion: DEFAULT_MODEL_VERSION,
      accuracyScore: 100,
      precisionScore: 100,
      recallScore: 100,
      f1Score: 100,
      falsePositiveRate: 0,
      falseNegativeRate: 0,
      detectionRate: 100,
      inferenceLatencyMs: r.latencyMs,
      throughputFps: r.throughputFps,
    });
    expect(repos.modelVersions.find(DEFAULT_MODEL_ID, DEFAULT_MODEL_VERSION)).toMatchObject({
      validationAccuracy: 100,
      validationPrecision: 100,
      validationRecall: 100,
      validationF1: 100,
    });
    // The production version's scores show on the model row; nothing was stored as counts.
    expect(repos.aiModels.require(DEFAULT_MODEL_ID)).toMatchObject({ precisionScore: 100, recallScore: 100 });
    expect((t.db.prepare('SELECT count(*) AS n FROM model_inference_results').get() as { n: number }).n).toBe(0);

    // The same prediction against a truth with one crossing moved out of tolerance and one extra:
    // 4 of 5 predictions right, 4 of 6 true crossings found.
    const truth: CrossingEvent[] = [
      ...r.truth.slice(0, 4),
      { line: 'door', direction: 'in', timeS: 9.0 },
      { line: 'door', direction: 'out', timeS: 10.0 },
    ];
    const score = scoreCrossings(r.predicted, truth, 1);
    expect(score).toMatchObject({ truePositives: 4, falsePositives: 1, falseNegatives: 2 });
    expect(qualityMetrics(score)).toEqual({ precision: 80, recall: 66.67, f1: 72.73, accuracy: 57.14, falsePositiveRate: 20, falseNegativeRate: 33.33 });
  });

  it('refuses an unknown version and a truth file that is not ground truth', async () => {
    const t = openTestRegistry();
    await ensureDefaultModel(t.db, MODEL_PATH);
    await expect(t.registry.evaluate({ modelId: DEFAULT_MODEL_ID, version: '9.9.9', source: VTEST, truthPath: TRUTH })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.registry.evaluate({ modelId: DEFAULT_MODEL_ID, version: DEFAULT_MODEL_VERSION, source: VTEST, truthPath: SAMPLE_IMAGE })).rejects.toMatchObject({
      code: 'TRUTH_INVALID',
    });
  });
});

describe('scoring (pure)', () => {
  const ev = (line: string, direction: 'in' | 'out', timeS: number): CrossingEvent => ({ line, direction, timeS });

  it.each<[string, CrossingEvent[], CrossingEvent[], [number, number, number]]>([
    ['all matched', [ev('a', 'in', 1), ev('a', 'out', 5)], [ev('a', 'in', 1.2), ev('a', 'out', 4.5)], [2, 0, 0]],
    ['wrong direction is FP + FN', [ev('a', 'in', 1)], [ev('a', 'out', 1)], [0, 1, 1]],
    ['other line is FP + FN', [ev('b', 'in', 1)], [ev('a', 'in', 1)], [0, 1, 1]],
    ['outside tolerance', [ev('a', 'in', 3)], [ev('a', 'in', 1)], [0, 1, 1]],
    ['one prediction cannot match two truths', [ev('a', 'in', 1)], [ev('a', 'in', 0.8), ev('a', 'in', 1.1)], [1, 0, 1]],
    ['closest pairs first', [ev('a', 'in', 1), ev('a', 'in', 1.9)], [ev('a', 'in', 1.8), ev('a', 'in', 0.2)], [2, 0, 0]],
    ['nothing at all', [], [], [0, 0, 0]],
  ])('%s', (_name, predicted, truth, [tp, fp, fn]) => {
    expect(scoreCrossings(predicted, truth, 1)).toMatchObject({ truePositives: tp, falsePositives: fp, falseNegatives: fn });
  });

  it('undefined ratios are null, not 0 or 100', () => {
    expect(qualityMetrics({ truePositives: 0, falsePositives: 0, falseNegatives: 3 })).toEqual({
      precision: null,
      recall: 0,
      f1: null,
      accuracy: 0,
      falsePositiveRate: null,
      falseNegativeRate: 100,
    });
    expect(qualityMetrics({ truePositives: 0, falsePositives: 0, falseNegatives: 0 }).precision).toBeNull();
  });

  it('MOT ground truth: ignore regions and non-pedestrians are skipped; boxes match by IoU >= 0.5', () => {
    const mot = parseMotTruth(['1,1,100,50,40,120,1,1,1', '1,2,300,60,40,120,0,1,1', '1,3,500,60,40,120,1,3,1', '2,1,104,50,40,120,1,1,0.8'].join('\n'));
    expect([...mot.frames.keys()]).toEqual([1, 2]);
    expect(mot.frames.get(1)).toEqual([[100, 50, 140, 170]]);
    expect(matchBoxes([[102, 52, 142, 172], [300, 60, 340, 180]], mot.frames.get(1)!)).toBe(1);
    expect(matchBoxes([[130, 50, 170, 170]], mot.frames.get(1)!)).toBe(0);
    expect(() => parseMotTruth('1,1,abc')).toThrow(/MOT ground truth line 1/);
  });
});
