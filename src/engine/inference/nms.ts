/**
 * Greedy non-maximum suppression over typed arrays (boxes as x1,y1,x2,y2 quads). Written out
 * rather than taken from a package: it is 40 lines, runs on every frame, and must work on the
 * detector's scratch buffers without copying them into objects.
 */

export interface NmsOptions {
  /** With class ids, only boxes of the same class suppress each other (class-aware NMS). */
  classIds?: Int32Array;
  /** Stop after keeping this many boxes. */
  maxKeep?: number;
  /** Consider only the best this many candidates (Ultralytics' max_nms) so a flood stays bounded. */
  maxCandidates?: number;
}

/**
 * Intersection over union of boxes i and j. Boxes with no area (x2 <= x1 or y2 <= y1) have
 * IoU 0 with everything, so a degenerate box neither suppresses nor is suppressed.
 */
export function iou(boxes: Float32Array, i: number, j: number): number {
  const a = i * 4;
  const b = j * 4;
  const areaA = Math.max(0, boxes[a + 2]! - boxes[a]!) * Math.max(0, boxes[a + 3]! - boxes[a + 1]!);
  const areaB = Math.max(0, boxes[b + 2]! - boxes[b]!) * Math.max(0, boxes[b + 3]! - boxes[b + 1]!);
  const iw = Math.min(boxes[a + 2]!, boxes[b + 2]!) - Math.max(boxes[a]!, boxes[b]!);
  const ih = Math.min(boxes[a + 3]!, boxes[b + 3]!) - Math.max(boxes[a + 1]!, boxes[b + 1]!);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const union = areaA + areaB - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * Returns the indices (into the first `count` boxes) that survive, best score first. A box is
 * dropped when its IoU with a better kept box of the same class exceeds `iouThreshold`
 * (torchvision semantics). Equal scores keep input order; non-finite scores are ignored.
 */
export function nms(
  boxes: Float32Array,
  scores: Float32Array,
  count: number,
  iouThreshold: number,
  opts: NmsOptions = {},
): Int32Array {
  let n = 0;
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) if (Number.isFinite(scores[i]!)) order[n++] = i;
  const sorted = order.subarray(0, n).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const considered = Math.min(n, opts.maxCandidates ?? n);
  const maxKeep = opts.maxKeep ?? considered;
  const classIds = opts.classIds;

  const keep = new Int32Array(Math.min(considered, maxKeep));
  let kept = 0;
  const suppressed = new Uint8Array(considered);
  for (let s = 0; s < considered && kept < maxKeep; s++) {
    if (suppressed[s]) continue;
    const i = sorted[s]!;
    keep[kept++] = i;
    for (let t = s + 1; t < considered; t++) {
      if (suppressed[t]) continue;
      const j = sorted[t]!;
      if (classIds && classIds[i] !== classIds[j]) continue;
      if (iou(boxes, i, j) > iouThreshold) suppressed[t] = 1;
    }
  }
  return keep.slice(0, kept);
}
