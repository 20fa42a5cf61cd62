/**
 * A bounded sample of one interval's latencies: exact while the interval has at most `capacity`
 * frames, a uniform reservoir sample (Vitter's algorithm R) beyond, so a camera at 30 fps for a
 * long interval costs the same memory as one at 1 fps. Percentiles by linear interpolation
 * between closest ranks (numpy's default, `percentile(..., method='linear')`).
 */
export const DEFAULT_RESERVOIR_CAPACITY = 2048;

export class LatencyReservoir {
  private readonly values: Float64Array;
  private filled = 0;
  /** Every value offered in this interval, kept or not. */
  private seen = 0;
  private sum = 0;
  private max = 0;

  constructor(
    readonly capacity = DEFAULT_RESERVOIR_CAPACITY,
    private readonly random: () => number = Math.random,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`reservoir capacity must be a positive integer, got ${capacity}`);
    this.values = new Float64Array(capacity);
  }

  add(value: number): void {
    if (!Number.isFinite(value) || value < 0) return;
    this.seen++;
    this.sum += value;
    if (value > this.max) this.max = value;
    if (this.filled < this.capacity) {
      this.values[this.filled++] = value;
      return;
    }
    const j = Math.floor(this.random() * this.seen);
    if (j < this.capacity) this.values[j] = value;
  }

  get count(): number {
    return this.seen;
  }

  /** Values kept (at most capacity). */
  get kept(): number {
    return this.filled;
  }

  mean(): number | null {
    return this.seen === 0 ? null : this.sum / this.seen;
  }

  maxValue(): number | null {
    return this.seen === 0 ? null : this.max;
  }

  /** p in [0, 100]; null when empty. */
  percentile(p: number): number | null {
    return percentileOf(this.values.subarray(0, this.filled), p);
  }

  reset(): void {
    this.filled = 0;
    this.seen = 0;
    this.sum = 0;
    this.max = 0;
  }
}

/** Linear-interpolation percentile of unsorted values (copied, not changed); null when empty. */
export function percentileOf(values: ArrayLike<number>, p: number): number | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}
