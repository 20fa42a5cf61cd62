/**
 * The distribution distances drift is scored with (issue 13, part 1). Pure: no Node API, no I/O.
 * Each one follows a well-known implementation so its numbers can be checked against it
 * (tests/integration/drift/drift-stats.test.ts holds reference values from scipy/numpy):
 *
 * - `psi`: the Population Stability Index as Evidently computes it — `bins` (30) equal-width bins
 *   over both samples together (numpy's `histogram_bin_edges`), each sample's share per bin, an
 *   empty bin's share set to 0.0001, PSI = Σ (ref − cur) · ln(ref / cur).
 * - `ksTwoSample`: the two-sample Kolmogorov–Smirnov test, two-sided, as scipy's `ks_2samp` with
 *   its default (exact) method: D = max |F_ref − F_cur| over the pooled values, and the exact
 *   probability that a random ordering of the two samples gives a D at least as large (a lattice
 *   path count, summed as the probability of leaving the band, so small p-values keep their
 *   precision). Over 10⁷ cells it falls back to the asymptotic Kolmogorov distribution.
 * - `wassersteinNormed`: scipy's `wasserstein_distance` (the area between the two empirical CDFs)
 *   divided by the reference's population standard deviation (at least 0.001), which is
 *   Evidently's `wasserstein` stattest.
 */

export interface Histogram {
  /** bins + 1 edges, ascending. */
  edges: number[];
  ref: number[];
  cur: number[];
}

/** numpy.histogram_bin_edges(concat(a, b), bins): equal width over the pooled range. */
export function binEdges(a: readonly number[], b: readonly number[], bins: number): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of [...a, ...b]) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [];
  if (lo === hi) {
    // numpy widens an empty range to ±0.5 around the value.
    lo -= 0.5;
    hi += 0.5;
  }
  // As numpy.linspace: start + i·step, the last edge exactly the stop.
  const step = (hi - lo) / bins;
  const edges: number[] = [];
  for (let i = 0; i < bins; i++) edges.push(i * step + lo);
  edges.push(hi);
  return edges;
}

/** numpy.histogram counts: bins closed on the left, the last bin closed on both sides. */
export function histogramCounts(values: readonly number[], edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(Math.max(0, bins)).fill(0);
  if (bins <= 0) return counts;
  const lo = edges[0]!;
  const hi = edges[bins]!;
  for (const v of values) {
    if (v < lo || v > hi) continue;
    let i = Math.floor((v - lo) * (bins / (hi - lo)));
    if (i >= bins) i = bins - 1;
    // Floating point: make sure v lies in [edges[i], edges[i+1]).
    while (i > 0 && v < edges[i]!) i--;
    while (i < bins - 1 && v >= edges[i + 1]!) i++;
    counts[i]!++;
  }
  return counts;
}

export function histogram(ref: readonly number[], cur: readonly number[], bins = 30): Histogram {
  const edges = binEdges(ref, cur, bins);
  return { edges, ref: histogramCounts(ref, edges), cur: histogramCounts(cur, edges) };
}

/** Share given to an empty bin (Evidently's value), so ln() stays finite. */
export const PSI_EMPTY_BIN_SHARE = 0.0001;

export function psi(ref: readonly number[], cur: readonly number[], bins = 30): number {
  if (ref.length === 0 || cur.length === 0) return 0;
  const h = histogram(ref, cur, bins);
  return psiFromCounts(h.ref, h.cur);
}

export function psiFromCounts(refCounts: readonly number[], curCounts: readonly number[]): number {
  const nr = refCounts.reduce((s, c) => s + c, 0);
  const nc = curCounts.reduce((s, c) => s + c, 0);
  if (nr === 0 || nc === 0) return 0;
  let total = 0;
  for (let i = 0; i < refCounts.length; i++) {
    const r = refCounts[i]! / nr || PSI_EMPTY_BIN_SHARE;
    const c = curCounts[i]! / nc || PSI_EMPTY_BIN_SHARE;
    total += (r - c) * Math.log(r / c);
  }
  return total;
}

export interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
}

const sortNum = (a: readonly number[]): number[] => Float64Array.from(a).sort() as unknown as number[];

/** Two-sided two-sample KS test (scipy.stats.ks_2samp, method 'auto' → exact for these sizes). */
export function ksTwoSample(ref: readonly number[], cur: readonly number[]): KsResult {
  const m = ref.length;
  const n = cur.length;
  if (m === 0 || n === 0) return { statistic: 0, pValue: 1, method: 'exact' };
  const a = sortNum(ref);
  const b = sortNum(cur);
  // D·m·n as an integer: max over pooled values v of |#a≤v · n − #b≤v · m|.
  let i = 0;
  let j = 0;
  let dInt = 0;
  while (i < m || j < n) {
    const v = i < m && (j >= n || a[i]! <= b[j]!) ? a[i]! : b[j]!;
    while (i < m && a[i]! <= v) i++;
    while (j < n && b[j]! <= v) j++;
    dInt = Math.max(dInt, Math.abs(i * n - j * m));
  }
  const statistic = dInt / (m * n);
  if (dInt === 0) return { statistic: 0, pValue: 1, method: 'exact' };
  if (m * n > 1e7) return { statistic, pValue: kolmogorovSf(Math.sqrt((m * n) / (m + n)), statistic), method: 'asymptotic' };
  return { statistic, pValue: Math.min(1, Math.max(0, exactOutside(m, n, dInt))), method: 'exact' };
}

/**
 * P(max over a uniformly random monotone lattice path (0,0)→(m,n) of |i·n − j·m| ≥ d). The path
 * steps right from (i,j) with probability (m−i)/(m−i+n−j); mass stepping onto a cell outside the
 * band is added to the result and dropped.
 */
function exactOutside(m: number, n: number, d: number): number {
  let row = new Float64Array(n + 1);
  let next = new Float64Array(n + 1);
  let outside = 0;
  row[0] = 1;
  for (let i = 0; i <= m; i++) {
    next.fill(0);
    for (let j = 0; j <= n; j++) {
      const p = row[j]!;
      if (p === 0) continue;
      if (i === m && j === n) continue;
      const left = m - i;
      const rest = left + (n - j);
      if (left > 0) {
        const q = (p * left) / rest;
        if (Math.abs((i + 1) * n - j * m) >= d) outside += q;
        else next[j] = next[j]! + q;
      }
      if (j < n) {
        const q = (p * (n - j)) / rest;
        if (Math.abs(i * n - (j + 1) * m) >= d) outside += q;
        else row[j + 1] = row[j + 1]! + q;
      }
    }
    [row, next] = [next, row];
  }
  return outside;
}

/** Asymptotic Kolmogorov survival function with Stephens' small-sample correction. */
function kolmogorovSf(sqrtEn: number, d: number): number {
  const lambda = (sqrtEn + 0.12 + 0.11 / sqrtEn) * d;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}

/** scipy.stats.wasserstein_distance(u, v): ∫ |F_u − F_v| over the pooled values. */
export function wasserstein(u: readonly number[], v: readonly number[]): number {
  const m = u.length;
  const n = v.length;
  if (m === 0 || n === 0) return 0;
  const a = sortNum(u);
  const b = sortNum(v);
  let i = 0;
  let j = 0;
  let prev = Math.min(a[0]!, b[0]!);
  let total = 0;
  while (i < m || j < n) {
    const x = i < m && (j >= n || a[i]! <= b[j]!) ? a[i]! : b[j]!;
    total += Math.abs(i / m - j / n) * (x - prev);
    prev = x;
    while (i < m && a[i]! <= x) i++;
    while (j < n && b[j]! <= x) j++;
  }
  return total;
}

/** Population standard deviation (numpy.std, ddof 0). */
export function populationStd(x: readonly number[]): number {
  if (x.length === 0) return 0;
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  return Math.sqrt(x.reduce((s, v) => s + (v - mean) * (v - mean), 0) / x.length);
}

/** Evidently's `wasserstein` stattest: the distance in reference standard deviations. */
export function wassersteinNormed(ref: readonly number[], cur: readonly number[]): number {
  return wasserstein(ref, cur) / Math.max(populationStd(ref), 0.001);
}

export function median(x: readonly number[]): number {
  if (x.length === 0) return NaN;
  const s = sortNum(x);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
