/**
 * The drift scores against reference values from trusted packages (issue 13), the severity bands,
 * persistence, the tamper rules on synthetic picture statistics, and the scheduler on a fake
 * clock. The reference values were produced with scipy 1.17.1 and numpy 2.4.6 by this script
 * (PSI written as Evidently computes it; scipy's ks_2samp uses its exact method at these sizes):
 *
 *   import numpy as np
 *   from scipy import stats
 *   def psi(r, c, bins=30):
 *       r = np.asarray(r, float); c = np.asarray(c, float)
 *       edges = np.histogram_bin_edges(np.concatenate([r, c]), bins=bins)
 *       rp = np.histogram(r, edges)[0] / len(r); cp = np.histogram(c, edges)[0] / len(c)
 *       rp[rp == 0] = 0.0001; cp[cp == 0] = 0.0001
 *       return float(np.sum((rp - cp) * np.log(rp / cp)))
 *   def row(r, c):
 *       ks = stats.ks_2samp(r, c)
 *       return [psi(r, c), float(ks.statistic), float(ks.pvalue),
 *               float(stats.wasserstein_distance(r, c) / max(np.std(r), 0.001))]
 *   ref = [0.61, 0.72, 0.55, 0.80, 0.68, 0.74, 0.59, 0.83, 0.77, 0.66, 0.70, 0.63, 0.79, 0.58, 0.71, 0.75, 0.69, 0.64, 0.81, 0.73]
 *   cur = [0.52, 0.60, 0.48, 0.67, 0.57, 0.63, 0.50, 0.71, 0.66, 0.55, 0.62, 0.53, 0.69, 0.49, 0.61, 0.64, 0.58]
 *   a = [100 + (i * 37) % 101 for i in range(300)]
 *   b = [106 + (i * 53) % 97 for i in range(250)]
 *   c1 = [3,4,3,2,5,3,4,4,3,2,3,4,5,3,3]; c2 = [2,2,3,1,2,3,2,1,2,2,3,2]
 *   big_r = [(i * 7919) % 1000 / 10 for i in range(2000)]
 *   big_c = [(i * 7919) % 1000 / 10 + 3 for i in range(1500)]
 *   for name, (r, c) in {'confidence': (ref, cur), 'modular': (a, b), 'counts': (c1, c2), 'big': (big_r, big_c)}.items():
 *       print(name, [repr(x) for x in row(r, c)])
 *
 * Output (psi, KS D, KS p-value, normed Wasserstein):
 *   confidence 6.577549400606193 0.5323529411764706 0.006353111068495312 1.3628908248106457
 *   modular    0.2875654012077406 0.06 0.6861517193936172 0.12394788103794468
 *   counts     5.096585446449081 0.6166666666666667 0.006831394178278012 1.4972436360683343
 *   big        0.11373783851581823 0.03233333333333333 0.3255859657876898 0.10507780153142578
 * The χ² survival value: scipy.stats.chi2.sf(16 / 10, 1) = 0.20590321073206466.
 */
import { describe, expect, it } from 'vitest';
import { bandOf, DRIFT_RULES, judgeWindow, persistentDrift, scoreCounts, scoreFeature } from '../../../src/engine/drift/drift-score';
import { ksTwoSample, psi, wasserstein, wassersteinNormed } from '../../../src/engine/drift/drift-stats';
import { DriftScheduler } from '../../../src/engine/drift/drift-scheduler';
import type { DriftCheckOptions, DriftCheckResult, DriftService } from '../../../src/engine/drift/drift-service';
import { decodeGrid, detectTamper, gridCorrelation, type ImageSample } from '../../../src/engine/drift/tamper';
import { frameViewGrid } from '../../../src/engine/vision/frame-image-stats';

const REF = [0.61, 0.72, 0.55, 0.8, 0.68, 0.74, 0.59, 0.83, 0.77, 0.66, 0.7, 0.63, 0.79, 0.58, 0.71, 0.75, 0.69, 0.64, 0.81, 0.73];
const CUR = [0.52, 0.6, 0.48, 0.67, 0.57, 0.63, 0.5, 0.71, 0.66, 0.55, 0.62, 0.53, 0.69, 0.49, 0.61, 0.64, 0.58];
const A = Array.from({ length: 300 }, (_, i) => 100 + ((i * 37) % 101));
const B = Array.from({ length: 250 }, (_, i) => 106 + ((i * 53) % 97));
const C1 = [3, 4, 3, 2, 5, 3, 4, 4, 3, 2, 3, 4, 5, 3, 3];
const C2 = [2, 2, 3, 1, 2, 3, 2, 1, 2, 2, 3, 2];
const BIG_R = Array.from({ length: 2000 }, (_, i) => ((i * 7919) % 1000) / 10);
const BIG_C = Array.from({ length: 1500 }, (_, i) => ((i * 7919) % 1000) / 10 + 3);

const CASES: Array<[string, number[], number[], [number, number, number, number]]> = [
  ['confidence', REF, CUR, [6.577549400606193, 0.5323529411764706, 0.006353111068495312, 1.3628908248106457]],
  ['modular (ties)', A, B, [0.2875654012077406, 0.06, 0.6861517193936172, 0.12394788103794468]],
  ['counts (heavy ties)', C1, C2, [5.096585446449081, 0.6166666666666667, 0.006831394178278012, 1.4972436360683343]],
  ['big', BIG_R, BIG_C, [0.11373783851581823, 0.03233333333333333, 0.3255859657876898, 0.10507780153142578]],
];

describe('drift scores against scipy / numpy', () => {
  for (const [name, r, c, [p, d, pv, w]] of CASES) {
    it(`${name}: PSI, KS statistic and exact p-value, normed Wasserstein`, () => {
      expect(psi(r, c)).toBeCloseTo(p, 10);
      const ks = ksTwoSample(r, c);
      expect(ks.statistic).toBeCloseTo(d, 12);
      expect(ks.pValue).toBeCloseTo(pv, 12);
      expect(ks.method).toBe('exact');
      expect(wassersteinNormed(r, c)).toBeCloseTo(w, 10);
    });
  }

  it('identical samples score 0 and p = 1; wasserstein is symmetric', () => {
    expect(psi(A, A)).toBe(0);
    expect(ksTwoSample(A, A)).toMatchObject({ statistic: 0, pValue: 1 });
    expect(wasserstein(A, B)).toBeCloseTo(wasserstein(B, A), 12);
  });

  it('the in/out test: Poisson χ² with 1 d.f. (scipy.stats.chi2.sf(1.6, 1))', () => {
    const f = scoreCounts('count_in', 14, [10, 10, 10, 10])!;
    expect(f.statistic).toBeCloseTo(1.6, 10);
    expect(f.pValue).toBeCloseTo(0.20590321073206466, 4);
    expect(f).toMatchObject({ score: 0.4, drifted: false }); // 40 % more, but not significant
    expect(scoreCounts('count_in', 2, [40, 42, 38])).toMatchObject({ drifted: true, severity: 'critical' });
  });
});

describe('choice of test, bands, persistence', () => {
  it('KS up to 1000 reference values, normed Wasserstein above (Evidently)', () => {
    expect(scoreFeature('confidence', [...REF, ...REF], [...CUR, ...CUR])).toMatchObject({ method: 'ks', drifted: true, severity: 'critical' });
    expect(scoreFeature('brightness', BIG_R, BIG_C)).toMatchObject({ method: 'wasserstein', pValue: null, drifted: true, severity: 'medium' });
    expect(DRIFT_RULES.ksMaxReference).toBe(1000);
    expect(scoreFeature('brightness', REF.slice(0, 10), CUR)).toBeNull(); // too few values
  });

  it('PSI bands: < 0.1 low, 0.1–0.25 medium, 0.25–0.5 high, ≥ 0.5 critical', () => {
    expect([0.05, 0.1, 0.2, 0.25, 0.49, 0.5, 3].map((v) => bandOf(v, DRIFT_RULES.psiBands))).toEqual(['low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  });

  it('a significant but immaterial shift (PSI < 0.1) is not drift', () => {
    const ref = Array.from({ length: 900 }, (_, i) => (i % 300) / 3);
    const cur = ref.map((v) => v + 0.4);
    const f = scoreFeature('brightness', ref, cur)!;
    expect(f.method).toBe('ks');
    expect(f.score).toBeLessThan(0.1);
    expect(f.drifted).toBe(false);
  });

  it('judges a window by its drifted features, most first, and maps the seed scores', () => {
    const v = judgeWindow([scoreFeature('confidence', A, A)!, scoreFeature('brightness', [...REF, ...REF], [...CUR, ...CUR])!]);
    expect(v).toMatchObject({ drifted: true, severity: 'critical', driftType: 'covariate', dataDriftScore: 1, modelDriftScore: 0 });
    expect(v.features[0]!.name).toBe('brightness');
  });

  it('alerts only after alert_windows drifted windows in a row', () => {
    expect(persistentDrift([true], 2)).toEqual({ alert: false, streak: 1 });
    expect(persistentDrift([true, true], 2)).toEqual({ alert: true, streak: 2 });
    expect(persistentDrift([true, false, true], 2)).toEqual({ alert: false, streak: 1 });
    expect(persistentDrift([false, true, true, true], 3)).toEqual({ alert: true, streak: 3 });
  });
});

const T0 = Date.parse('2026-11-03T09:00:00Z');
const GRID = '87777786677788878999999679bacb974568ccaa345668ba3445556735455544';
function samples(seconds: number, at: (s: number) => Partial<ImageSample>): ImageSample[] {
  return Array.from({ length: seconds }, (_, s) => ({ t: T0 + s * 1000, brightness: 120, contrast: 52, sharpness: 2600, grid: GRID, ...at(s) }));
}

describe('tamper rules on picture statistics', () => {
  it('covered (dark), blinded (saturated), defocused (sharpness < 20 %), each after 10 s', () => {
    const covered = detectTamper(samples(120, (s) => (s >= 60 ? { brightness: 4, contrast: 2, sharpness: 1 } : {})));
    expect(covered).toMatchObject([{ kind: 'covered', from: T0 + 60_000, detectedAt: T0 + 70_000 }]);
    expect(detectTamper(samples(120, (s) => (s >= 60 ? { brightness: 252, contrast: 6, sharpness: 40 } : {})))).toMatchObject([{ kind: 'blinded' }]);
    const blur = detectTamper(samples(120, (s) => (s >= 60 ? { sharpness: 300 } : {})));
    expect(blur).toMatchObject([{ kind: 'defocused', measure: 'sharpness', value: 300, baseline: 2600 }]);
  });

  it('moved: the view fingerprint stops correlating with the baseline', () => {
    const moved = [...GRID].reverse().join('');
    expect(gridCorrelation([...GRID].map((c) => parseInt(c, 16)), [...moved].map((c) => parseInt(c, 16)))).toBeLessThan(0.7);
    expect(detectTamper(samples(120, (s) => (s >= 60 ? { grid: moved } : {})))).toMatchObject([{ kind: 'moved', from: T0 + 60_000 }]);
  });

  it('nothing for a person passing the lens (5 s), a camera dark from the start, or a light change', () => {
    expect(detectTamper(samples(120, (s) => (s >= 60 && s < 65 ? { brightness: 5, contrast: 2 } : {})))).toEqual([]);
    expect(detectTamper(samples(120, () => ({ brightness: 6, contrast: 3, sharpness: 2 })))).toEqual([]);
    const darker = GRID.replace(/[0-9a-f]/g, (c) => Math.max(0, parseInt(c, 16) - 3).toString(16));
    expect(detectTamper(samples(120, (s) => (s >= 60 ? { brightness: 70, grid: darker } : {})))).toEqual([]);
  });

  it('an incremental scan reports only what is detected after reportFrom', () => {
    const s = samples(120, (i) => (i >= 60 ? { brightness: 4 } : {}));
    expect(detectTamper(s, {}, T0 + 80_000)).toEqual([]);
    expect(detectTamper(s, {}, T0 + 65_000)).toHaveLength(1);
  });
});

describe('the view fingerprint (frameViewGrid)', () => {
  const frame = (w: number, h: number, px: (x: number, y: number) => number) => {
    const data = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.fill(px(x, y), (y * w + x) * 3, (y * w + x) * 3 + 3);
    return { width: w, height: h, data, index: 0, timeS: 0 };
  };
  const whole = { padX: 0, padY: 0, newWidth: 64, newHeight: 64 };

  it('8×8 blocks of mean luma in 16 levels, row by row; only the picture inside the letterbox', () => {
    const grid = frameViewGrid(frame(64, 64, (x) => (x < 32 ? 255 : 0)), whole);
    expect(grid).toBe('ffff0000'.repeat(8));
    const boxed = frameViewGrid(frame(64, 64, (_x, y) => (y >= 16 && y < 48 ? 160 : 114)), { padX: 0, padY: 16, newWidth: 64, newHeight: 32 });
    expect(boxed).toBe('a'.repeat(64));
  });

  it('a scene moved sideways stops correlating; the same scene darker still correlates', () => {
    const scene = (dx: number, gain = 1) => frame(64, 64, (x, y) => Math.round(gain * (((x + dx) * 7 + y * 13) % 200 > 100 ? 220 : 40 + ((x + dx) % 16) * 4)));
    const a = decodeGrid(frameViewGrid(scene(0), whole))!;
    expect(gridCorrelation(a, decodeGrid(frameViewGrid(scene(0, 0.5), whole))!)).toBeGreaterThan(0.9);
    expect(gridCorrelation(a, decodeGrid(frameViewGrid(scene(10), whole))!)).toBeLessThan(gridCorrelation(a, decodeGrid(frameViewGrid(scene(0, 0.5), whole))!));
  });
});

describe('DriftScheduler on a fake clock', () => {
  it('scans for tampering each tick since the last, and scores windows a few minutes after each hour', async () => {
    let now = new Date('2026-11-03T09:58:00Z');
    const calls: DriftCheckOptions[] = [];
    const service = { check: (o: DriftCheckOptions) => (calls.push(o), { now: o.now.toISOString(), alerts: [], windows: [], tamper: [] }) } as unknown as DriftService;
    const s = new DriftScheduler(service, { now: () => now, settings: () => ({ alertWindows: 2, referenceDays: 7, tamperSeconds: 10 }) });
    s.start();
    expect(s.nextHourlyRunAt()?.toISOString()).toBe('2026-11-03T10:02:00.000Z');
    now = new Date('2026-11-03T09:58:30Z');
    await s.tick();
    now = new Date('2026-11-03T10:02:00Z');
    await s.tick();
    s.stop();
    expect(calls.map((c) => [c.skipDrift, c.tamperFrom?.toISOString(), c.now.toISOString()])).toEqual([
      [true, '2026-11-03T09:57:30.000Z', '2026-11-03T09:58:30.000Z'],
      [false, '2026-11-03T09:58:30.000Z', '2026-11-03T10:02:00.000Z'],
    ]);
    expect(s.nextHourlyRunAt()).toBeNull();
  });

  it('runs one check at a time: a tick during a running check leaves its range to the next; a failed scan is scanned again', async () => {
    let now = new Date('2026-11-03T09:58:00Z');
    const calls: DriftCheckOptions[] = [];
    let release: (() => void) | null = null;
    let fail = false;
    const checker = {
      check: (o: DriftCheckOptions) => {
        calls.push(o);
        if (fail) return Promise.reject(new Error('worker gone'));
        return new Promise<DriftCheckResult>((resolve) => (release = () => resolve({ now: o.now.toISOString(), alerts: [], windows: [], tamper: [] })));
      },
    };
    const errors: string[] = [];
    const s = new DriftScheduler(checker, { now: () => now, settings: () => ({ alertWindows: 2, referenceDays: 7, tamperSeconds: 10 }), onError: (e) => errors.push(e.message) });
    s.start();
    now = new Date('2026-11-03T09:58:30Z');
    const first = s.tick();
    now = new Date('2026-11-03T09:59:00Z');
    expect(await s.tick()).toBeNull(); // the first is still running
    release!();
    expect(await first).not.toBeNull();
    fail = true;
    now = new Date('2026-11-03T09:59:30Z');
    expect(await s.tick()).toBeNull();
    fail = false;
    now = new Date('2026-11-03T10:00:00Z');
    const last = s.tick();
    release!();
    await last;
    s.stop();
    expect(errors).toEqual(['worker gone']);
    expect(calls.map((c) => [c.tamperFrom?.toISOString(), c.now.toISOString()])).toEqual([
      ['2026-11-03T09:57:30.000Z', '2026-11-03T09:58:30.000Z'],
      ['2026-11-03T09:58:30.000Z', '2026-11-03T09:59:30.000Z'],
      ['2026-11-03T09:58:30.000Z', '2026-11-03T10:00:00.000Z'],
    ]);
  });
});
