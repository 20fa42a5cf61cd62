/**
 * Welch's t on per-interval values of two independent arms (ab mode): unequal variances, because
 * a challenger on other cameras or other time slots has no reason to share the baseline's spread.
 * Direction everywhere in this folder: the second argument minus the first (challenger − baseline).
 */
import ttest2 from '@stdlib/stats-ttest2';
import { checkConfidence, checkFinite, mean, sampleSd, WHOLE_LINE, type Interval } from './numeric';

export interface WelchResult {
  t: number;
  df: number;
  /** mean(b) − mean(a). */
  difference: number;
  ci: Interval;
  pValue: number;
  meanA: number;
  meanB: number;
}

/**
 * Tiny samples: fewer than 2 values in either arm leaves a variance unknown, so the interval is
 * the whole line ([-Infinity, Infinity]) and p = 1. Both arms constant: the limit, as in
 * `pairedDifference` (ci [d, d]; p = 1 if d = 0, else 0).
 */
export function welchTTest(a: readonly number[], b: readonly number[], confidence: number): WelchResult {
  const alpha = checkConfidence(confidence);
  checkFinite(a, 'a');
  checkFinite(b, 'b');
  const meanA = mean(a);
  const meanB = mean(b);
  const difference = meanB - meanA;
  if (a.length < 2 || b.length < 2) return { t: 0, df: 0, difference, ci: WHOLE_LINE, pValue: 1, meanA, meanB };
  if (sampleSd(a) === 0 && sampleSd(b) === 0) {
    return {
      t: difference === 0 ? 0 : Math.sign(difference) * Infinity,
      df: a.length + b.length - 2,
      difference,
      ci: [difference, difference],
      pValue: difference === 0 ? 1 : 0,
      meanA,
      meanB,
    };
  }
  const r = ttest2([...b], [...a], { alpha, variance: 'unequal' });
  return { t: r.statistic, df: r.df, difference, ci: [r.ci[0]!, r.ci[1]!], pValue: r.pValue, meanA, meanB };
}
