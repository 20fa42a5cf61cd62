import { describe, expect, it } from 'vitest';
import { boxDiou, boxIou, boxIouAt, xywhToXyxy, xyxyToXywh } from './box';

type Quad = [number, number, number, number];

describe('boxIou (the one IoU of src/)', () => {
  it.each<[string, Quad, Quad, number]>([
    ['identical', [0, 0, 10, 10], [0, 0, 10, 10], 1],
    ['disjoint', [0, 0, 10, 10], [20, 20, 30, 30], 0],
    ['touching edges', [0, 0, 10, 10], [10, 0, 20, 10], 0],
    ['touching corners', [0, 0, 10, 10], [10, 10, 20, 20], 0],
    ['half overlap', [0, 0, 10, 10], [5, 0, 15, 10], 50 / 150],
    ['contained', [0, 0, 10, 10], [2, 2, 7, 7], 25 / 100],
    ['zero-area point inside', [5, 5, 5, 5], [0, 0, 10, 10], 0],
    ['zero-width line inside', [5, 0, 5, 10], [0, 0, 10, 10], 0],
    ['inverted box', [10, 10, 0, 0], [0, 0, 10, 10], 0],
    ['both zero-area at one spot', [1, 1, 1, 1], [1, 1, 1, 1], 0],
    ['NaN coordinate', [Number.NaN, 0, 10, 10], [0, 0, 10, 10], 0],
    ['infinite box', [-Infinity, 0, 10, 10], [0, 0, 10, 10], 0],
    ['sub-pixel boxes', [0, 0, 0.5, 0.5], [0.25, 0, 0.75, 0.5], 1 / 3],
  ])('%s', (_name, a, b, want) => {
    expect(boxIou(...a, ...b)).toBeCloseTo(want, 9);
    expect(boxIou(...b, ...a)).toBeCloseTo(want, 9); // symmetric
  });

  it('reads quads out of flat arrays (detector and tracker buffers)', () => {
    const a = Float32Array.from([0, 0, 10, 10, 5, 0, 15, 10]);
    const b = Float64Array.from([100, 100, 101, 101, 0, 0, 10, 10]);
    expect(boxIouAt(a, 1, b, 1)).toBeCloseTo(50 / 150, 6);
    expect(boxIouAt(a, 0, b, 0)).toBe(0);
  });
});

describe('boxDiou', () => {
  it.each<[string, Quad, Quad, number]>([
    ['identical: no centre distance', [0, 0, 10, 10], [0, 0, 10, 10], 1],
    // centres 5 px apart, enclosing box 15×10: 1/3 − 25/325
    ['half overlap', [0, 0, 10, 10], [5, 0, 15, 10], 50 / 150 - 25 / 325],
    // disjoint boxes go negative: 0 − 20²/(30² + 10²)
    ['disjoint, side by side', [0, 0, 10, 10], [20, 0, 30, 10], -400 / 1000],
    ['degenerate box', [5, 5, 5, 5], [0, 0, 10, 10], 0],
  ])('%s', (_name, a, b, want) => {
    expect(boxDiou(...a, ...b)).toBeCloseTo(want, 9);
    expect(boxDiou(...b, ...a)).toBeCloseTo(want, 9);
  });

  it('separates two people standing close more than plain IoU does, and a duplicate box less', () => {
    // two people 18 px apart in depth (same x): their boxes overlap heavily, their centres do not
    const back: Quad = [100, 200, 140, 300];
    const front: Quad = [104, 218, 146, 320];
    const duplicate: Quad = [101, 201, 141, 301];
    const gapPeople = boxIou(...back, ...front) - boxDiou(...back, ...front);
    const gapDuplicate = boxIou(...back, ...duplicate) - boxDiou(...back, ...duplicate);
    expect(gapPeople).toBeGreaterThan(10 * gapDuplicate);
  });
});

describe('xyxy ↔ xywh (the one box converter of src/)', () => {
  it.each<[string, Quad, Quad]>([
    ['ordinary', [10, 20, 40, 120], [10, 20, 30, 100]],
    ['negative origin', [-5, -5, 5, 5], [-5, -5, 10, 10]],
    ['zero size', [3, 4, 3, 4], [3, 4, 0, 0]],
    ['fractional', [0.5, 0.25, 1.75, 2], [0.5, 0.25, 1.25, 1.75]],
  ])('%s', (_name, xyxy, xywh) => {
    expect(xyxyToXywh(xyxy)).toEqual(xywh);
    expect(xywhToXyxy(xywh)).toEqual(xyxy);
    expect(xywhToXyxy(xyxyToXywh(xyxy))).toEqual(xyxy);
  });

  it('reads the i-th quad of a flat array', () => {
    const flat = Float32Array.from([0, 0, 1, 1, 10, 20, 40, 120]);
    expect(xyxyToXywh(flat, 1)).toEqual([10, 20, 30, 100]);
    expect(xywhToXyxy(Float32Array.from([0, 0, 0, 0, 10, 20, 30, 100]), 1)).toEqual([10, 20, 40, 120]);
  });

  it('an inverted box gives a negative size rather than hiding it', () => {
    expect(xyxyToXywh([10, 10, 0, 0])).toEqual([10, 10, -10, -10]);
  });
});
