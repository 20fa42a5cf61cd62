import { describe, expect, it } from 'vitest';
import { mcnemarExact } from './mcnemar';
import type { TruthHit } from './types';

const hits = (bothFound: number, baselineOnly: number, challengerOnly: number, neither: number): TruthHit[] => [
  ...Array.from({ length: bothFound }, () => ({ baseline: true, challenger: true })),
  ...Array.from({ length: baselineOnly }, () => ({ baseline: true, challenger: false })),
  ...Array.from({ length: challengerOnly }, () => ({ baseline: false, challenger: true })),
  ...Array.from({ length: neither }, () => ({ baseline: false, challenger: false })),
];

describe('mcnemarExact (exact binomial on discordant pairs)', () => {
  it('matches the StatsDirect worked example (Armitage & Berry 1994, p. 127): b = 12, c = 2 → P = 0.0129', () => {
    // Source: StatsDirect help, "Matched pairs" — two culture media, 50 sputum specimens
    // (20 both, 12 A only, 2 B only, 16 neither); exact two-sided P = 0.0129.
    const r = mcnemarExact(hits(20, 12, 2, 16));
    expect(r).toMatchObject({ b: 12, c: 2 });
    expect(r.pValue).toBeCloseTo(0.0129, 4);
    // By hand: 2·(C(14,0) + C(14,1) + C(14,2)) / 2^14 = 2·106/16384.
    expect(r.pValue).toBeCloseTo((2 * 106) / 16384, 12);
  });

  it('matches stat-tools.xyz (b = 12, c = 5 → exact p 0.1435) and the @stdlib binomial README (550 of 1000 → 0.0017)', () => {
    // Sources: https://stat-tools.xyz/mcnemar?b=12&c=5 (p exact: 0.1435);
    // @stdlib/stats-binomial-test README: binomialTest(550, 1000) → pValue 0.0017 (R binom.test).
    expect(mcnemarExact({ b: 12, c: 5 }).pValue).toBeCloseTo(0.1435, 4);
    expect(mcnemarExact({ b: 450, c: 550 }).pValue).toBeCloseTo(0.0017, 4);
  });

  it('no discordant pair (b + c = 0) gives p = 1; equal discordant counts give p = 1', () => {
    expect(mcnemarExact(hits(30, 0, 0, 5))).toEqual({ b: 0, c: 0, pValue: 1 });
    expect(mcnemarExact([])).toEqual({ b: 0, c: 0, pValue: 1 });
    expect(mcnemarExact({ b: 7, c: 7 }).pValue).toBe(1);
  });

  it('tiny samples: one discordant pair gives p = 1, five one-sided give 2/32', () => {
    expect(mcnemarExact({ b: 0, c: 1 }).pValue).toBe(1);
    expect(mcnemarExact({ b: 0, c: 5 }).pValue).toBeCloseTo(2 / 32, 12);
  });

  it('refuses negative or fractional counts', () => {
    expect(() => mcnemarExact({ b: -1, c: 2 })).toThrow(RangeError);
    expect(() => mcnemarExact({ b: 1.5, c: 2 })).toThrow(RangeError);
  });
});
