/**
 * Percentile bootstrap over INTERVALS, never over single frames: consecutive frames show the
 * same people (a person is in view for seconds), so frames are strongly autocorrelated and a
 * frame-level bootstrap would make intervals look far more certain than they are. Intervals of a
 * minute or more are close enough to independent; resampling them keeps the within-interval
 * correlation intact.
 *
 * Deterministic: a seeded Mersenne Twister (@stdlib/random-base-mt19937), so the same data give
 * the same interval and the same verdict every time.
 */
import mt19937 from '@stdlib/random-base-mt19937';
import { fnv1a32 } from './assignment';
import { checkConfidence, checkFinite, mean, sum, WHOLE_LINE, type Interval } from './numeric';

export const DEFAULT_RESAMPLES = 2000;

export interface BootstrapOptions {
  resamples?: number;
  confidence: number;
  /** Same seed, same resamples. A string is hashed to a 32-bit seed. */
  seed: number | string;
}

export interface BootstrapResult {
  /** The statistic on the data as observed. */
  estimate: number;
  ci: Interval;
  /** Two-sided bootstrap p-value for `nullValue` (the percentile interval's inversion). */
  pValue: number;
  resamples: number;
  /** Resamples whose statistic was not finite (e.g. a zero denominator), left out. */
  dropped: number;
}

function seedOf(seed: number | string): number {
  const s = typeof seed === 'number' ? Math.trunc(Math.abs(seed)) >>> 0 : fnv1a32(seed);
  return s === 0 ? 1 : s; // MT19937 wants a positive seed
}

/** Type-7 quantile (R's default) of sorted values. */
function quantileSorted(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * The engine: resample each group's indices with replacement, evaluate `statistic` on the
 * resampled index lists. One group = a paired (shadow) bootstrap, two groups = independent arms.
 */
export function bootstrapStatistic(
  groupSizes: readonly number[],
  statistic: (indices: readonly (readonly number[])[]) => number,
  options: BootstrapOptions & { nullValue?: number },
): BootstrapResult {
  const alpha = checkConfidence(options.confidence);
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  const nullValue = options.nullValue ?? 0;
  const identity = groupSizes.map((n) => Array.from({ length: n }, (_, i) => i));
  const estimate = statistic(identity);
  if (groupSizes.some((n) => n < 2)) return { estimate, ci: WHOLE_LINE, pValue: 1, resamples: 0, dropped: 0 };
  // `normalized` (uniform on [0, 1)) exists at run time but is missing from the package's types.
  const rand = (mt19937.factory({ seed: seedOf(options.seed) }) as unknown as { normalized: () => number }).normalized;
  const values: number[] = [];
  const buffers = groupSizes.map((n) => new Array<number>(n).fill(0));
  for (let r = 0; r < resamples; r++) {
    for (let g = 0; g < groupSizes.length; g++) {
      const n = groupSizes[g]!;
      const buf = buffers[g]!;
      for (let i = 0; i < n; i++) buf[i] = Math.floor(rand() * n);
    }
    const v = statistic(buffers);
    if (Number.isFinite(v)) values.push(v);
  }
  const dropped = resamples - values.length;
  if (values.length === 0) return { estimate, ci: WHOLE_LINE, pValue: 1, resamples, dropped };
  values.sort((x, y) => x - y);
  let below = 0;
  let above = 0;
  for (const v of values) {
    if (v <= nullValue) below += 1;
    if (v >= nullValue) above += 1;
  }
  // (k + 1) / (B + 1): a bootstrap p-value is never exactly 0 with finitely many resamples.
  const pValue = Math.min(1, (2 * (Math.min(below, above) + 1)) / (values.length + 1));
  return { estimate, ci: [quantileSorted(values, alpha / 2), quantileSorted(values, 1 - alpha / 2)], pValue, resamples, dropped };
}

export interface BootstrapDifferenceResult {
  /** mean(b) − mean(a). */
  difference: number;
  ci: Interval;
  pValue: number;
  resamples: number;
}

/** Difference of per-interval means, b − a (challenger − baseline), arms resampled independently. */
export function bootstrapDifference(a: readonly number[], b: readonly number[], options: BootstrapOptions): BootstrapDifferenceResult {
  checkFinite(a, 'a');
  checkFinite(b, 'b');
  const r = bootstrapStatistic(
    [a.length, b.length],
    ([ia, ib]) => mean(ib!.map((i) => b[i]!)) - mean(ia!.map((i) => a[i]!)),
    options,
  );
  return { difference: r.estimate, ci: r.ci, pValue: r.pValue, resamples: r.resamples };
}

export interface RatioPart {
  num: number;
  den: number;
}

export interface BootstrapRatioResult {
  /** (Σ b.num / Σ b.den) / (Σ a.num / Σ a.den): e.g. crossings per second, challenger over baseline. */
  ratio: number;
  ci: Interval;
  /** For ratio = 1. */
  pValue: number;
  resamples: number;
  dropped: number;
}

/**
 * Ratio of sums, not mean of ratios: an interval with 2 s of video must not weigh as much as one
 * with 60 s. Resamples where an arm sums to zero are dropped (reported in `dropped`).
 */
export function bootstrapRatioOfSums(a: readonly RatioPart[], b: readonly RatioPart[], options: BootstrapOptions): BootstrapRatioResult {
  const rate = (parts: readonly RatioPart[], idx: readonly number[]): number => {
    let num = 0;
    let den = 0;
    for (const i of idx) {
      num += parts[i]!.num;
      den += parts[i]!.den;
    }
    return num / den;
  };
  const r = bootstrapStatistic([a.length, b.length], ([ia, ib]) => rate(b, ib!) / rate(a, ia!), { ...options, nullValue: 1 });
  const observed = sum(b.map((p) => p.num)) / sum(b.map((p) => p.den)) / (sum(a.map((p) => p.num)) / sum(a.map((p) => p.den)));
  return { ratio: observed, ci: r.ci, pValue: r.pValue, resamples: r.resamples, dropped: r.dropped };
}
