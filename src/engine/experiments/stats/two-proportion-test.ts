/**
 * Two-proportion z test (e.g. recall or precision of two ab arms): the pooled standard error for
 * the test — its square is Pearson's χ², R's `prop.test(correct = FALSE)` — and the unpooled
 * (Wald) standard error for the interval, as R does. Direction: p2 − p1 (challenger − baseline).
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { checkConfidence, checkCount, clamp, type Interval } from './numeric';

export interface TwoProportionResult {
  p1: number;
  p2: number;
  /** p2 − p1. */
  difference: number;
  z: number;
  chiSquare: number;
  /** Wald interval for p2 − p1, clipped to [−1, 1] like R's. */
  ci: Interval;
  pValue: number;
}

/**
 * Equal arms (including both 0 % or both 100 %): z = 0, p = 1. Note the Wald interval collapses
 * to [d, d] when both proportions are 0 or 1 — a known weakness of Wald intervals; the verdict
 * never rests on it.
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number, confidence: number): TwoProportionResult {
  const alpha = checkConfidence(confidence);
  for (const [v, what] of [[x1, 'x1'], [n1, 'n1'], [x2, 'x2'], [n2, 'n2']] as const) checkCount(v, what);
  if (n1 === 0 || n2 === 0) throw new RangeError('each arm needs at least one trial');
  if (x1 > n1 || x2 > n2) throw new RangeError('successes cannot exceed trials');
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const difference = p2 - p1;
  const pooled = (x1 + x2) / (n1 + n2);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = sePooled === 0 ? 0 : difference / sePooled;
  const pValue = sePooled === 0 ? 1 : Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
  const seWald = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const half = normalQuantile(1 - alpha / 2, 0, 1) * seWald;
  return { p1, p2, difference, z, chiSquare: z * z, ci: [clamp(difference - half, -1, 1), clamp(difference + half, -1, 1)], pValue };
}
