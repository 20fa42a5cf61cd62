/** Why a counting line may never count anyone, in plain words of the language shown (pure otherwise: unit-tested). */
import { t } from '../i18n';

export interface LineGeometry {
  name: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Shorter than this (source pixels), nobody's feet get past it with the counter's hysteresis. */
const MIN_LENGTH = 10;
/** Within this of an edge, a line lies along the frame border. */
const EDGE = 4;

/** "768×576"; null for a picture whose size is not known yet (Infinity: only the top and left edges are certain). */
function sizeText(width: number, height: number): string | null {
  return Number.isFinite(width) && Number.isFinite(height) ? `${width}×${height}` : null;
}

export function lineWarnings(lines: readonly LineGeometry[], width: number, height: number): string[] {
  const m = t().cameras.warnings;
  if (lines.length === 0) return [m.noLine];
  const out: string[] = [];
  for (const l of lines) {
    const label = l.name || m.aLine;
    if (Math.hypot(l.x2 - l.x1, l.y2 - l.y1) < MIN_LENGTH) {
      out.push(m.tooShort(label));
      continue;
    }
    const inside = (x: number, y: number): boolean => x >= 0 && y >= 0 && x <= width && y <= height;
    if (!inside(l.x1, l.y1) || !inside(l.x2, l.y2)) out.push(m.outside(label, sizeText(width, height)));
    const along = (a: number, b: number, edge: number): boolean => Math.abs(a - edge) <= EDGE && Math.abs(b - edge) <= EDGE;
    if (along(l.x1, l.x2, 0) || along(l.x1, l.x2, width) || along(l.y1, l.y2, 0) || along(l.y1, l.y2, height)) {
      out.push(m.alongEdge(label));
    }
  }
  return out;
}

export interface ZoneGeometry {
  name: string;
  polygon: ReadonlyArray<readonly [number, number]>;
}

/** Twice the signed area of a polygon (shoelace). */
function doubleArea(points: ZoneGeometry['polygon']): number {
  let sum = 0;
  points.forEach(([x1, y1], i) => {
    const [x2, y2] = points[(i + 1) % points.length]!;
    sum += x1 * y2 - x2 * y1;
  });
  return sum;
}

/** Zones that count nobody inside: too few corners, no area, or (partly) off the picture. */
export function zoneWarnings(zones: readonly ZoneGeometry[], width: number, height: number): string[] {
  const m = t().cameras.warnings;
  const out: string[] = [];
  for (const z of zones) {
    const label = z.name || m.aZone;
    if (z.polygon.length < 3) {
      out.push(m.needsCorners(label));
      continue;
    }
    // Smaller than a 10 × 10 px square: nobody's feet fit in it.
    if (Math.abs(doubleArea(z.polygon)) / 2 < MIN_LENGTH * MIN_LENGTH) out.push(m.tooSmall(label));
    if (z.polygon.some(([x, y]) => x < 0 || y < 0 || x > width || y > height)) out.push(m.outside(label, sizeText(width, height)));
  }
  return out;
}

/**
 * Everything the drawing says about a camera's geometry. A camera with zones but no line still
 * counts who is inside, so its "no line" warning says that instead.
 */
export function geometryWarnings(lines: readonly LineGeometry[], zones: readonly ZoneGeometry[], width: number, height: number): string[] {
  if (lines.length === 0 && zones.length > 0) {
    return [t().cameras.warnings.noLineWithZones, ...zoneWarnings(zones, width, height)];
  }
  return [...lineWarnings(lines, width, height), ...zoneWarnings(zones, width, height)];
}
