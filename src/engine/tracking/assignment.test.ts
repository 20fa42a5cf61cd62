import { describe, expect, it } from 'vitest';
import { boxIou } from '../vision/box';
import { fillIouCost, LinearAssignment, linearAssignment } from './assignment';

/** Best total of (cost − threshold) over all partial matchings using pairs with cost < threshold. */
function bruteForce(cost: number[][], threshold: number): number {
  const rows = cost.length;
  const cols = rows ? cost[0]!.length : 0;
  const usedCols = new Array<boolean>(cols).fill(false);
  const go = (r: number): number => {
    if (r === rows) return 0;
    let best = go(r + 1); // row r unmatched
    for (let c = 0; c < cols; c++) {
      const x = cost[r]![c]!;
      if (usedCols[c] || !(x < threshold)) continue;
      usedCols[c] = true;
      best = Math.min(best, x - threshold + go(r + 1));
      usedCols[c] = false;
    }
    return best;
  };
  return go(0);
}

function total(cost: number[][], matches: Array<[number, number]>, threshold: number): number {
  return matches.reduce((s, [r, c]) => s + cost[r]![c]! - threshold, 0);
}

describe('linearAssignment', () => {
  it.each([
    {
      name: 'square, classic 3×3',
      cost: [[4, 1, 3], [2, 0, 5], [3, 2, 2]],
      threshold: 10,
      matches: [[0, 1], [1, 0], [2, 2]],
    },
    {
      name: 'greedy would be wrong',
      cost: [[0.1, 0.2], [0.2, 0.9]],
      threshold: 1,
      matches: [[0, 1], [1, 0]],
    },
    {
      name: 'rectangular, more columns',
      cost: [[0.9, 0.1, 0.5], [0.2, 0.8, 0.3]],
      threshold: 1,
      matches: [[0, 1], [1, 0]],
    },
    {
      name: 'rectangular, more rows',
      cost: [[0.9, 0.1], [0.2, 0.8], [0.05, 0.7]],
      threshold: 1,
      matches: [[0, 1], [2, 0]],
    },
    {
      name: 'all above threshold',
      cost: [[0.9, 0.95], [0.99, 0.85]],
      threshold: 0.8,
      matches: [],
    },
    {
      name: 'cost equal to threshold does not match',
      cost: [[0.8]],
      threshold: 0.8,
      matches: [],
    },
    {
      name: 'leaving a pair unmatched beats a forced bad pair',
      // matching row1→col0 (0.7) would push row0 onto col1 (0.79): total worse than one good pair
      cost: [[0.1, 0.79], [0.7, 0.99]],
      threshold: 0.8,
      matches: [[0, 0]],
    },
    {
      name: 'NaN and Infinity are infeasible',
      cost: [[Number.NaN, 0.3], [Infinity, 0.2]],
      threshold: 0.8,
      matches: [[1, 1]],
    },
    { name: 'empty 0×0', cost: [], threshold: 0.8, matches: [] },
    { name: 'one row, no columns', cost: [[]], threshold: 0.8, matches: [] },
  ])('$name', ({ cost, threshold, matches }) => {
    const res = linearAssignment(cost, threshold);
    expect(res.matches).toEqual(matches);
    const rows = cost.length;
    const cols = rows ? cost[0]!.length : 0;
    expect(res.unmatchedRows.length + res.matches.length).toBe(rows);
    expect(res.unmatchedCols.length + res.matches.length).toBe(cols);
  });

  it('rejects a ragged matrix', () => {
    expect(() => linearAssignment([[1, 2], [3]], 5)).toThrow(RangeError);
  });

  // Deterministic pseudo-random matrices, checked against exhaustive search.
  it.each(Array.from({ length: 30 }, (_, k) => ({ seed: k + 1, rows: 1 + (k % 5), cols: 1 + ((k * 7) % 6) })))(
    'optimal on random $rows×$cols (seed $seed)',
    ({ seed, rows, cols }) => {
      let s = seed;
      const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
      const cost = Array.from({ length: rows }, () => Array.from({ length: cols }, () => rnd()));
      const threshold = 0.7;
      const res = linearAssignment(cost, threshold);
      expect(total(cost, res.matches, threshold)).toBeCloseTo(bruteForce(cost, threshold), 12);
      for (const [r, c] of res.matches) expect(cost[r]![c]!).toBeLessThan(threshold);
    },
  );

  it('a reused solver gives the same answers as a fresh one (no stale scratch state)', () => {
    const solver = new LinearAssignment();
    const big = Float64Array.from({ length: 36 }, (_, k) => ((k * 37) % 11) / 11);
    const small = Float64Array.from([0.2, 0.9, 0.9, 0.1]);
    const r2c = new Int32Array(6);
    const c2r = new Int32Array(6);
    solver.solve(big, 6, 6, 0.5, r2c, c2r);
    solver.solve(small, 2, 2, 0.5, r2c, c2r);
    expect(Array.from(r2c.subarray(0, 2))).toEqual([0, 1]);
    expect(Array.from(c2r.subarray(0, 2))).toEqual([0, 1]);
  });
});

describe('IoU cost', () => {
  it.each([
    { name: 'identical', a: [0, 0, 10, 10], b: [0, 0, 10, 10], iou: 1 },
    { name: 'half overlap', a: [0, 0, 10, 10], b: [5, 0, 15, 10], iou: 50 / 150 },
    { name: 'disjoint', a: [0, 0, 10, 10], b: [20, 0, 30, 10], iou: 0 },
    { name: 'touching edges', a: [0, 0, 10, 10], b: [10, 0, 20, 10], iou: 0 },
    { name: 'contained', a: [0, 0, 10, 10], b: [2, 2, 4, 4], iou: 4 / 100 },
    { name: 'zero-area box', a: [5, 5, 5, 5], b: [0, 0, 10, 10], iou: 0 },
  ])('$name', ({ a, b, iou }) => {
    expect(boxIou(a[0]!, a[1]!, a[2]!, a[3]!, b[0]!, b[1]!, b[2]!, b[3]!)).toBeCloseTo(iou, 12);
  });

  it('fills 1 − IoU, optionally fused with detection scores', () => {
    const rows = Float64Array.from([0, 0, 10, 10, 100, 100, 110, 110]);
    const dets = Float32Array.from([100, 100, 110, 110, 0, 0, 10, 10, 5, 0, 15, 10]);
    const scores = Float32Array.from([0.5, 1, 0.9]);
    const out = new Float64Array(6);
    fillIouCost(out, rows, 2, dets, [0, 2], 2, null);
    expect(Array.from(out.subarray(0, 4)).map((v) => +v.toFixed(6))).toEqual([1, +(1 - 50 / 150).toFixed(6), 0, 1]);
    fillIouCost(out, rows, 2, dets, [0, 2], 2, scores);
    expect(out[1]).toBeCloseTo(1 - (50 / 150) * 0.9, 6);
    expect(out[2]).toBeCloseTo(0.5, 6);
  });
});

describe('fillIouCost height gate', () => {
  it.each([
    ['same height', [0, 0, 50, 100], [5, 0, 55, 100], false],
    ['1.5x taller (still a person walking closer)', [0, 0, 50, 100], [0, 0, 50, 150], false],
    ['merged box twice as tall', [0, 100, 25, 200], [0, 0, 25, 212], true],
    ['split box half as tall', [0, 0, 50, 200], [0, 0, 50, 90], true],
  ] as const)('%s', (_label, track, det, infeasible) => {
    const out = new Float64Array(1);
    fillIouCost(out, track, 1, det, [0], 1, null);
    if (infeasible) expect(out[0]).toBe(1);
    else expect(out[0]).toBeLessThan(1);
  });
});
