/**
 * The one box geometry of src/: intersection over union (and its distance-aware form, DIoU), and
 * the one converter between corner boxes (x1, y1, x2, y2) and top-left/size boxes (x, y, w, h).
 * Every stage (NMS, tracker costs, duplicate removal, registry box matching, stored rows) calls
 * these, so "how much do two boxes overlap" has one answer everywhere. Pure code, plain numbers in
 * and out: the hot paths (NMS over thousands of candidates, 100×100 tracker costs) allocate nothing.
 */

/** A corner box x1, y1, x2, y2 (x right, y down). */
export type XyxyBox = readonly [number, number, number, number];
/** A top-left corner and a size: x, y, width, height (what the seed's bbox columns and MOT files hold). */
export type XywhBox = readonly [number, number, number, number];

/**
 * IoU of two corner boxes; 0 when they do not overlap or either has no area (an inverted or
 * zero-size box neither overlaps nor is overlapped), and for NaN coordinates (`>` is false for NaN).
 */
export function boxIou(
  ax1: number, ay1: number, ax2: number, ay2: number,
  bx1: number, by1: number, bx2: number, by2: number,
): number {
  const iw = (ax2 < bx2 ? ax2 : bx2) - (ax1 > bx1 ? ax1 : bx1);
  if (!(iw > 0)) return 0;
  const ih = (ay2 < by2 ? ay2 : by2) - (ay1 > by1 ? ay1 : by1);
  if (!(ih > 0)) return 0;
  // iw > 0 and ih > 0 already imply both boxes have positive width and height; `union > 0` is
  // false for a NaN or infinite coordinate that slipped past the overlap tests.
  const inter = iw * ih;
  const union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
  return union > 0 && union < Infinity ? inter / union : 0;
}

/** IoU of two boxes stored as quads in flat arrays (detector and tracker buffers), at box indices i and j. */
export function boxIouAt(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number): number {
  const p = i * 4;
  const q = j * 4;
  return boxIou(a[p]!, a[p + 1]!, a[p + 2]!, a[p + 3]!, b[q]!, b[q + 1]!, b[q + 2]!, b[q + 3]!);
}

/**
 * Distance-IoU (Zheng et al. 2020): IoU − d²/c², where d is the distance between the two centres
 * and c the diagonal of the smallest box enclosing both. In −1..1. Two people standing close have
 * a large IoU but clearly separate centres, so DIoU-NMS keeps both where plain IoU would merge
 * them; a duplicate box on one person has nearly the same centre and is still suppressed.
 * 0 for boxes without area (as boxIou).
 */
export function boxDiou(
  ax1: number, ay1: number, ax2: number, ay2: number,
  bx1: number, by1: number, bx2: number, by2: number,
): number {
  if (!(ax2 - ax1 > 0 && ay2 - ay1 > 0 && bx2 - bx1 > 0 && by2 - by1 > 0)) return 0;
  const iou = boxIou(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
  const dx = (ax1 + ax2 - bx1 - bx2) / 2;
  const dy = (ay1 + ay2 - by1 - by2) / 2;
  const cw = (ax2 > bx2 ? ax2 : bx2) - (ax1 < bx1 ? ax1 : bx1);
  const ch = (ay2 > by2 ? ay2 : by2) - (ay1 < by1 ? ay1 : by1);
  return iou - (dx * dx + dy * dy) / (cw * cw + ch * ch);
}

/** Corner box → top-left/size box, from a flat quad array at box index `index` (default the first). */
export function xyxyToXywh(xyxy: ArrayLike<number>, index = 0): [number, number, number, number] {
  const o = index * 4;
  const x1 = xyxy[o]!;
  const y1 = xyxy[o + 1]!;
  return [x1, y1, xyxy[o + 2]! - x1, xyxy[o + 3]! - y1];
}

/** Top-left/size box → corner box, from a flat quad array at box index `index` (default the first). */
export function xywhToXyxy(xywh: ArrayLike<number>, index = 0): [number, number, number, number] {
  const o = index * 4;
  const x = xywh[o]!;
  const y = xywh[o + 1]!;
  return [x, y, x + xywh[o + 2]!, y + xywh[o + 3]!];
}
