import { describe, expect, it } from 'vitest';
import { GeometryError } from './errors';
import {
  cross,
  isSelfIntersecting,
  orientation,
  pointInPolygon,
  polygonArea,
  polygonSignedArea,
  segmentsIntersect,
  validatePolygon,
  type Point,
} from './geometry';

describe('cross / orientation', () => {
  it.each([
    // line 100,0 → 100,480 (docs/ARCHITECTURE.md): x < 100 is the positive side, x > 100 negative
    { a: [100, 0], b: [100, 480], c: [50, 240], sign: 1 },
    { a: [100, 0], b: [100, 480], c: [150, 240], sign: -1 },
    { a: [100, 0], b: [100, 480], c: [100, 999], sign: 0 },
    { a: [0, 0], b: [10, 0], c: [5, 5], sign: 1 },
    { a: [0, 0], b: [10, 0], c: [5, -5], sign: -1 },
    { a: [0, 0], b: [0, 0], c: [5, 5], sign: 0 }, // degenerate: zero-length base
  ])('orientation($a→$b, $c) = $sign', ({ a, b, c, sign }) => {
    expect(orientation(a[0]!, a[1]!, b[0]!, b[1]!, c[0]!, c[1]!)).toBe(sign);
    expect(Math.sign(cross(b[0]! - a[0]!, b[1]! - a[1]!, c[0]! - a[0]!, c[1]! - a[1]!))).toBe(sign);
  });
});

describe('segmentsIntersect', () => {
  it.each([
    { name: 'proper X crossing', p: [0, 0, 10, 10], q: [0, 10, 10, 0], hit: true },
    { name: 'parallel, apart', p: [0, 0, 10, 0], q: [0, 1, 10, 1], hit: false },
    { name: 'T: endpoint on the other segment', p: [0, 0, 10, 0], q: [5, 0, 5, 10], hit: true },
    { name: 'touching endpoints', p: [0, 0, 5, 5], q: [5, 5, 10, 0], hit: true },
    { name: 'collinear overlapping', p: [0, 0, 10, 0], q: [5, 0, 15, 0], hit: true },
    { name: 'collinear touching at one point', p: [0, 0, 5, 0], q: [5, 0, 9, 0], hit: true },
    { name: 'collinear disjoint', p: [0, 0, 4, 0], q: [5, 0, 9, 0], hit: false },
    { name: 'would cross beyond the end', p: [0, 0, 10, 0], q: [11, -5, 11, 5], hit: false },
    { name: 'degenerate point on segment', p: [3, 0, 3, 0], q: [0, 0, 10, 0], hit: true },
    { name: 'degenerate point off segment', p: [3, 1, 3, 1], q: [0, 0, 10, 0], hit: false },
    { name: 'near miss by one pixel', p: [0, 0, 10, 10], q: [6, 4, 12, -2], hit: false },
  ])('$name → $hit', ({ p, q, hit }) => {
    const [a, b, c, d] = p as [number, number, number, number];
    const [e, f, g, h] = q as [number, number, number, number];
    expect(segmentsIntersect(a, b, c, d, e, f, g, h)).toBe(hit);
    expect(segmentsIntersect(e, f, g, h, a, b, c, d)).toBe(hit); // symmetric
    expect(segmentsIntersect(c, d, a, b, g, h, e, f)).toBe(hit); // endpoint order irrelevant
  });
});

const square: Point[] = [[0, 0], [10, 0], [10, 10], [0, 10]];
const concave: Point[] = [[0, 0], [10, 0], [10, 10], [5, 4], [0, 10]]; // a notch from the top

describe('polygonArea', () => {
  it.each([
    { name: 'unit square ×10', pts: square, area: 100, signed: 100 },
    { name: 'reversed square', pts: [...square].reverse(), area: 100, signed: -100 },
    { name: 'triangle', pts: [[0, 0], [4, 0], [0, 3]] as Point[], area: 6, signed: 6 },
    { name: 'collinear (degenerate)', pts: [[0, 0], [5, 5], [10, 10]] as Point[], area: 0, signed: 0 },
    { name: 'concave', pts: concave, area: 70, signed: 70 },
  ])('$name', ({ pts, area, signed }) => {
    expect(polygonArea(pts)).toBeCloseTo(area, 10);
    expect(polygonSignedArea(pts)).toBeCloseTo(signed, 10);
  });
});

describe('pointInPolygon', () => {
  it.each([
    { name: 'centre', pts: square, p: [5, 5], inside: true },
    { name: 'outside right', pts: square, p: [11, 5], inside: false },
    { name: 'on an edge', pts: square, p: [10, 5], inside: true },
    { name: 'on a vertex', pts: square, p: [0, 0], inside: true },
    { name: 'ray through a vertex, outside', pts: square, p: [-1, 10], inside: false },
    { name: 'in the notch of a concave polygon', pts: concave, p: [5, 8], inside: false },
    { name: 'beside the notch', pts: concave, p: [1, 8], inside: true },
    { name: 'just inside the notch', pts: concave, p: [2, 8], inside: false },
    { name: 'below the notch tip', pts: concave, p: [5, 3], inside: true },
  ])('$name → $inside', ({ pts, p, inside }) => {
    expect(pointInPolygon(p[0]!, p[1]!, pts)).toBe(inside);
  });
});

describe('isSelfIntersecting / validatePolygon', () => {
  it.each([
    { name: 'square', pts: square, self: false },
    { name: 'concave', pts: concave, self: false },
    { name: 'bow tie', pts: [[0, 0], [10, 10], [10, 0], [0, 10]] as Point[], self: true },
    { name: 'spike folding back on itself', pts: [[0, 0], [10, 0], [5, 0], [5, 5]] as Point[], self: true },
    { name: 'vertex touching a far edge', pts: [[0, 0], [10, 0], [10, 10], [5, 0], [0, 10]] as Point[], self: true },
    { name: 'triangle', pts: [[0, 0], [4, 0], [0, 3]] as Point[], self: false },
  ])('$name self-intersecting: $self', ({ pts, self }) => {
    expect(isSelfIntersecting(pts)).toBe(self);
  });

  it.each([
    { name: 'two points', pts: [[0, 0], [1, 1]], code: 'DEGENERATE_POLYGON' },
    { name: 'empty', pts: [], code: 'DEGENERATE_POLYGON' },
    { name: 'collinear', pts: [[0, 0], [5, 5], [10, 10]], code: 'DEGENERATE_POLYGON' },
    { name: 'repeated vertex', pts: [[0, 0], [10, 0], [10, 0], [0, 10]], code: 'DEGENERATE_POLYGON' },
    { name: 'bow tie', pts: [[0, 0], [10, 10], [10, 0], [0, 10]], code: 'SELF_INTERSECTING_POLYGON' },
    { name: 'lopsided bow tie', pts: [[0, 0], [20, 20], [20, 0], [0, 5]], code: 'SELF_INTERSECTING_POLYGON' },
    { name: 'tiny sliver', pts: [[0, 0], [100, 0], [50, 0.0001]], code: 'DEGENERATE_POLYGON' },
    { name: 'NaN coordinate', pts: [[0, 0], [10, Number.NaN], [0, 10]], code: 'INVALID_COORDINATE' },
    { name: 'infinite coordinate', pts: [[0, 0], [Infinity, 0], [0, 10]], code: 'INVALID_COORDINATE' },
    { name: 'point with 3 numbers', pts: [[0, 0, 0], [10, 0], [0, 10]], code: 'INVALID_COORDINATE' },
  ])('rejects $name with $code', ({ pts, code }) => {
    let err: unknown;
    try {
      validatePolygon(pts as unknown as Point[]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GeometryError);
    expect((err as GeometryError).code).toBe(code);
  });

  it.each([{ pts: square }, { pts: concave }])('accepts a valid polygon', ({ pts }) => {
    expect(() => validatePolygon(pts)).not.toThrow();
  });
});
