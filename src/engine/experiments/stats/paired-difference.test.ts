import { describe, expect, it } from 'vitest';
import { pairedDifference } from './paired-difference';

describe('pairedDifference (paired t on per-interval differences)', () => {
  it('matches the @stdlib/stats-ttest README one-sample example [2, 4, 3, 1, 0]', () => {
    // Source: @stdlib/stats-ttest README ("arr = [ 2, 4, 3, 1, 0 ]"): pValue 0.0474, statistic 2.8284,
    // df 4, 90 % CI [0.4926, 3.5074], 99 % CI [-1.2556, 5.2556].
    const r90 = pairedDifference([2, 4, 3, 1, 0], 0.9);
    expect(r90.pValue).toBeCloseTo(0.0474, 4);
    expect(r90.t).toBeCloseTo(2.8284, 4);
    expect(r90.df).toBe(4);
    expect(r90.ci[0]).toBeCloseTo(0.4926, 4);
    expect(r90.ci[1]).toBeCloseTo(3.5074, 4);
    const r99 = pairedDifference([2, 4, 3, 1, 0], 0.99);
    expect(r99.ci[0]).toBeCloseTo(-1.2556, 4);
    expect(r99.ci[1]).toBeCloseTo(5.2556, 4);
  });

  it('matches R t.test(Exam1, Exam2, paired = TRUE) as printed by tidystat.com', () => {
    // Source: https://tidystat.com/paired-t-test-in-r/ — Exam1 = c(65,70,75,80,68,95),
    // Exam2 = c(75,71,90,98,65,99): t = -2.2361, df = 5, p-value = 0.07559,
    // 95 percent CI -16.121994 1.121994, mean of the differences -7.5.
    const exam1 = [65, 70, 75, 80, 68, 95];
    const exam2 = [75, 71, 90, 98, 65, 99];
    const r = pairedDifference(exam1.map((x, i) => x - exam2[i]!), 0.95);
    expect(r.mean).toBeCloseTo(-7.5, 10);
    expect(r.t).toBeCloseTo(-2.2361, 4);
    expect(r.df).toBe(5);
    expect(r.pValue).toBeCloseTo(0.07559, 5);
    expect(r.ci[0]).toBeCloseTo(-16.121994, 6);
    expect(r.ci[1]).toBeCloseTo(1.121994, 6);
  });

  it('tiny samples: n = 0 and n = 1 give no interval and p = 1; n = 2 runs the test', () => {
    expect(pairedDifference([], 0.95)).toMatchObject({ n: 0, mean: 0, pValue: 1, ci: [-Infinity, Infinity] });
    expect(pairedDifference([3], 0.95)).toMatchObject({ n: 1, mean: 3, pValue: 1, ci: [-Infinity, Infinity] });
    // n = 2, d = (1, 3): mean 2, sd √2, t = 2/(√2/√2) = 2 on 1 df, two-sided p = 1 − 2·atan(2)/π (Cauchy) = 0.29517.
    const r = pairedDifference([1, 3], 0.95);
    expect(r.t).toBeCloseTo(2, 12);
    expect(r.pValue).toBeCloseTo(1 - (2 * Math.atan(2)) / Math.PI, 10);
  });

  it('equal arms (all differences 0) give p = 1 and a zero-width interval at 0; a constant shift gives p = 0', () => {
    expect(pairedDifference([0, 0, 0, 0], 0.95)).toMatchObject({ mean: 0, sd: 0, pValue: 1, ci: [0, 0] });
    expect(pairedDifference([2, 2, 2], 0.95)).toMatchObject({ mean: 2, pValue: 0, ci: [2, 2] });
  });

  it('refuses a confidence outside (0, 1) and non-finite differences', () => {
    expect(() => pairedDifference([1, 2], 1)).toThrow(RangeError);
    expect(() => pairedDifference([1, Number.NaN], 0.95)).toThrow(RangeError);
  });
});
