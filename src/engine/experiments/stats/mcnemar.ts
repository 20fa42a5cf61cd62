/**
 * Exact McNemar test on matched true crossings: only the crossings one arm found and the other
 * missed carry information (b: baseline only, c: challenger only); under "equally good" each is
 * a fair coin, so the test is the exact binomial test of c out of b + c at p = 1/2 — what R's
 * `binom.test(c, b + c)` gives, the exact counterpart of `mcnemar.test`.
 */
import binomialTest from '@stdlib/stats-binomial-test';
import { checkCount } from './numeric';
import type { TruthHit } from './types';

export interface McNemarResult {
  /** True crossings found by the baseline only. */
  b: number;
  /** True crossings found by the challenger only. */
  c: number;
  pValue: number;
}

export function mcnemarExact(hits: readonly TruthHit[] | { b: number; c: number }): McNemarResult {
  let b = 0;
  let c = 0;
  if (Array.isArray(hits)) {
    for (const h of hits as readonly TruthHit[]) {
      if (h.baseline && !h.challenger) b += 1;
      else if (h.challenger && !h.baseline) c += 1;
    }
  } else {
    ({ b, c } = hits as { b: number; c: number });
    checkCount(b, 'b');
    checkCount(c, 'c');
  }
  // No discordant pair: the arms agree on every true crossing, nothing to test.
  if (b + c === 0) return { b, c, pValue: 1 };
  return { b, c, pValue: Math.min(1, binomialTest(c, b + c).pValue) };
}
