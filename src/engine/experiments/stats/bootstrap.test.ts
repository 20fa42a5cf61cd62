import { describe, expect, it } from 'vitest';
import { bootstrapDifference, bootstrapRatioOfSums, bootstrapStatistic } from './bootstrap';
import { welchTTest } from './welch-t-test';

// Per-interval crossing counts of two arms (made up, integers as the engine records them).
const A = [12, 15, 9, 14, 11, 13, 10, 16, 12, 14, 13, 11];
const B = [15, 17, 12, 18, 14, 15, 13, 19, 14, 16, 17, 13];

describe('bootstrapDifference (percentile bootstrap over intervals)', () => {
  it('is deterministic for a seed and changes with the seed', () => {
    const a = bootstrapDifference(A, B, { confidence: 0.95, seed: 7 });
    expect(bootstrapDifference(A, B, { confidence: 0.95, seed: 7 })).toEqual(a);
    expect(bootstrapDifference(A, B, { confidence: 0.95, seed: 'seven' }).ci).not.toEqual(a.ci);
  });

  it('centres on the observed difference and agrees with Welch for well-behaved data', () => {
    const r = bootstrapDifference(A, B, { confidence: 0.95, seed: 1, resamples: 4000 });
    expect(r.difference).toBeCloseTo(33 / 12, 12); // (ΣB − ΣA) / 12 = (183 − 150) / 12
    expect(r.ci[0]).toBeLessThan(r.difference);
    expect(r.ci[1]).toBeGreaterThan(r.difference);
    expect(r.ci[0]).toBeGreaterThan(0); // the shift is clear in these data
    expect(r.pValue).toBeLessThan(0.01);
    // A percentile bootstrap of a mean difference approximates the t interval (slightly narrower
    // at n = 12: it uses the plug-in variance, n rather than n − 1).
    const welch = welchTTest(A, B, 0.95);
    expect(r.ci[0]).toBeGreaterThan(welch.ci[0] - 0.3);
    expect(r.ci[1]).toBeLessThan(welch.ci[1] + 0.3);
    expect(r.ci[1] - r.ci[0]).toBeGreaterThan(0.7 * (welch.ci[1] - welch.ci[0]));
  });

  it('equal arms: difference 0 and a large p-value', () => {
    const r = bootstrapDifference(A, A, { confidence: 0.95, seed: 3 });
    expect(r.difference).toBe(0);
    expect(r.pValue).toBeGreaterThan(0.5);
    expect(r.ci[0]).toBeLessThan(0);
    expect(r.ci[1]).toBeGreaterThan(0);
  });

  it('tiny samples (n < 2 in an arm) give the whole line and p = 1', () => {
    expect(bootstrapDifference([3], B, { confidence: 0.95, seed: 1 })).toMatchObject({ ci: [-Infinity, Infinity], pValue: 1, resamples: 0 });
    expect(bootstrapDifference([], [], { confidence: 0.95, seed: 1 })).toMatchObject({ difference: 0, pValue: 1 });
  });

  it('constant arms give a zero-width interval', () => {
    const r = bootstrapDifference([5, 5, 5], [7, 7, 7, 7], { confidence: 0.95, seed: 1 });
    expect(r.ci).toEqual([2, 2]);
    expect(r.pValue).toBeLessThan(0.01);
  });
});

describe('bootstrapRatioOfSums', () => {
  it('weights intervals by their exposure (ratio of sums, not mean of ratios)', () => {
    const a = [
      { num: 10, den: 60 },
      { num: 1, den: 2 },
      { num: 12, den: 60 },
    ];
    const b = [
      { num: 11, den: 60 },
      { num: 12, den: 60 },
      { num: 10, den: 60 },
    ];
    const r = bootstrapRatioOfSums(a, b, { confidence: 0.9, seed: 11 });
    expect(r.ratio).toBeCloseTo(33 / 180 / (23 / 122), 12);
  });

  it('drops resamples whose denominator is zero and reports them', () => {
    const a = [
      { num: 0, den: 0 },
      { num: 5, den: 10 },
    ];
    const b = [
      { num: 5, den: 10 },
      { num: 6, den: 10 },
    ];
    const r = bootstrapRatioOfSums(a, b, { confidence: 0.95, seed: 5, resamples: 400 });
    expect(r.dropped).toBeGreaterThan(0);
    expect(r.dropped).toBeLessThan(400);
    expect(Number.isFinite(r.ci[0]) && Number.isFinite(r.ci[1])).toBe(true);
  });
});

describe('bootstrapStatistic', () => {
  it('refuses a non-integer number of resamples', () => {
    expect(() => bootstrapStatistic([3], () => 0, { confidence: 0.95, seed: 1, resamples: 0 })).toThrow(RangeError);
  });
});
