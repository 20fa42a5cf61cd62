/**
 * Counting lines and zones as they are drawn on a camera's picture, in the camera's own pixels
 * (the space lines are stored and counted in, docs/ARCHITECTURE.md "Line direction"). Pure: the
 * editor component only turns pointer and key events into calls of these.
 */
export type Pt = readonly [number, number];

export interface DrawLine {
  /** Stable while the editor is open: a stored id, a form row index, or a new line's key. */
  key: string;
  name: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface DrawZone {
  key: string;
  name: string;
  points: readonly Pt[];
}

export interface Drawing {
  lines: readonly DrawLine[];
  zones: readonly DrawZone[];
}

/** A draggable point: a line's start (0) or end (1), or a zone's corner `index`. */
export type Handle = { kind: 'line'; key: string; end: 0 | 1 } | { kind: 'zone'; key: string; index: number };

export const sameHandle = (a: Handle | null, b: Handle | null): boolean =>
  a !== null && b !== null && a.kind === b.kind && a.key === b.key && (a.kind === 'line' ? a.end === (b as typeof a).end : a.index === (b as typeof a).index);

export function handlePoint(d: Drawing, h: Handle): Pt | null {
  if (h.kind === 'line') {
    const l = d.lines.find((x) => x.key === h.key);
    return l ? (h.end === 0 ? [l.x1, l.y1] : [l.x2, l.y2]) : null;
  }
  return d.zones.find((z) => z.key === h.key)?.points[h.index] ?? null;
}

/** Every handle, lines first (drawn on top, so picked first when a corner lies under an end point). */
export function allHandles(d: Drawing): Handle[] {
  return [
    ...d.lines.flatMap((l) => [0, 1].map((end) => ({ kind: 'line' as const, key: l.key, end: end as 0 | 1 }))),
    ...d.zones.flatMap((z) => z.points.map((_, index) => ({ kind: 'zone' as const, key: z.key, index }))),
  ];
}

/** The handle nearest to (x, y) within `reach` (source pixels), if any. */
export function nearestHandle(d: Drawing, x: number, y: number, reach: number): Handle | null {
  let best: { h: Handle; dist: number } | null = null;
  for (const h of allHandles(d)) {
    const p = handlePoint(d, h);
    if (!p) continue;
    const dist = Math.hypot(p[0] - x, p[1] - y);
    if (dist <= reach && (!best || dist < best.dist)) best = { h, dist };
  }
  return best?.h ?? null;
}

/** Keeps a dragged point on the picture. */
export function clampToPicture(x: number, y: number, width: number, height: number): Pt {
  return [Math.round(Math.min(width, Math.max(0, x))), Math.round(Math.min(height, Math.max(0, y)))];
}

export function moveHandle(d: Drawing, h: Handle, p: Pt): Drawing {
  if (h.kind === 'line') {
    return { ...d, lines: d.lines.map((l) => (l.key !== h.key ? l : h.end === 0 ? { ...l, x1: p[0], y1: p[1] } : { ...l, x2: p[0], y2: p[1] })) };
  }
  return { ...d, zones: d.zones.map((z) => (z.key !== h.key ? z : { ...z, points: z.points.map((q, i) => (i === h.index ? p : q)) })) };
}

/** Swaps the end points: the same line, the other side counted as in. */
export function flipLine(d: Drawing, key: string): Drawing {
  return { ...d, lines: d.lines.map((l) => (l.key === key ? { ...l, x1: l.x2, y1: l.y2, x2: l.x1, y2: l.y1 } : l)) };
}

/** A new corner halfway along the edge that leaves corner `after`. */
export function insertCorner(d: Drawing, key: string, after: number): Drawing {
  return {
    ...d,
    zones: d.zones.map((z) => {
      if (z.key !== key || z.points.length === 0) return z;
      const a = z.points[after % z.points.length]!;
      const b = z.points[(after + 1) % z.points.length]!;
      const mid: Pt = [Math.round((a[0] + b[0]) / 2), Math.round((a[1] + b[1]) / 2)];
      return { ...z, points: [...z.points.slice(0, after + 1), mid, ...z.points.slice(after + 1)] };
    }),
  };
}

/** The edge to split when no corner is chosen: the longest, so the new corner is easy to grab. */
export function longestEdge(points: readonly Pt[]): number {
  let best = 0;
  let bestLength = -1;
  points.forEach((a, i) => {
    const b = points[(i + 1) % points.length]!;
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (length > bestLength) {
      best = i;
      bestLength = length;
    }
  });
  return best;
}

export function removeCorner(d: Drawing, key: string, index: number): Drawing {
  return { ...d, zones: d.zones.map((z) => (z.key === key ? { ...z, points: z.points.filter((_, i) => i !== index) } : z)) };
}

/** "line3" when line1 and line2 exist: the first free name of that stem. */
export function freeName(stem: string, taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n++) {
    const name = `${stem}${n}`;
    if (!taken.includes(name)) return name;
  }
}

/**
 * The IN arrow of a line: from its middle toward the side a person walks to when counted in.
 * "In" is crossing from where cross(d, p − p1) > 0 to where it is < 0, i.e. toward (dy, −dx).
 */
export function inArrow(l: Pick<DrawLine, 'x1' | 'y1' | 'x2' | 'y2'>, size: number, labelGap = 0): { from: Pt; to: Pt; head: readonly Pt[]; label: Pt } {
  const dx = l.x2 - l.x1;
  const dy = l.y2 - l.y1;
  const len = Math.hypot(dx, dy) || 1;
  const mx = (l.x1 + l.x2) / 2;
  const my = (l.y1 + l.y2) / 2;
  const ux = dy / len;
  const uy = -dx / len;
  const to: Pt = [mx + ux * size, my + uy * size];
  // A small arrow head: two points back from the tip, either side of the shaft.
  const back = size * 0.35;
  const side = size * 0.22;
  const head: Pt[] = [to, [to[0] - ux * back + (dx / len) * side, to[1] - uy * back + (dy / len) * side], [to[0] - ux * back - (dx / len) * side, to[1] - uy * back - (dy / len) * side]];
  return { from: [mx, my], to, head, label: [to[0] + ux * labelGap, to[1] + uy * labelGap] };
}

/** Whether (x, y) lies inside the polygon (even-odd rule). */
export function insidePolygon(points: readonly Pt[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance from (x, y) to the segment of a line. */
export function distanceToLine(l: Pick<DrawLine, 'x1' | 'y1' | 'x2' | 'y2'>, x: number, y: number): number {
  const dx = l.x2 - l.x1;
  const dy = l.y2 - l.y1;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - l.x1) * dx + (y - l.y1) * dy) / len2));
  return Math.hypot(l.x1 + t * dx - x, l.y1 + t * dy - y);
}
