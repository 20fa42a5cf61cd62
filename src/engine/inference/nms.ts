/**
 * Non-maximum suppression over typed arrays (boxes as x1,y1,x2,y2 quads). Written out rather than
 * taken from a package: it runs on every frame and must work on the detector's scratch buffers
 * without copying them into objects. Overlap is measured with the one IoU of src/engine/vision/box.
 *
 * Three methods, for people standing close (see DEFAULT_DECODE in decode.ts for the tuned choice):
 *  - 'hard': greedy torchvision NMS, a box over `iouThreshold` with a better kept box is dropped;
 *  - 'diou': the same, but with DIoU (IoU minus the normalised centre distance) as the overlap, so
 *    two people side by side, whose boxes overlap but whose centres are apart, both survive while
 *    duplicate boxes on one person (same centre) are still removed (Zheng et al. 2020);
 *  - 'soft': Gaussian soft-NMS (Bodla et al. 2017): a box overlapping a better kept one has its
 *    score multiplied by exp(−IoU²/σ) and is dropped only once that falls below `softMinScore`; a
 *    box over `iouThreshold` is still dropped outright (YOLO gives dozens of near-identical boxes
 *    per person, which decayed scores alone would keep as duplicates). A half-hidden person behind
 *    another keeps a low score, which ByteTrack's second association then uses.
 */
import { boxDiou, boxIou } from '../vision/box';

export type NmsMethod = 'hard' | 'diou' | 'soft';

export interface NmsOptions {
  /** With class ids, only boxes of the same class suppress each other (class-aware NMS). */
  classIds?: Int32Array;
  /** Stop after keeping this many boxes. */
  maxKeep?: number;
  /** Consider only the best this many candidates (Ultralytics' max_nms) so a flood stays bounded. */
  maxCandidates?: number;
  /** Default 'hard'. */
  method?: NmsMethod;
  /** Soft-NMS Gaussian σ (IoU² units). Default 0.5, the paper's value. */
  softSigma?: number;
  /** Soft-NMS: a box whose decayed score falls below this is dropped. Default 0.1. */
  softMinScore?: number;
  /**
   * Soft-NMS writes each kept box's decayed score here (indexed like `scores`); the caller
   * reports those. Without it the scores are left as they are.
   */
  outScores?: Float32Array;
}

/**
 * Returns the indices (into the first `count` boxes) that survive, best score first. 'hard' and
 * 'diou': a box is dropped when its overlap with a better kept box of the same class exceeds
 * `iouThreshold` (torchvision semantics: equal is kept). Equal scores keep input order; non-finite
 * scores are ignored. Degenerate boxes (no area) have overlap 0 with everything.
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
  if (opts.method === 'soft') return softNms(boxes, scores, sorted, considered, maxKeep, iouThreshold, opts);
  const overlap = opts.method === 'diou' ? boxDiou : boxIou;
  const classIds = opts.classIds;

  const keep = new Int32Array(Math.min(considered, maxKeep));
  let kept = 0;
  const suppressed = new Uint8Array(considered);
  for (let s = 0; s < considered && kept < maxKeep; s++) {
    if (suppressed[s]) continue;
    const i = sorted[s]!;
    keep[kept++] = i;
    const a = i * 4;
    const ax1 = boxes[a]!;
    const ay1 = boxes[a + 1]!;
    const ax2 = boxes[a + 2]!;
    const ay2 = boxes[a + 3]!;
    for (let t = s + 1; t < considered; t++) {
      if (suppressed[t]) continue;
      const j = sorted[t]!;
      if (classIds && classIds[i] !== classIds[j]) continue;
      const b = j * 4;
      if (overlap(ax1, ay1, ax2, ay2, boxes[b]!, boxes[b + 1]!, boxes[b + 2]!, boxes[b + 3]!) > iouThreshold) suppressed[t] = 1;
    }
  }
  return keep.slice(0, kept);
}

function softNms(
  boxes: Float32Array,
  scores: Float32Array,
  sorted: Int32Array,
  considered: number,
  maxKeep: number,
  iouThreshold: number,
  opts: NmsOptions,
): Int32Array {
  const sigma = opts.softSigma ?? 0.5;
  const minScore = opts.softMinScore ?? 0.1;
  const classIds = opts.classIds;
  const idx = sorted.slice(0, considered);
  const s = new Float64Array(considered);
  for (let k = 0; k < considered; k++) s[k] = scores[idx[k]!]!;
  const alive = new Uint8Array(considered).fill(1);
  const keep = new Int32Array(Math.min(considered, maxKeep));
  let kept = 0;
  while (kept < maxKeep) {
    // Best live candidate; ties go to the earlier (higher original score, then lower index) one.
    let best = -1;
    for (let k = 0; k < considered; k++) {
      if (alive[k] && (best < 0 || s[k]! > s[best]!)) best = k;
    }
    if (best < 0) break;
    alive[best] = 0;
    const i = idx[best]!;
    keep[kept++] = i;
    if (opts.outScores) opts.outScores[i] = s[best]!;
    const a = i * 4;
    for (let k = 0; k < considered; k++) {
      if (!alive[k]) continue;
      const j = idx[k]!;
      if (classIds && classIds[i] !== classIds[j]) continue;
      const b = j * 4;
      const v = boxIou(boxes[a]!, boxes[a + 1]!, boxes[a + 2]!, boxes[a + 3]!, boxes[b]!, boxes[b + 1]!, boxes[b + 2]!, boxes[b + 3]!);
      if (v <= 0) continue;
      if (v > iouThreshold) {
        alive[k] = 0;
        continue;
      }
      s[k] = s[k]! * Math.exp(-(v * v) / sigma);
      if (s[k]! < minScore) alive[k] = 0;
    }
  }
  return keep.slice(0, kept);
}
