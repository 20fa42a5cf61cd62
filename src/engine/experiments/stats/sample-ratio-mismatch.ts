/**
 * Sample-ratio-mismatch check (Kohavi et al., "Trustworthy Online Controlled Experiments",
 * ch. 21): if the units did not split the way the design says, something between assignment and
 * logging is broken and no difference between the arms can be trusted. Pearson's χ² goodness of
 * fit with one degree of freedom; alarm at p < 0.001 (the industry's usual threshold: the check
 * runs on every experiment, so it must rarely cry wolf).
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { checkCount } from './numeric';

export const SRM_ALARM_P = 0.001;

export interface SrmResult {
  chiSquare: number;
  pValue: number;
  /** false: the split is broken (p < 0.001). */
  ok: boolean;
  expected: [number, number];
}

export function sampleRatioMismatch(observed: readonly [number, number], challengerShare: number): SrmResult {
  const [base, chal] = observed;
  checkCount(base, 'baseline units');
  checkCount(chal, 'challenger units');
  if (!(challengerShare >= 0 && challengerShare <= 1)) throw new RangeError(`challengerShare must be in [0, 1], got ${challengerShare}`);
  const total = base + chal;
  const expected: [number, number] = [total * (1 - challengerShare), total * challengerShare];
  if (total === 0) return { chiSquare: 0, pValue: 1, ok: true, expected };
  // A 0 % or 100 % design: any unit in the impossible arm is a broken split, none is a perfect one.
  if (challengerShare === 0 || challengerShare === 1) {
    const stray = challengerShare === 0 ? chal : base;
    return { chiSquare: stray > 0 ? Infinity : 0, pValue: stray > 0 ? 0 : 1, ok: stray === 0, expected };
  }
  const chiSquare = (base - expected[0]) ** 2 / expected[0] + (chal - expected[1]) ** 2 / expected[1];
  // χ²(1) upper tail = 2·Φ(−√x): the normal tail keeps its precision at p ~ 1e-10, where
  // 1 − chisquareCdf(x) would be a difference of two numbers near 1.
  const pValue = Math.min(1, 2 * normalCdf(-Math.sqrt(chiSquare), 0, 1));
  return { chiSquare, pValue, ok: pValue >= SRM_ALARM_P, expected };
}
