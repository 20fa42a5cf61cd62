import { describe, expect, it } from 'vitest';
import { pairedDifference } from './paired-difference';
import { criticalT, DEFAULT_TAU, logMixtureRatio, SequentialMonitor, sequentialPairedTest } from './sequential-test';
import { rng } from './stats-test-support';

const ALPHA = 0.05;

/** Did any look (every `every` samples) reject? The monitor is fed one interval at a time. */
function sequentialRejectsAtSomeLook(diffs: readonly number[], every: number): boolean {
  const monitor = new SequentialMonitor({ alpha: ALPHA });
  for (let i = 0; i < diffs.length; i++) {
    monitor.push(diffs[i]!);
    if ((i + 1) % every === 0 && monitor.result().rejected) return true;
  }
  return false;
}

describe('the mixture likelihood ratio (closed form)', () => {
  it('equals the ratio of marginal likelihoods computed by brute-force integration', () => {
    // Independent check of the closed form: integrate the normal likelihood over σ (prior 1/σ)
    // and δ = μ/σ ~ N(0, τ²) on a grid, against σ alone under H0. Data: 6 made-up differences.
    const x = [1.2, -0.4, 2.1, 0.8, 1.6, 0.3];
    const n = x.length;
    const g = DEFAULT_TAU ** 2;
    const s1 = x.reduce((s, v) => s + v, 0);
    const s2 = x.reduce((s, v) => s + v * v, 0);
    // log Π φ(x_i; μ, σ) up to the constant shared by both hypotheses.
    const logLik = (mu: number, sigma: number): number => -n * Math.log(sigma) - (s2 - 2 * mu * s1 + n * mu * mu) / (2 * sigma * sigma);
    let m0 = 0;
    let m1 = 0;
    const du = 0.01;
    const dd = 0.01;
    for (let logSigma = -5; logSigma <= 5; logSigma += du) {
      const sigma = Math.exp(logSigma); // dσ/σ = d log σ
      m0 += Math.exp(logLik(0, sigma)) * du;
      let inner = 0;
      for (let delta = -6; delta <= 6; delta += dd) {
        inner += (Math.exp(-(delta * delta) / (2 * g)) / Math.sqrt(2 * Math.PI * g)) * Math.exp(logLik(delta * sigma, sigma)) * dd;
      }
      m1 += inner * du;
    }
    const mean = s1 / n;
    const sd = Math.sqrt((s2 - n * mean * mean) / (n - 1));
    const t = mean / (sd / Math.sqrt(n));
    expect(Math.exp(logMixtureRatio(t, n, g)) / (m1 / m0)).toBeCloseTo(1, 4);
  });

  it('criticalT is where Λ reaches 1/α, and is infinite while Λ cannot reach it', () => {
    const g = DEFAULT_TAU ** 2;
    for (const n of [7, 8, 10, 30, 200]) {
      expect(logMixtureRatio(criticalT(n, g, ALPHA), n, g)).toBeCloseTo(Math.log(1 / ALPHA), 8);
    }
    // sup_t Λ_n = (1 + nτ²)^((n−1)/2): at n = 6, 2.5^2.5 = 9.9 < 20, at n = 7, 2.75^3 = 20.8 ≥ 20.
    expect(criticalT(6, g, ALPHA)).toBe(Infinity);
    expect(Number.isFinite(criticalT(7, g, ALPHA))).toBe(true);
  });
});

describe('sequentialPairedTest', () => {
  it('tiny samples: n = 0, 1, 2 say nothing (no rejection, the whole line)', () => {
    for (const diffs of [[], [4]]) {
      expect(sequentialPairedTest(diffs, { alpha: ALPHA })).toMatchObject({ n: diffs.length, pValue: 1, rejected: false, ci: [-Infinity, Infinity] });
    }
    // n = 2: Λ is at most (1 + 2τ²)^(1/2) = 1.22, so p ≥ 0.82 whatever the data.
    const two = sequentialPairedTest([4, 6], { alpha: ALPHA });
    expect(two).toMatchObject({ n: 2, mean: 5, rejected: false, ci: [-Infinity, Infinity] });
    expect(two.pValue).toBeGreaterThanOrEqual(1 / Math.sqrt(1 + 2 * DEFAULT_TAU ** 2) - 1e-12);
  });

  it('cannot reject before 7 intervals even with an enormous t (the honest price of an unknown variance)', () => {
    const r = sequentialPairedTest([10, 10.1, 9.9, 10, 10.1, 9.9], { alpha: ALPHA });
    expect(r.rejected).toBe(false);
    expect(r.ci).toEqual([-Infinity, Infinity]);
    expect(sequentialPairedTest([10, 10.1, 9.9, 10, 10.1, 9.9, 10], { alpha: ALPHA }).rejected).toBe(true);
  });

  it('equal arms (all differences 0) never reject and never claim a zero-width interval', () => {
    const r = sequentialPairedTest(new Array<number>(100).fill(0), { alpha: ALPHA });
    expect(r).toMatchObject({ mean: 0, pValue: 1, rejected: false, ci: [-Infinity, Infinity] });
  });

  it('the monitor fed one interval at a time gives what the batch function gives on the prefix', () => {
    const r = rng(5);
    const diffs = Array.from({ length: 60 }, () => 0.2 + r.normal());
    const monitor = new SequentialMonitor({ alpha: ALPHA });
    diffs.forEach((d, i) => {
      monitor.push(d);
      if ((i + 1) % 15 === 0) expect(monitor.result()).toEqual(sequentialPairedTest(diffs.slice(0, i + 1), { alpha: ALPHA }));
    });
  });

  it('is consistent: rejected exactly when 0 is outside the confidence sequence, and p is non-increasing', () => {
    const r = rng(99);
    const diffs = Array.from({ length: 120 }, () => 0.35 + r.normal());
    let lastP = 1;
    for (let n = 10; n <= diffs.length; n += 10) {
      const res = sequentialPairedTest(diffs.slice(0, n), { alpha: ALPHA });
      expect(res.pValue).toBeLessThanOrEqual(lastP);
      lastP = res.pValue;
      expect(res.rejected).toBe(res.ci[0] > 0 || res.ci[1] < 0);
    }
  });

  it('keeps the false-positive rate ≤ α over repeated looks on simulated null data (normal, 500 runs × 50 looks)', () => {
    // 500 experiments with no effect, each looked at every 10 intervals up to 500: the share of
    // experiments that were ever declared significant must stay at or below α = 0.05. (Ville's
    // inequality bounds it exactly for normal data; this seed gives 22 of 500 = 0.044.)
    const r = rng(20240917);
    let falsePositives = 0;
    for (let run = 0; run < 500; run++) {
      const diffs = Array.from({ length: 500 }, () => 3 * r.normal());
      if (sequentialRejectsAtSomeLook(diffs, 10)) falsePositives += 1;
    }
    expect(falsePositives / 500).toBeLessThanOrEqual(ALPHA);
  });

  it('keeps the false-positive rate ≤ α on count data too (differences of two Poisson(8) counts)', () => {
    const r = rng(777);
    let falsePositives = 0;
    for (let run = 0; run < 300; run++) {
      const diffs = Array.from({ length: 300 }, () => r.poisson(8) - r.poisson(8));
      if (sequentialRejectsAtSomeLook(diffs, 10)) falsePositives += 1;
    }
    expect(falsePositives / 300).toBeLessThanOrEqual(ALPHA);
  });

  it('where the classical paired t peeked at the same way is fooled far more often than α', () => {
    // The reason for the sequential test: the same looks with a fixed-horizon t-test.
    const r = rng(4242);
    let falsePositives = 0;
    for (let run = 0; run < 100; run++) {
      const diffs = Array.from({ length: 500 }, () => r.normal());
      let fooled = false;
      for (let n = 10; n <= diffs.length && !fooled; n += 10) fooled = pairedDifference(diffs.slice(0, n), 1 - ALPHA).pValue < ALPHA;
      if (fooled) falsePositives += 1;
    }
    expect(falsePositives / 100).toBeGreaterThan(2 * ALPHA);
  });

  it('detects a real effect (δ = 0.5) and its confidence sequence covers the true mean', () => {
    const r = rng(31337);
    let detected = 0;
    let covered = 0;
    const runs = 1000; // a single call per run: cheap, and enough runs that the coverage estimate is tight
    for (let run = 0; run < runs; run++) {
      const diffs = Array.from({ length: 200 }, () => 1 + 2 * r.normal()); // mean 1, sd 2
      const res = sequentialPairedTest(diffs, { alpha: ALPHA });
      if (res.rejected) detected += 1;
      if (res.ci[0] <= 1 && 1 <= res.ci[1]) covered += 1;
    }
    expect(detected / runs).toBeGreaterThanOrEqual(0.9);
    expect(covered / runs).toBeGreaterThanOrEqual(1 - ALPHA);
  });

  it('refuses a bad alpha or tau', () => {
    expect(() => sequentialPairedTest([1, 2], { alpha: 0 })).toThrow(RangeError);
    expect(() => sequentialPairedTest([1, 2], { alpha: 0.05, tau: 0 })).toThrow(RangeError);
  });
});
