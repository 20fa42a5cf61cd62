/**
 * Exact comparison of two Poisson rates (crossings per second of video), as R's
 * `poisson.test(c(xA, xB), c(tA, tB))` does it: conditioned on the total count, B's count is
 * Binomial(total, π) with π = r·tB / (tA + r·tB), r the rate ratio B/A; H0 r = 1 gives
 * π0 = tB / (tA + tB). The exact (Clopper-Pearson) interval for π maps to one for r through
 * r = π / (1 − π) · tA / tB.
 */
import binomialTest from '@stdlib/stats-binomial-test';
import { checkConfidence, checkCount, type Interval } from './numeric';

export interface PoissonRateResult {
  rateA: number;
  rateB: number;
  /** rateB / rateA; Infinity when only A counted nothing; null when neither counted anything. */
  ratio: number | null;
  /** For the ratio; [0, Infinity] when there is nothing to go on. */
  ci: Interval;
  pValue: number;
  /** B's expected count under H0 (R's "expected count"). */
  expectedB: number;
}

export function poissonRateTest(
  countA: number,
  exposureA: number,
  countB: number,
  exposureB: number,
  confidence: number,
): PoissonRateResult {
  const alpha = checkConfidence(confidence);
  checkCount(countA, 'countA');
  checkCount(countB, 'countB');
  if (!(exposureA > 0 && exposureB > 0 && Number.isFinite(exposureA) && Number.isFinite(exposureB))) {
    throw new RangeError(`exposures must be positive and finite, got ${exposureA} and ${exposureB}`);
  }
  const rateA = countA / exposureA;
  const rateB = countB / exposureB;
  const total = countA + countB;
  const pi0 = exposureB / (exposureA + exposureB);
  if (total === 0) return { rateA, rateB, ratio: null, ci: [0, Infinity], pValue: 1, expectedB: 0 };
  const r = binomialTest(countB, total, { p: pi0, alpha });
  const toRatio = (pi: number): number => (pi >= 1 ? Infinity : (pi / (1 - pi)) * (exposureA / exposureB));
  return {
    rateA,
    rateB,
    ratio: countA === 0 ? Infinity : rateB / rateA,
    ci: [toRatio(r.ci[0]!), toRatio(r.ci[1]!)],
    pValue: Math.min(1, r.pValue),
    expectedB: total * pi0,
  };
}
