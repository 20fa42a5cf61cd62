// Pure helpers (no Node API): matching boxes between two detectors or a detector and ground truth.

import { boxIou, type XyxyBox } from '../vision/box';

/** A corner box x1, y1, x2, y2. */
export type Box = XyxyBox;

/**
 * Greedy one-to-one matching by descending IoU (the rule of the MOT and COCO evaluation tools for
 * a single class): returns the number of pairs with IoU >= threshold.
 */
export function matchBoxes(a: readonly Box[], b: readonly Box[], threshold = 0.5): number {
  const pairs: Array<[number, number, number]> = [];
  a.forEach((x, i) =>
    b.forEach((y, j) => {
      const v = boxIou(x[0], x[1], x[2], x[3], y[0], y[1], y[2], y[3]);
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
