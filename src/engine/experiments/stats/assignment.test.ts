import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import { describe, expect, it } from 'vitest';
import { assignmentHash, deterministicAssign, fmix32, fnv1a32 } from './assignment';
import { sampleRatioMismatch } from './sample-ratio-mismatch';

/** Smallest and largest k with P(X < k) and P(X > k) each below `tail` for X ~ Bin(n, p). */
function binomialRange(n: number, p: number, tail: number): [number, number] {
  // Start 8 standard deviations out: the tails there are far below any `tail` used here.
  const sd = Math.sqrt(n * p * (1 - p));
  let lo = Math.max(0, Math.floor(n * p - 8 * sd));
  while (binomialCdf(lo, n, p) < tail) lo += 1;
  let hi = Math.min(n, Math.ceil(n * p + 8 * sd));
  while (1 - binomialCdf(hi - 1, n, p) < tail) hi -= 1;
  return [lo, hi];
}

describe('fnv1a32 / fmix32', () => {
  it('matches the FNV-1a 32-bit test vectors', () => {
    // Source: Fowler/Noll/Vo test vectors (draft-eastlake-fnv, isthe.com/chongo/tech/comp/fnv):
    // FNV-1a 32 of "" = 0x811c9dc5, "a" = 0xe40c292c, "foobar" = 0xbf9cf968.
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('fmix32 keeps 0 at 0 and spreads neighbours far apart', () => {
    expect(fmix32(0)).toBe(0);
    const a = fmix32(1);
    const b = fmix32(2);
    let bits = a ^ b;
    let differing = 0;
    while (bits) {
      differing += bits & 1;
      bits >>>= 1;
    }
    expect(differing).toBeGreaterThan(8);
  });

  it('encodes non-ASCII units as UTF-8 (é is 2 bytes, € 3, 😀 4)', () => {
    // The same hash as FNV-1a over the explicit byte sequences.
    const bytesHash = (bytes: number[]): number => {
      let h = 0x811c9dc5;
      for (const x of bytes) h = Math.imul(h ^ x, 0x01000193);
      return h >>> 0;
    };
    expect(fnv1a32('é')).toBe(bytesHash([0xc3, 0xa9]));
    expect(fnv1a32('€')).toBe(bytesHash([0xe2, 0x82, 0xac]));
    expect(fnv1a32('😀')).toBe(bytesHash([0xf0, 0x9f, 0x98, 0x80]));
  });
});

describe('deterministicAssign', () => {
  it('realises a 30 % split of 10,000 units within the binomial range, and passes the SRM check', () => {
    const n = 10_000;
    let challenger = 0;
    for (let i = 0; i < n; i++) if (deterministicAssign('exp-42', `cam-${i}`, 30) === 'challenger') challenger += 1;
    // 99.9 % central range of Bin(10000, 0.3): about 3000 ± 151.
    const [lo, hi] = binomialRange(n, 0.3, 0.0005);
    expect(challenger).toBeGreaterThanOrEqual(lo);
    expect(challenger).toBeLessThanOrEqual(hi);
    expect(sampleRatioMismatch([n - challenger, challenger], 0.3).ok).toBe(true);
  });

  it('puts the same unit in the same arm every time, and a different seed reshuffles', () => {
    const units = Array.from({ length: 2000 }, (_, i) => `slot-${i}`);
    const first = units.map((u) => deterministicAssign('seed-a', u, 50));
    expect(units.map((u) => deterministicAssign('seed-a', u, 50))).toEqual(first);
    const other = units.map((u) => deterministicAssign('seed-b', u, 50));
    const agree = first.filter((arm, i) => arm === other[i]).length;
    // Independent seeds agree on about half the units: within the 99.9 % range of Bin(2000, 0.5).
    const [lo, hi] = binomialRange(2000, 0.5, 0.0005);
    expect(agree).toBeGreaterThanOrEqual(lo);
    expect(agree).toBeLessThanOrEqual(hi);
  });

  it('is uniform on [0, 1): ten equal bins of 20,000 hashes pass a χ² test', () => {
    const bins = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 20_000; i++) {
      const h = assignmentHash('uniformity', `f${i}`);
      if (!(h >= 0 && h < 1)) outside += 1;
      else bins[Math.floor(h * 10)]! += 1;
    }
    expect(outside).toBe(0);
    const chi2 = bins.reduce((s, o) => s + (o - 2000) ** 2 / 2000, 0);
    // χ²(9) 99.9 % quantile is 27.88.
    expect(chi2).toBeLessThan(27.88);
  });

  it('0 % and 100 % send every unit to one arm; out-of-range percentages are refused', () => {
    expect(deterministicAssign('s', 'u', 0)).toBe('baseline');
    expect(deterministicAssign('s', 'u', 100)).toBe('challenger');
    expect(() => deterministicAssign('s', 'u', 101)).toThrow(RangeError);
  });

  it('a forced imbalance (every third challenger unit dropped) is caught by the SRM check', () => {
    let baseline = 0;
    let challenger = 0;
    let seen = 0;
    for (let i = 0; i < 10_000; i++) {
      if (deterministicAssign('exp-srm', `unit-${i}`, 50) === 'baseline') baseline += 1;
      else if (seen++ % 3 !== 0) challenger += 1; // a logging bug loses a third of the challenger's units
    }
    const r = sampleRatioMismatch([baseline, challenger], 0.5);
    expect(r.ok).toBe(false);
    expect(r.pValue).toBeLessThan(0.001);
  });
});
