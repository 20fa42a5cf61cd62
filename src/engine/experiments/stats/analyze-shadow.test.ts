import { describe, expect, it } from 'vitest';
import { analyzeShadow } from './analyze-shadow';
import { expectJsonSafe, rng, testDesign } from './stats-test-support';
import type { ExperimentDesign, IntervalSample, TruthHit } from './types';

const DESIGN = testDesign('shadow');

interface ArmFigures {
  crossings: number;
  latencyMs: number;
  frames?: number;
  skipped?: number;
  truth?: { tp: number; fp: number; fn: number };
}

/** Paired intervals on one camera: `make(i)` gives both arms' figures for interval i. */
function shadow(n: number, make: (i: number) => { b: ArmFigures; c: ArmFigures }): IntervalSample[] {
  const out: IntervalSample[] = [];
  for (let i = 0; i < n; i++) {
    const { b, c } = make(i);
    for (const [arm, f] of [['baseline', b], ['challenger', c]] as const) {
      out.push({
        interval: i,
        unit: 'cam-1',
        arm,
        frames: f.frames ?? 300,
        skippedFrames: f.skipped ?? 0,
        crossings: f.crossings,
        exposureS: 60,
        latencyMsMean: f.latencyMs,
        truth: f.truth ?? null,
      });
    }
  }
  return out;
}

describe('analyzeShadow', () => {
  it('identical arms (the same model): no significant difference, never deploy_challenger', () => {
    const r = rng(1);
    const samples = shadow(40, () => {
      const people = r.poisson(15);
      return { b: { crossings: people, latencyMs: 40 + r.normal() }, c: { crossings: people, latencyMs: 40 + r.normal() } };
    });
    const v = analyzeShadow(samples, DESIGN);
    expect(v.recommendation).not.toBe('deploy_challenger');
    expect(v.recommendation).toBe('keep_baseline');
    expect(v.rule).toBe('equivalent_nothing_gained');
    expect(v.comparison.significant).toBe(false);
    expect(v.comparison.difference).toBe(0);
    expect(v.reason).toMatch(/^No difference and nothing gained: the challenger counts the same as production \(0\.0 % more, 95 % CI -0\.\d % to \+0\.\d %, inside the ±5\.0 % margin\) and is not meaningfully faster: /);
    expectJsonSafe(v);
  });

  it('the same model with tracker noise (±1 crossing now and then, both ways) is still never deployed', () => {
    const r = rng(2);
    const samples = shadow(60, () => {
      const people = r.poisson(15);
      const jitter = r.u() < 0.2 ? (r.u() < 0.5 ? -1 : 1) : 0;
      return { b: { crossings: people, latencyMs: 40 + r.normal() }, c: { crossings: Math.max(0, people + jitter), latencyMs: 40 + r.normal() } };
    });
    const v = analyzeShadow(samples, DESIGN);
    expect(v.recommendation).not.toBe('deploy_challenger');
    expect(v.comparison.significant).toBe(false);
  });

  it('a challenger counting 40 % fewer crossings: keep_baseline, and the reason says so with its numbers', () => {
    const r = rng(3);
    const samples = shadow(30, () => {
      const people = 10 + r.poisson(10);
      return { b: { crossings: people, latencyMs: 40 }, c: { crossings: Math.round(people * 0.6), latencyMs: 38 } };
    });
    const v = analyzeShadow(samples, DESIGN);
    expect(v.recommendation).toBe('keep_baseline');
    expect(v.rule).toBe('counts_differ');
    expect(v.comparison.metric).toBe('crossings_relative_difference');
    expect(v.comparison.difference).toBeCloseTo(-0.4, 1);
    expect(v.comparison.ci[1]).toBeLessThan(-0.05);
    expect(v.reason).toMatch(/^The challenger counts (39|40|41)\.\d % fewer crossings than production \(95 % CI \d+\.\d–\d+\.\d % fewer\) \(p (<|=) [^)]+\), more than the ±5\.0 % margin/);
    expect(v.expectedImprovementPercent).toBeCloseTo(-40, -1);
    expectJsonSafe(v);
  });

  it('equivalent counts and twice as fast: deploy_challenger, "counts the same … and is 50 % faster"', () => {
    const r = rng(4);
    const samples = shadow(40, () => {
      const people = 20 + r.poisson(10);
      const jitter = r.u() < 0.25 ? (r.u() < 0.5 ? -1 : 1) : 0;
      const lat = 40 + r.normal();
      return { b: { crossings: people, latencyMs: lat }, c: { crossings: people + jitter, latencyMs: lat / 2 + 0.3 * r.normal() } };
    });
    const v = analyzeShadow(samples, DESIGN);
    expect(v.recommendation).toBe('deploy_challenger');
    expect(v.rule).toBe('equivalent_faster');
    expect(v.comparison.ci[0]).toBeGreaterThan(-0.05);
    expect(v.comparison.ci[1]).toBeLessThan(0.05);
    expect(v.latency.ratio).toBeCloseTo(0.5, 1);
    expect(v.latency.ci![1]).toBeLessThan(1);
    expect(v.reason).toMatch(/^The challenger counts the same as production \(\d\.\d % (more|fewer), 95 % CI [-+]\d\.\d % to [-+]\d\.\d %, inside the ±5\.0 % margin\) and is 50 % faster \(\d+\.\d ms against \d+\.\d ms per frame, ratio 0\.50/);
    expect(['immediate', 'canary']).toContain(v.strategy);
    expectJsonSafe(v);
  });

  it('too few intervals: run_longer, saying how many', () => {
    const samples = shadow(2, () => ({ b: { crossings: 12, latencyMs: 40, frames: 5000 }, c: { crossings: 12, latencyMs: 20, frames: 5000 } }));
    const v = analyzeShadow(samples, DESIGN);
    expect(v.recommendation).toBe('run_longer');
    expect(v.rule).toBe('too_few_samples');
    expect(v.reason).toContain('only 2 of at least 3 intervals have data');
    expect(v.samples).toEqual({ baselineFrames: 10000, challengerFrames: 10000, intervals: 2, minSamples: 3000 });
    expectJsonSafe(v);
  });

  it('too few frames: run_longer, saying how many frames of how many', () => {
    const r = rng(5);
    const samples = shadow(10, () => {
      const people = r.poisson(12);
      return { b: { crossings: people, latencyMs: 40, frames: 60 }, c: { crossings: people + (r.u() < 0.3 ? 1 : 0), latencyMs: 40, frames: 60 } };
    });
    const v = analyzeShadow(samples, DESIGN);
    expect(v.recommendation).toBe('run_longer');
    expect(v.reason).toContain('production has processed 600 of the 3000 frames required');
    expect(v.reason).toContain('the challenger has processed 600 of the 3000 frames required');
  });

  it('stops early with keep_baseline when the always-valid test already shows a large deficit', () => {
    // A challenger with a far too high confidence threshold finds almost no one; minimum sample
    // not reached (20 × 100 = 2000 < 3000 frames), but the confidence sequence is far below −5 %.
    const r = rng(6);
    const samples = shadow(20, () => {
      const people = 8 + r.poisson(8);
      return { b: { crossings: people, latencyMs: 40, frames: 100 }, c: { crossings: r.poisson(1), latencyMs: 40, frames: 100 } };
    });
    const v = analyzeShadow(samples, DESIGN);
    expect(v.recommendation).toBe('keep_baseline');
    expect(v.rule).toBe('early_difference');
    expect(v.reason).toMatch(/^Stopped early: the challenger counts 9\d\.\d % fewer crossings than production/);
    expect(v.reason).toContain('the challenger has processed 2000 of the 3000 frames required');
  });

  it('a slower challenger beyond the latency guard is never deployed', () => {
    const r = rng(7);
    const samples = shadow(40, () => {
      const people = r.poisson(20);
      return { b: { crossings: people, latencyMs: 40 + r.normal() }, c: { crossings: people, latencyMs: 60 + r.normal() } };
    });
    const v = analyzeShadow(samples, DESIGN);
    expect(v.recommendation).toBe('keep_baseline');
    expect(v.rule).toBe('latency_guard');
    expect(v.reason).toMatch(/^The challenger is 50 % slower \(\d+\.\d ms against \d+\.\d ms per frame, ratio 1\.50, 95 % CI 1\.\d\d–1\.\d\d\), beyond the 1\.2× latency guard; the challenger counts/);
    expect(v.risk).toBe('high');
  });

  it('an uncertain difference straddling the margin: run_longer', () => {
    const r = rng(8);
    const samples = shadow(12, () => {
      const people = r.poisson(10);
      return { b: { crossings: people, latencyMs: 40 }, c: { crossings: Math.max(0, people + Math.round(3 * r.normal())), latencyMs: 40 } };
    });
    const v = analyzeShadow(samples, { ...DESIGN, minSamples: 100 });
    expect(v.recommendation).toBe('run_longer');
    expect(v.rule).toBe('undecided');
    expect(v.reason).toContain('not yet precise enough');
    expect(v.risk).toBe('high');
    expect(v.strategy).toBe('gradual');
  });

  it('notes skipped frames in the reason and raises the risk', () => {
    const r = rng(9);
    const samples = shadow(40, () => {
      const people = 20 + r.poisson(10);
      const lat = 40 + r.normal();
      return { b: { crossings: people, latencyMs: lat }, c: { crossings: people, latencyMs: lat / 2 + 0.3 * r.normal(), frames: 240, skipped: 60 } };
    });
    const v = analyzeShadow(samples, DESIGN);
    expect(v.reason).toContain('the challenger skipped 20.0 % of its frames (CPU busy)');
    expect(v.risk).not.toBe('low');
  });

  describe('with truth (success metric f1)', () => {
    const design: ExperimentDesign = { ...DESIGN, successMetric: 'f1' };
    const withTruth = (bTp: number, cTp: number): IntervalSample[] =>
      shadow(20, () => ({
        b: { crossings: 10, latencyMs: 40, truth: { tp: bTp, fp: 1, fn: 10 - bTp } },
        c: { crossings: 10, latencyMs: 40, truth: { tp: cTp, fp: 1, fn: 10 - cTp } },
      }));
    const hits = (both: number, baselineOnly: number, challengerOnly: number): TruthHit[] => [
      ...Array.from({ length: both }, () => ({ baseline: true, challenger: true })),
      ...Array.from({ length: baselineOnly }, () => ({ baseline: true, challenger: false })),
      ...Array.from({ length: challengerOnly }, () => ({ baseline: false, challenger: true })),
    ];

    it('a significantly better F1 (McNemar exact) deploys the challenger', () => {
      const v = analyzeShadow(withTruth(7, 9), design, hits(140, 4, 44));
      expect(v.recommendation).toBe('deploy_challenger');
      expect(v.rule).toBe('truth_better');
      expect(v.comparison.metric).toBe('f1_difference');
      expect(v.comparison.significant).toBe(true);
      expect(v.reason).toMatch(/^The challenger counts more accurately: F1 0\.900 against production's 0\.778 \(McNemar exact p < 0\.0001; 4 true crossings found only by production, 44 only by the challenger\)/);
      expect(v.expectedImprovementPercent).toBeCloseTo((0.9 - 14 / 18) * 100, 6); // F1 points: 2·9/20 − 2·7/18
      expectJsonSafe(v);
    });

    it('a significantly worse F1 keeps the baseline', () => {
      const v = analyzeShadow(withTruth(9, 7), design, hits(140, 44, 4));
      expect(v.recommendation).toBe('keep_baseline');
      expect(v.rule).toBe('truth_worse');
      expect(v.reason).toContain('counts less accurately');
    });

    it('no significant F1 difference falls back to the count rules, and says so', () => {
      const v = analyzeShadow(withTruth(8, 8), design, hits(160, 5, 6));
      expect(v.recommendation).toBe('keep_baseline');
      expect(v.rule).toBe('equivalent_nothing_gained');
      expect(v.reason).toMatch(/^Against the truth the arms do not differ significantly \(F1 0\.842 against production's 0\.842 \(McNemar exact p = 1\.00; 5 true crossings found only by production, 6 only by the challenger\)\); no difference and nothing gained/);
    });
  });

  it('edge cases stay JSON-safe: no samples, one sample, no crossings at all, unpaired samples', () => {
    const none = analyzeShadow([], DESIGN);
    expect(none.recommendation).toBe('run_longer');
    expectJsonSafe(none);
    const one = analyzeShadow(shadow(1, () => ({ b: { crossings: 3, latencyMs: 40 }, c: { crossings: 3, latencyMs: 40 } })).slice(0, 1), DESIGN);
    expect(one.recommendation).toBe('run_longer');
    expectJsonSafe(one);
    const quiet = analyzeShadow(shadow(50, () => ({ b: { crossings: 0, latencyMs: 40 }, c: { crossings: 0, latencyMs: 20 } })), DESIGN);
    expect(quiet.recommendation).toBe('run_longer'); // a quiet shop proves nothing, however fast the challenger
    expect(quiet.rule).toBe('too_few_samples');
    expectJsonSafe(quiet);
    const zeroLatency = analyzeShadow(shadow(10, (i) => ({ b: { crossings: i, latencyMs: 0 }, c: { crossings: i + 1, latencyMs: 0 } })), DESIGN);
    expect(zeroLatency.latency).toEqual({ baselineMs: 0, challengerMs: 0, ratio: 1, ci: null });
    expectJsonSafe(zeroLatency);
  });

  it('refuses an invalid design', () => {
    expect(() => analyzeShadow([], { ...DESIGN, confidence: 95 })).toThrow(RangeError);
    expect(() => analyzeShadow([], { ...DESIGN, guards: { maxCountDifference: -1, maxLatencyRatio: 1.2 } })).toThrow(RangeError);
  });
});
