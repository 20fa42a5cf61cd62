import { describe, expect, it } from 'vitest';
import { welchTTest } from './welch-t-test';

describe('welchTTest (per-interval means of two independent arms)', () => {
  it("matches Student's sleep data (@stdlib/stats-ttest2 README = R t.test(extra ~ group, data = sleep))", () => {
    // Source: @stdlib/stats-ttest2 README: pValue 0.0794, statistic -1.8608, df 17.7765,
    // 95 % CI [-3.3655, 0.2055] for x − y; R prints t = -1.8608, df = 17.776, p-value = 0.07939,
    // CI -3.3654832 0.2054832. Our direction is b − a, so the signs flip.
    const x = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const y = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const r = welchTTest(x, y, 0.95);
    expect(r.difference).toBeCloseTo(1.58, 10);
    expect(r.t).toBeCloseTo(1.8608, 4);
    expect(r.df).toBeCloseTo(17.7765, 4);
    expect(r.pValue).toBeCloseTo(0.07939, 5);
    expect(r.ci[0]).toBeCloseTo(-0.2054832, 6);
    expect(r.ci[1]).toBeCloseTo(3.3654832, 6);
  });

  it("matches R's ?t.test example t.test(1:10, y = c(7:20, 200))", () => {
    // Source: R documentation example for t.test; output as printed in "Confusion behind
    // Student's t-test example in R" (2019): t = -1.6329, df = 14.165, p-value = 0.1245,
    // 95 percent CI -47.242900 6.376233, means 5.50000 and 25.93333.
    const x = Array.from({ length: 10 }, (_, i) => i + 1);
    const y = [...Array.from({ length: 14 }, (_, i) => i + 7), 200];
    const r = welchTTest(y, x, 0.95); // x − y, as R reports it
    expect(r.t).toBeCloseTo(-1.6329, 4);
    expect(r.df).toBeCloseTo(14.165, 3);
    expect(r.pValue).toBeCloseTo(0.1245, 4);
    expect(r.ci[0]).toBeCloseTo(-47.2429, 4);
    expect(r.ci[1]).toBeCloseTo(6.376233, 6);
    expect(r.meanA).toBeCloseTo(25.93333, 5);
  });

  it('matches the booklet example (R t.test(booklet, no_booklet), stats.arabpsychology.com)', () => {
    // Source: "Perform Welch's t-test in R": t = 2.2361, df = 14.354, p-value = 0.04171,
    // 95 percent CI 0.3048395 13.8618272.
    const booklet = [90, 85, 88, 89, 94, 91, 79, 83, 87, 88, 91, 90];
    const noBooklet = [67, 90, 71, 95, 88, 83, 72, 66, 75, 86, 93, 84];
    const r = welchTTest(noBooklet, booklet, 0.95);
    expect(r.t).toBeCloseTo(2.2361, 4);
    expect(r.df).toBeCloseTo(14.354, 3);
    expect(r.pValue).toBeCloseTo(0.04171, 5);
    expect(r.ci[0]).toBeCloseTo(0.3048395, 7);
    expect(r.ci[1]).toBeCloseTo(13.8618272, 7);
  });

  it('tiny samples (n < 2 in an arm) give p = 1 and the whole line', () => {
    expect(welchTTest([], [1, 2, 3], 0.95)).toMatchObject({ pValue: 1, ci: [-Infinity, Infinity] });
    expect(welchTTest([5], [1, 2, 3], 0.95)).toMatchObject({ pValue: 1, ci: [-Infinity, Infinity], difference: -3 });
  });

  it('equal arms give p = 1; two constant arms give the limit', () => {
    expect(welchTTest([1, 2, 3], [1, 2, 3], 0.95).pValue).toBeCloseTo(1, 12);
    expect(welchTTest([4, 4], [4, 4, 4], 0.95)).toMatchObject({ difference: 0, pValue: 1, ci: [0, 0] });
    expect(welchTTest([4, 4], [6, 6], 0.95)).toMatchObject({ difference: 2, pValue: 0, ci: [2, 2] });
  });
});
