// Pure helpers (no Node API): matching boxes between two detectors or a detector and ground truth.

export type Box = readonly [number, number, number, number];

export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * Greedy one-to-one matching by descending IoU (the rule of the MOT and COCO evaluation tools for
 * a single class): returns the number of pairs with IoU >= threshold.
 */
export function matchBoxes(a: readonly Box[], b: readonly Box[], threshold = 0.5): number {
  const pairs: Array<[number, number, number]> = [];
  a.forEach((x, i) =>
    b.forEach((y, j) => {
      const v = iou(x, y);
      if (v >= threshold) pairs.push([v, i, j]);
    }),
  );
  pairs.sort((p, q) => q[0] - p[0]);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let matched = 0;
  for (const [, i, j] of pairs) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    matched++;
  }
  return matched;
}
