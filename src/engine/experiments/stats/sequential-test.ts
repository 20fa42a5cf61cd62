/**
 * Always-valid test and confidence sequence for the mean of paired differences (shadow mode), so
 * a technician may look at a running experiment every minute without inflating false positives.
 *
 * Method: the normal-mixture mSPRT of Johari, Pekelis & Walsh ("Always valid inference", 2017;
 * what Optimizely and Statsig ship), in its scale-invariant form. Their mSPRT needs the variance
 * σ² and, in practice, plugs in an estimate — which over-rejects when the looks start early (a
 * variance from 3 intervals is often far too small). Here σ is integrated out with the right-Haar
 * prior 1/σ and the mixture is put on the standardised effect δ = μ/σ ~ N(0, τ²). The mixture
 * likelihood ratio then has a closed form in the t statistic (the normal-prior Bayes factor of
 * Gönen, Johnson, Lu & Westfall 2005; Rouder et al. 2009 with fixed g = τ²):
 *
 *   Λ_n = (1 + nτ²)^(-1/2) · [ (1 + t²/ν) / (1 + t²/(ν(1 + nτ²))) ]^((ν+1)/2),  ν = n − 1,
 *
 * and it is a non-negative martingale under H0 for every σ (it is the likelihood ratio of the
 * scale-invariant statistic; Lai 1976, Pérez-Ortiz, Lardy, de Heide & Grünwald 2024, "E-statistics,
 * group invariance and anytime-valid testing"). Ville's inequality gives P(∃n: Λ_n ≥ 1/α) ≤ α:
 * the always-valid p-value p_n = min_{k≤n} 1/Λ_k and the confidence sequence (all θ whose Λ on
 * d − θ stays below 1/α, intersected over time) hold at every look, exactly for normal data and
 * closely for the integer differences of crossing counts (tested by simulation on both).
 *
 * Choice of τ (mixing standard deviation of δ): 0.5, i.e. g = τ² = 0.25. Waudby-Smith et al.
 * ("Time-uniform central limit theory", 2021) give the g that makes the boundary tightest at n*
 * intervals: g = (−2 ln α + ln(1 − 2 ln α)) / n*; at α = 0.05 that is 7.94 / n*, so g = 0.25
 * targets n* ≈ 32 intervals — half an hour of one-minute intervals, the length of a typical
 * offline run on a recording. A smaller τ would tune for smaller effects but needs more
 * intervals before anything can be rejected; a larger one wastes power on effects (δ > 1) that
 * are obvious anyway. With τ = 0.5 and α = 0.05 the test cannot reject before 7 intervals:
 * sup_t Λ_n = (1 + nτ²)^(ν/2) must reach 20 first — an honest consequence of not knowing σ.
 *
 * A prefix whose differences are all equal has no spread estimate (t = 0/0 or ±∞): that look is
 * skipped (skipping looks never hurts validity), so long runs of identical zeros — a quiet shop,
 * an identical model — can never produce a point-sized "certain" interval.
 */
import { checkFinite, type Interval } from './numeric';

export const DEFAULT_TAU = 0.5;

export interface SequentialOptions {
  alpha: number;
  /** Mixing standard deviation of the standardised effect δ = μ/σ (see the file comment). */
  tau?: number;
}

export interface SequentialResult {
  n: number;
  mean: number;
  /** Confidence sequence for the mean at 1 − α (running intersection); the whole line until it can say something. */
  ci: Interval;
  /** Always-valid p-value for mean = 0 (running minimum of 1/Λ). */
  pValue: number;
  rejected: boolean;
  /** The mixture likelihood ratio at the last look (0 if none). */
  lambda: number;
  tau: number;
}

/** ln Λ_n for a t statistic with n observations (n ≥ 2), mixing variance g = τ². */
export function logMixtureRatio(t: number, n: number, g: number): number {
  const nu = n - 1;
  const c = 1 + n * g;
  const t2 = t * t;
  return -0.5 * Math.log(c) + ((nu + 1) / 2) * (Math.log1p(t2 / nu) - Math.log1p(t2 / (nu * c)));
}

/**
 * |t| at which Λ_n reaches 1/α, or Infinity if it never can at this n. Solving
 * (1 + u)/(1 + u/c) = Q with Q = (√c/α)^(2/(ν+1)) and u = t²/ν gives u = (Q − 1)/(1 − Q/c).
 */
export function criticalT(n: number, g: number, alpha: number): number {
  const nu = n - 1;
  const c = 1 + n * g;
  const logQ = (2 / (nu + 1)) * (0.5 * Math.log(c) - Math.log(alpha));
  const q = Math.exp(logQ);
  if (q >= c) return Infinity;
  return Math.sqrt(nu * ((q - 1) / (1 - q / c)));
}

/**
 * The test as a running monitor: push each interval's difference as it arrives and read the
 * always-valid result at any time (the engine may look every minute; the result after pushing
 * d_1 … d_n equals `sequentialPairedTest([d_1 … d_n])`).
 */
export class SequentialMonitor {
  readonly alpha: number;
  readonly tau: number;
  private readonly g: number;
  private n = 0;
  // Welford's running mean and sum of squares: numerically stable, O(1) per interval.
  private m = 0;
  private m2 = 0;
  private lo = -Infinity;
  private hi = Infinity;
  private pValue = 1;
  private lambda = 0;

  constructor(options: SequentialOptions) {
    const { alpha } = options;
    const tau = options.tau ?? DEFAULT_TAU;
    if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
    if (!(tau > 0 && Number.isFinite(tau))) throw new RangeError(`tau must be positive, got ${tau}`);
    this.alpha = alpha;
    this.tau = tau;
    this.g = tau * tau;
  }

  push(x: number): void {
    if (!Number.isFinite(x)) throw new RangeError(`differences must be finite numbers, got ${x}`);
    const k = ++this.n;
    const delta = x - this.m;
    this.m += delta / k;
    this.m2 += delta * (x - this.m);
    if (k < 2) return;
    const sd = Math.sqrt(Math.max(0, this.m2) / (k - 1));
    if (!(sd > 1e-12 * Math.max(1, Math.abs(this.m)))) return; // no spread yet: skip this look
    const se = sd / Math.sqrt(k);
    const logL = logMixtureRatio(this.m / se, k, this.g);
    this.lambda = Math.exp(logL);
    this.pValue = Math.min(this.pValue, Math.exp(-logL));
    const tc = criticalT(k, this.g, this.alpha);
    if (!Number.isFinite(tc)) return;
    const nlo = Math.max(this.lo, this.m - tc * se);
    const nhi = Math.min(this.hi, this.m + tc * se);
    // An empty intersection can only happen on a look where coverage already failed (prob. ≤ α);
    // keep the last non-empty interval rather than report nothing.
    if (nlo <= nhi) {
      this.lo = nlo;
      this.hi = nhi;
    }
  }

  result(): SequentialResult {
    const pValue = Math.min(1, this.pValue);
    return { n: this.n, mean: this.n ? this.m : 0, ci: [this.lo, this.hi], pValue, rejected: pValue <= this.alpha, lambda: this.lambda, tau: this.tau };
  }
}

export function sequentialPairedTest(diffs: readonly number[], options: SequentialOptions): SequentialResult {
  const monitor = new SequentialMonitor(options);
  checkFinite(diffs, 'differences');
  for (const d of diffs) monitor.push(d);
  return monitor.result();
}
