import { describe, expect, it } from 'vitest';
import { analyzeAb, srmCounts } from './analyze-ab';
import { expectJsonSafe, rng, testDesign } from './stats-test-support';
import type { Arm, ExperimentDesign, IntervalSample } from './types';

const DESIGN = testDesign('ab');

/** One time slot per sample (switchback): slot k served by `arm`, 60 s of video, 300 frames. */
function slot(k: number, arm: Arm, crossings: number, latencyMsMean: number, extra: Partial<IntervalSample> = {}): IntervalSample {
  return { interval: k, unit: 'cam-1', arm, frames: 300, skippedFrames: 0, crossings, exposureS: 60, latencyMsMean, truth: null, ...extra };
}

function slots(nBaseline: number, nChallenger: number, make: (arm: Arm, i: number) => { crossings: number; latencyMs: number }): IntervalSample[] {
  const out: IntervalSample[] = [];
  let k = 0;
  for (let i = 0; i < nBaseline; i++) {
    const f = make('baseline', i);
    out.push(slot(k++, 'baseline', f.crossings, f.latencyMs));
  }
  for (let i = 0; i < nChallenger; i++) {
    const f = make('challenger', i);
    out.push(slot(k++, 'challenger', f.crossings, f.latencyMs));
  }
  return out;
}

describe('analyzeAb', () => {
  it('a sample-ratio mismatch (70 vs 30 slots at 50 %) keeps the baseline: the split is broken', () => {
    const r = rng(1);
    // The challenger also looks 30 % better — it must not matter: a broken split proves nothing.
    const samples = slots(70, 30, (arm) => ({ crossings: r.poisson(arm === 'challenger' ? 26 : 20), latencyMs: arm === 'challenger' ? 20 : 40 }));
    const v = analyzeAb(samples, DESIGN);
    expect(v.srm).not.toBeNull();
    expect(v.srm!.ok).toBe(false);
    expect(v.srm!.chiSquare).toBeCloseTo(16, 10); // (70 − 50)²/50 + (30 − 50)²/50
    expect(v.srm!.pValue).toBeCloseTo(6.33e-5, 6); // χ²(1) upper tail at 16 = 2·Φ(−4)
    expect(v.recommendation).toBe('keep_baseline');
    expect(v.rule).toBe('srm_alarm');
    expect(v.reason).toBe(
      'The split is broken: 70 intervals went to production and 30 to the challenger, where 50 % (50) were meant for the challenger ' +
        '(sample ratio mismatch χ² = 16.0, p < 0.0001, below 0.001); the results cannot be trusted — find what drops or duplicates one arm\'s units, then start again',
    );
    expectJsonSafe(v);
  });

  it('counts cameras, not camera-intervals, for a per-camera split (1 of 4 cameras is no alarm)', () => {
    const samples: IntervalSample[] = [];
    for (const [cam, arm] of [['cam-1', 'challenger'], ['cam-2', 'baseline'], ['cam-3', 'baseline'], ['cam-4', 'baseline']] as const) {
      for (let i = 0; i < 30; i++) samples.push({ ...slot(i, arm, 10, 40), unit: cam });
    }
    expect(srmCounts(samples)).toEqual({ counts: [3, 1], counted: 'units' });
    expect(srmCounts(samples, 'intervals')).toEqual({ counts: [90, 30], counted: 'intervals' });
    const v = analyzeAb(samples, DESIGN);
    expect(v.srm!.ok).toBe(true);
    expect(v.rule).not.toBe('srm_alarm');
  });

  it('a challenger counting 40 % fewer crossings per second: keep_baseline with the Poisson interval in the reason', () => {
    const r = rng(2);
    const samples = slots(200, 200, (arm) => ({ crossings: r.poisson(arm === 'challenger' ? 12 : 20), latencyMs: 40 }));
    const v = analyzeAb(samples, DESIGN);
    expect(v.srm!.ok).toBe(true);
    expect(v.recommendation).toBe('keep_baseline');
    expect(v.rule).toBe('counts_differ');
    expect(v.comparison.metric).toBe('crossing_rate_relative_difference');
    expect(v.comparison.difference).toBeCloseTo(-0.4, 1);
    expect(v.reason).toMatch(/^The challenger counts (39|40|41)\.\d % fewer crossings than production \(95 % CI \d+\.\d–\d+\.\d % fewer\) \(p < 0\.0001\), more than the ±5\.0 % margin/);
    expect(v.tests).toHaveProperty('welchRates');
    expect(v.tests).toHaveProperty('bootstrapRatio');
    expectJsonSafe(v);
  });

  it('equivalent rates and twice as fast: deploy_challenger', () => {
    const r = rng(3);
    // The same per-slot counts in both arms, in a different order: equal rates, realistic spread.
    const counts = Array.from({ length: 400 }, () => r.poisson(50));
    const shuffled = counts.map((_, i) => counts[(i * 7919) % counts.length]!); // 7919 is prime to 400: a permutation
    const samples = slots(400, 400, (arm, i) =>
      arm === 'baseline' ? { crossings: counts[i]!, latencyMs: 40 + r.normal() } : { crossings: shuffled[i]!, latencyMs: 20 + 0.5 * r.normal() },
    );
    const v = analyzeAb(samples, DESIGN);
    expect(v.comparison.difference).toBeCloseTo(0, 12);
    expect(v.comparison.ci[0]).toBeGreaterThan(-0.05);
    expect(v.comparison.ci[1]).toBeLessThan(0.05);
    expect(v.recommendation).toBe('deploy_challenger');
    expect(v.rule).toBe('equivalent_faster');
    expect(v.reason).toMatch(/and is 50 % faster \(20\.\d ms against 40\.\d ms per frame, ratio 0\.50, 95 % CI 0\.\d\d–0\.\d\d\)$/);
    expectJsonSafe(v);
  });

  it('is deterministic: the same data give the same verdict, bootstrap included', () => {
    const r = rng(5);
    const samples = slots(50, 50, () => ({ crossings: r.poisson(20), latencyMs: 40 + r.normal() }));
    expect(analyzeAb(samples, DESIGN)).toEqual(analyzeAb(samples, DESIGN));
  });

  it('identical arms (same model, same speed): not deploy_challenger', () => {
    const r = rng(4);
    const samples = slots(300, 300, () => ({ crossings: r.poisson(30), latencyMs: 40 + r.normal() }));
    const v = analyzeAb(samples, DESIGN);
    expect(v.recommendation).not.toBe('deploy_challenger');
    expect(v.comparison.significant).toBe(false);
  });

  it('too few slots: run_longer', () => {
    const v = analyzeAb(slots(2, 2, () => ({ crossings: 10, latencyMs: 40 })), DESIGN);
    expect(v.recommendation).toBe('run_longer');
    expect(v.rule).toBe('too_few_samples');
    expect(v.reason).toContain('production has processed 600 of the 3000 frames required');
    expect(v.reason).toContain('only 2 of at least 3 intervals have data');
    expectJsonSafe(v);
  });

  it('with truth (f1): a clearly better challenger is deployed, a worse one is not', () => {
    const make = (bTp: number, cTp: number): IntervalSample[] => {
      const out: IntervalSample[] = [];
      for (let i = 0; i < 40; i++) {
        const arm: Arm = i % 2 ? 'challenger' : 'baseline';
        const tp = (arm === 'baseline' ? bTp : cTp) + (i % 3) - 1;
        out.push(slot(i, arm, 20, 40, { truth: { tp, fp: 1, fn: 20 - tp } }));
      }
      return out;
    };
    const design: ExperimentDesign = { ...DESIGN, successMetric: 'f1' };
    const better = analyzeAb(make(12, 18), design);
    expect(better.comparison.metric).toBe('f1_difference');
    expect(better.recommendation).toBe('deploy_challenger');
    expect(better.rule).toBe('truth_better');
    const worse = analyzeAb(make(18, 12), design);
    expect(worse.recommendation).toBe('keep_baseline');
    expect(worse.rule).toBe('truth_worse');
    expect(worse.tests).toHaveProperty('recall');
    expectJsonSafe(worse);
  });

  it('edge cases stay JSON-safe: no samples, zero exposure, zero crossings', () => {
    const none = analyzeAb([], DESIGN);
    expect(none.recommendation).toBe('run_longer');
    expect(none.srm).toEqual({ pValue: 1, ok: true, chiSquare: 0 });
    expectJsonSafe(none);
    const noVideo = analyzeAb(slots(5, 5, () => ({ crossings: 0, latencyMs: 0 })).map((s) => ({ ...s, exposureS: 0 })), DESIGN);
    expect(noVideo.recommendation).toBe('run_longer');
    expectJsonSafe(noVideo);
    const quiet = analyzeAb(slots(20, 20, () => ({ crossings: 0, latencyMs: 40 })), DESIGN);
    expect(quiet.recommendation).toBe('run_longer');
    expect(quiet.rule).toBe('no_crossings');
    expectJsonSafe(quiet);
  });
});
