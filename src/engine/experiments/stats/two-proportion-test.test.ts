import { describe, expect, it } from 'vitest';
import { twoProportionTest } from './two-proportion-test';

describe('twoProportionTest (pooled z test, Wald interval)', () => {
  it('matches R prop.test(correct = FALSE) as printed by influentialpoints.com', () => {
    // Source: https://influentialpoints.com/notes/n9rmf3.htm — "2-sample test for equality of
    // proportions without continuity correction": X-squared = 6.1026, p-value = 0.01350,
    // 95 percent CI 0.03074072 0.23838896, prop 1 0.4392523, prop 2 0.3046875. Those proportions
    // are 94/214 and 39/128 (the only counts that reproduce both the χ² and the interval). R
    // reports prop 1 − prop 2; ours is p2 − p1, so the arms are given the other way round.
    const r = twoProportionTest(39, 128, 94, 214, 0.95);
    expect(r.p2).toBeCloseTo(0.4392523, 7);
    expect(r.p1).toBeCloseTo(0.3046875, 7);
    expect(r.chiSquare).toBeCloseTo(6.1026, 4);
    expect(r.pValue).toBeCloseTo(0.0135, 4);
    expect(r.ci[0]).toBeCloseTo(0.03074072, 8);
    expect(r.ci[1]).toBeCloseTo(0.23838896, 8);
  });

  it('matches the Emory example (prop.test(c(490, 400), c(500, 500))) once the Yates term is removed', () => {
    // Source: Emory math117 "Two-sample proportion tests" — with continuity correction R prints
    // 95 percent CI 0.1408536 0.2191464; the correction widens each end by (1/500 + 1/500)/2 = 0.002,
    // so the uncorrected (Wald) interval is 0.1428536 0.2171464.
    const r = twoProportionTest(400, 500, 490, 500, 0.95);
    expect(r.difference).toBeCloseTo(0.18, 12);
    expect(r.ci[0]).toBeCloseTo(0.1408536 + 0.002, 7);
    expect(r.ci[1]).toBeCloseTo(0.2191464 - 0.002, 7);
    expect(r.pValue).toBeLessThan(2.2e-16);
  });

  it('zero counts and equal arms give p = 1 (no variance to test against)', () => {
    expect(twoProportionTest(0, 50, 0, 80, 0.95)).toMatchObject({ difference: 0, z: 0, pValue: 1, ci: [0, 0] });
    expect(twoProportionTest(50, 50, 80, 80, 0.95)).toMatchObject({ difference: 0, pValue: 1 });
    const equal = twoProportionTest(30, 100, 30, 100, 0.95);
    expect(equal.pValue).toBe(1);
    expect(equal.ci[0]).toBeLessThan(0);
    expect(equal.ci[1]).toBeGreaterThan(0);
  });

  it('tiny samples keep the interval inside [-1, 1]', () => {
    const r = twoProportionTest(0, 1, 1, 1, 0.95);
    expect(r.difference).toBe(1);
    expect(r.ci[1]).toBeLessThanOrEqual(1);
    expect(r.ci[0]).toBeGreaterThanOrEqual(-1);
  });

  it('refuses empty arms and impossible counts', () => {
    expect(() => twoProportionTest(0, 0, 1, 2, 0.95)).toThrow(RangeError);
    expect(() => twoProportionTest(3, 2, 1, 2, 0.95)).toThrow(RangeError);
  });
});
