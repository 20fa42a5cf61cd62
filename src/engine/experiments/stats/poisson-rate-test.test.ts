import { describe, expect, it } from 'vitest';
import { poissonRateTest } from './poisson-rate-test';

describe('poissonRateTest (conditional exact test of two Poisson rates)', () => {
  it("matches R's ?poisson.test example poisson.test(c(11, 6+8+7), c(800, 1083+1050+878))", () => {
    // Source: R documentation, poisson.test examples (eba1977, Fredericia vs the other three
    // cities, ages 55-59). R prints: count1 = 11, expected count1 = 6.7174, p-value = 0.07967,
    // 95 percent CI 0.8584264 4.2772659, rate ratio 1.971488. R's ratio is sample 1 over sample 2,
    // ours is B over A, so Fredericia is B here.
    const r = poissonRateTest(6 + 8 + 7, 1083 + 1050 + 878, 11, 800, 0.95);
    expect(r.ratio).toBeCloseTo(1.971488, 6);
    expect(r.expectedB).toBeCloseTo(6.7174, 4);
    expect(r.pValue).toBeCloseTo(0.07967, 5);
    expect(r.ci[0]).toBeCloseTo(0.8584264, 7);
    expect(r.ci[1]).toBeCloseTo(4.2772659, 7);
  });

  it('is the binomial test underneath: equal exposures reduce to binom.test(x, n) (@stdlib README 550/1000)', () => {
    // Source: @stdlib/stats-binomial-test README: binomialTest(550, 1000) → pValue 0.0017,
    // ci [0.5186, 0.5811]; with equal exposures π = ratio/(1 + ratio).
    const r = poissonRateTest(450, 100, 550, 100, 0.95);
    expect(r.pValue).toBeCloseTo(0.0017, 4);
    expect(r.ci[0] / (1 + r.ci[0])).toBeCloseTo(0.5186, 4);
    expect(r.ci[1] / (1 + r.ci[1])).toBeCloseTo(0.5811, 4);
  });

  it('zero counts: none at all → ratio null, p = 1; only A zero → ratio Infinity, lower bound finite', () => {
    expect(poissonRateTest(0, 60, 0, 60, 0.95)).toMatchObject({ ratio: null, pValue: 1, ci: [0, Infinity] });
    const onlyB = poissonRateTest(0, 60, 8, 60, 0.95);
    expect(onlyB.ratio).toBe(Infinity);
    expect(onlyB.ci[1]).toBe(Infinity);
    expect(onlyB.ci[0]).toBeGreaterThan(0);
    // 8 of 8 in B at π0 = 1/2: two-sided p = 2/256.
    expect(onlyB.pValue).toBeCloseTo(2 / 256, 12);
    const onlyA = poissonRateTest(8, 60, 0, 60, 0.95);
    expect(onlyA).toMatchObject({ ratio: 0 });
    expect(onlyA.ci[0]).toBe(0);
  });

  it('equal arms give ratio 1 and p = 1', () => {
    const r = poissonRateTest(40, 120, 40, 120, 0.95);
    expect(r.ratio).toBe(1);
    expect(r.pValue).toBe(1);
    expect(r.ci[0]).toBeLessThan(1);
    expect(r.ci[1]).toBeGreaterThan(1);
  });

  it('refuses non-positive exposure and fractional counts', () => {
    expect(() => poissonRateTest(1, 0, 1, 10, 0.95)).toThrow(RangeError);
    expect(() => poissonRateTest(1.5, 10, 1, 10, 0.95)).toThrow(RangeError);
  });
});
