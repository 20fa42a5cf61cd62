/** Small numeric helpers shared by the tests in this folder (no statistics of their own). */

export type Interval = [number, number];

/** Every statistic here takes `confidence` (e.g. 0.95); a value outside (0, 1) is a caller bug. */
export function checkConfidence(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  return 1 - confidence;
}

export function checkFinite(values: readonly number[], what: string): void {
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`${what} must be finite numbers, got ${v}`);
}

export function checkCount(x: number, what: string): void {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`${what} must be a non-negative integer, got ${x}`);
}

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : sum(values) / values.length;
}

/** Sample standard deviation (n − 1), 0 below two values. */
export function sampleSd(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return Math.sqrt(ss / (n - 1));
}

/** The interval that says nothing: what a test reports when it has too little data. */
export const WHOLE_LINE: Interval = [-Infinity, Infinity];

export function isInformative(ci: Interval | null): ci is Interval {
  return ci !== null && Number.isFinite(ci[0]) && Number.isFinite(ci[1]);
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/**
 * Deep copy with every non-finite number replaced by null, so a test's raw output can be stored
 * as JSON without NaN turning into null behind our back (or Infinity failing a schema).
 */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'function' || v === undefined) continue;
      out[k] = jsonSafe(v);
    }
    return out;
  }
  return value;
}
