/**
 * Classical paired t on per-interval differences (shadow mode: both arms saw the same frames, so
 * each interval is its own control). Kept for the record next to the always-valid test
 * (`sequential-test.ts`): a fixed-horizon p-value is only honest if nobody looked before the end.
 */
import ttest from '@stdlib/stats-ttest';
import { checkConfidence, checkFinite, mean, sampleSd, WHOLE_LINE, type Interval } from './numeric';

export interface PairedDifferenceResult {
  n: number;
  mean: number;
  sd: number;
  /** t statistic and degrees of freedom (0 when there is no test to run). */
  t: number;
  df: number;
  ci: Interval;
  pValue: number;
}

/**
 * Tiny samples: n < 2 has no spread, so the interval is the whole line and p = 1 (n = 0 reports
 * mean 0). All differences equal (sd = 0): the t statistic is 0/0 or ±∞; we report its limit —
 * ci [mean, mean], p = 1 when that mean is 0 and p = 0 otherwise.
 */
export function pairedDifference(diffs: readonly number[], confidence: number): PairedDifferenceResult {
  const alpha = checkConfidence(confidence);
  checkFinite(diffs, 'differences');
  const n = diffs.length;
  const m = mean(diffs);
  const sd = sampleSd(diffs);
  if (n < 2) return { n, mean: m, sd, t: 0, df: 0, ci: WHOLE_LINE, pValue: 1 };
  if (sd === 0) {
    return { n, mean: m, sd, t: m === 0 ? 0 : Math.sign(m) * Infinity, df: n - 1, ci: [m, m], pValue: m === 0 ? 1 : 0 };
  }
  const r = ttest([...diffs], { alpha });
  return { n, mean: r.mean, sd: r.sd, t: r.statistic, df: r.df, ci: [r.ci[0]!, r.ci[1]!], pValue: r.pValue };
}
