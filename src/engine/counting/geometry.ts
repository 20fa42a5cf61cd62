import { GeometryError } from './errors';

/**
 * Plane geometry for the counters, in image pixels (x right, y down). Exact sign tests, no
 * epsilon: inputs are pixel coordinates, and a counter must give the same answer every run.
 * The hot-path functions take plain numbers so a frame with 100 people allocates nothing.
 */
export type Point = readonly [number, number];

/** z of the 2-D cross product (ax, ay) × (bx, by). */
export function cross(ax: number, ay: number, bx: number, by: number): number {
  return ax * by - ay * bx;
}

/** Sign of cross(b − a, c − a): 1 if c is on the positive side of a→b, -1 negative, 0 collinear. */
export function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): -1 | 0 | 1 {
  const v = cross(bx - ax, by - ay, cx - ax, cy - ay);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/** For c collinear with a→b: whether c lies within the segment's bounding box (i.e. on it). */
function onCollinearSegment(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return cx >= Math.min(ax, bx) && cx <= Math.max(ax, bx) && cy >= Math.min(ay, by) && cy <= Math.max(ay, by);
}

/**
 * Whether segments p1–p2 and q1–q2 share at least one point, touching endpoints and collinear
 * overlaps included (the classic orientation test).
 */
export function segmentsIntersect(
  p1x: number, p1y: number, p2x: number, p2y: number,
  q1x: number, q1y: number, q2x: number, q2y: number,
): boolean {
  const o1 = orientation(p1x, p1y, p2x, p2y, q1x, q1y);
  const o2 = orientation(p1x, p1y, p2x, p2y, q2x, q2y);
  const o3 = orientation(q1x, q1y, q2x, q2y, p1x, p1y);
  const o4 = orientation(q1x, q1y, q2x, q2y, p2x, p2y);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onCollinearSegment(p1x, p1y, p2x, p2y, q1x, q1y)) return true;
  if (o2 === 0 && onCollinearSegment(p1x, p1y, p2x, p2y, q2x, q2y)) return true;
  if (o3 === 0 && onCollinearSegment(q1x, q1y, q2x, q2y, p1x, p1y)) return true;
  if (o4 === 0 && onCollinearSegment(q1x, q1y, q2x, q2y, p2x, p2y)) return true;
  return false;
}

/** Shoelace area, positive when the vertices run counter-clockwise in a y-up frame. */
export function polygonSignedArea(points: ReadonlyArray<Point>): number {
  let s = 0;
  for (let i = 0, n = points.length; i < n; i++) {
    const [ax, ay] = points[i]!;
    const [bx, by] = points[(i + 1) % n]!;
    s += ax * by - bx * ay;
  }
  return s / 2;
}

export function polygonArea(points: ReadonlyArray<Point>): number {
  return Math.abs(polygonSignedArea(points));
}

/** Point in polygon by crossing number; points on an edge or vertex count as inside. */
export function pointInPolygon(x: number, y: number, points: ReadonlyArray<Point>): boolean {
  let inside = false;
  for (let i = 0, n = points.length, j = n - 1; i < n; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (orientation(xj, yj, xi, yi, x, y) === 0 && onCollinearSegment(xj, yj, xi, yi, x, y)) return true;
    // Half-open rule on y so a ray through a vertex is counted once.
    if (yi > y !== yj > y) {
      const xCross = xj + ((y - yj) * (xi - xj)) / (yi - yj);
      if (x < xCross) inside = !inside;
    }
  }
  return inside;
}

/**
 * Whether any two edges of the closed polygon meet anywhere other than the vertex adjacent edges
 * share. Adjacent edges that fold back onto each other (a spike) count as intersecting. O(n²),
 * fine for hand-drawn zones.
 */
export function isSelfIntersecting(points: ReadonlyArray<Point>): boolean {
  const n = points.length;
  if (n < 3) return false;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = points[i]!;
    const [bx, by] = points[(i + 1) % n]!;
    for (let j = i + 1; j < n; j++) {
      const [cx, cy] = points[j]!;
      const [dx, dy] = points[(j + 1) % n]!;
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (!adjacent) {
        if (segmentsIntersect(ax, ay, bx, by, cx, cy, dx, dy)) return true;
        continue;
      }
      // Adjacent: they share one vertex; they overlap only if collinear and pointing back.
      const [sx, sy, e1x, e1y, e2x, e2y] = j === i + 1 ? [bx, by, ax, ay, dx, dy] : [ax, ay, bx, by, cx, cy];
      const collinear = cross(e1x - sx, e1y - sy, e2x - sx, e2y - sy) === 0;
      const dot = (e1x - sx) * (e2x - sx) + (e1y - sy) * (e2y - sy);
      if (collinear && dot > 0) return true;
    }
  }
  return false;
}

export function assertFiniteCoordinates(values: ReadonlyArray<number>, what: string): void {
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new GeometryError('INVALID_COORDINATE', `${what}: coordinate ${i} is ${String(v)}, expected a finite number`);
    }
  });
}

/** Throws GeometryError unless the points form a simple polygon with a non-zero area. */
export function validatePolygon(points: ReadonlyArray<Point>): void {
  if (!Array.isArray(points) || points.length < 3) {
    throw new GeometryError('DEGENERATE_POLYGON', `polygon needs at least 3 points, got ${Array.isArray(points) ? points.length : 0}`);
  }
  points.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== 2) throw new GeometryError('INVALID_COORDINATE', `polygon point ${i} is not [x, y]`);
    assertFiniteCoordinates(p, `polygon point ${i}`);
  });
  for (let i = 0; i < points.length; i++) {
    const [ax, ay] = points[i]!;
    const [bx, by] = points[(i + 1) % points.length]!;
    if (ax === bx && ay === by) throw new GeometryError('DEGENERATE_POLYGON', `polygon points ${i} and ${(i + 1) % points.length} coincide`);
  }
  const [ox, oy] = points[0]!;
  const [px, py] = points[1]!;
  if (points.every(([x, y]) => cross(px - ox, py - oy, x - ox, y - oy) === 0)) {
    throw new GeometryError('DEGENERATE_POLYGON', 'polygon points are all on one line');
  }
  // Crossing is checked before area: a symmetric bow tie has a signed area of exactly zero.
  if (isSelfIntersecting(points)) throw new GeometryError('SELF_INTERSECTING_POLYGON', 'polygon edges cross each other');
  // Below a hundredth of a square pixel nothing can be inside it.
  if (!(polygonArea(points) >= 1e-2)) throw new GeometryError('DEGENERATE_POLYGON', 'polygon has (almost) zero area');
}
