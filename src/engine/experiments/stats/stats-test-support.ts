/** Fixtures the tests in this folder share (imported by *.test.ts only; no statistics of its own). */
import mt19937 from '@stdlib/random-base-mt19937';
import { expect } from 'vitest';
import type { ExperimentDesign, Verdict } from './types';

/** The design the verdict tests start from: 95 %, 3000 frames per arm, ±5 % margin, 1.2× latency guard. */
export function testDesign(mode: ExperimentDesign['mode']): ExperimentDesign {
  return {
    mode,
    confidence: 0.95,
    minSamples: 3000,
    trafficPercent: 50,
    successMetric: 'crossings',
    guards: { maxCountDifference: 0.05, maxLatencyRatio: 1.2 },
  };
}

/** Seeded uniforms, normals (Box–Muller) and Poisson counts (Knuth) for the simulations. */
export function rng(seed: number): { u: () => number; normal: () => number; poisson: (lambda: number) => number } {
  const u = (mt19937.factory({ seed }) as unknown as { normalized: () => number }).normalized;
  return {
    u,
    normal: () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()),
    poisson: (lambda) => {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = u();
      while (p > limit) {
        k += 1;
        p *= u();
      }
      return k;
    },
  };
}

/** Every number in the verdict is finite and it survives a JSON round trip unchanged. */
export function expectJsonSafe(v: Verdict): void {
  const walk = (x: unknown): void => {
    if (typeof x === 'number') expect(Number.isFinite(x)).toBe(true);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') Object.values(x).forEach(walk);
  };
  walk(v);
  expect(JSON.parse(JSON.stringify(v))).toEqual(v);
}
