import type { Detections } from '../vision/detections';
import { InferenceError } from './errors';
import { formatShape, type OutputLayout } from './layout';
import { nms, type NmsMethod } from './nms';
import type { LetterboxParams } from './preprocess';

export interface DecodeOptions {
  /** Keep a box when its score is at least this (yolov5: objectness × class score). */
  confThreshold: number;
  /** NMS overlap above which the weaker of two same-class boxes is suppressed (see nmsMethod). */
  iouThreshold: number;
  /** How overlapping boxes are suppressed: 'hard' (IoU), 'diou' (distance-IoU) or 'soft' (Gaussian). */
  nmsMethod: NmsMethod;
  /** Class ids to report; null reports every class. */
  classes: readonly number[] | null;
  maxDetections: number;
  /** Candidates passed to NMS at most (best first), so a noisy frame cannot stall the loop. */
  maxCandidates: number;
}

/**
 * iouThreshold 0.45 with hard NMS (Ultralytics' default). For people standing close this was
 * measured on the dense scenes (src/engine/bench, 96 crossings): hard 0.6, DIoU 0.55–0.65 and
 * soft-NMS each recovered a few more half-hidden boxes but counted no better (24–29 missed against
 * 25 at 0.45 with the tracker at ByteTrack's defaults; 5–8 missed and 0–3 false against 3 and 1
 * with the crowd tracker), as the extra boxes of a pair side by side are mostly near-duplicates the
 * tracker then has to sort out. Safe 0.4–0.6; DIoU up to 0.65.
 */
export const DEFAULT_DECODE: DecodeOptions = {
  confThreshold: 0.25,
  iouThreshold: 0.45,
  nmsMethod: 'hard',
  classes: [0],
  maxDetections: 300,
  maxCandidates: 30_000,
};

export function validateDecodeOptions(o: DecodeOptions, numClasses: number): void {
  const bad = (why: string): never => {
    throw new InferenceError('DETECTOR_OPTIONS_INVALID', why);
  };
  if (!(o.confThreshold >= 0 && o.confThreshold <= 1)) bad(`confThreshold must be within 0..1 (got ${o.confThreshold})`);
  if (!(o.iouThreshold >= 0 && o.iouThreshold <= 1)) bad(`iouThreshold must be within 0..1 (got ${o.iouThreshold})`);
  if (o.nmsMethod !== 'hard' && o.nmsMethod !== 'diou' && o.nmsMethod !== 'soft') bad(`nmsMethod must be hard, diou or soft (got ${String(o.nmsMethod)})`);
  if (!Number.isInteger(o.maxDetections) || o.maxDetections < 1) bad(`maxDetections must be a positive integer (got ${o.maxDetections})`);
  if (!Number.isInteger(o.maxCandidates) || o.maxCandidates < 1) bad(`maxCandidates must be a positive integer (got ${o.maxCandidates})`);
  if (o.classes) {
    if (o.classes.length === 0) bad('classes is empty; pass null to report every class');
    for (const c of o.classes) {
      if (!Number.isInteger(c) || c < 0 || c >= numClasses) bad(`class ${c} is outside the model's ${numClasses} classes`);
    }
  }
}

/**
 * Turns one raw YOLO output tensor into source-frame Detections. Scratch buffers live on the
 * instance and grow once, so a camera running all day allocates only the small result arrays.
 * Like Ultralytics (multi_label off) each anchor takes its best class over all classes and is
 * then kept only if that class was asked for: a dog at 0.9 that is also "person" at 0.3 is a dog.
 */
export class YoloDecoder {
  private readonly allowed: Uint8Array;
  private bestScore = new Float32Array(0);
  private bestClass = new Int32Array(0);
  private candBoxes = new Float32Array(0);
  private candScores = new Float32Array(0);
  private candClasses = new Int32Array(0);

  constructor(
    readonly layout: OutputLayout,
    readonly opts: DecodeOptions = DEFAULT_DECODE,
  ) {
    validateDecodeOptions(opts, layout.numClasses);
    this.allowed = new Uint8Array(layout.numClasses).fill(opts.classes ? 0 : 1);
    for (const c of opts.classes ?? []) this.allowed[c] = 1;
  }

  decode(output: Float32Array, dims: ReadonlyArray<number>, lb: LetterboxParams): Detections {
    const anchors = this.anchorCount(output, dims);
    this.ensureCapacity(anchors);
    const count = this.layout.kind === 'yolov8' ? this.candidatesV8(output, anchors) : this.candidatesV5(output, anchors);
    const keep = nms(this.candBoxes, this.candScores, count, this.opts.iouThreshold, {
      classIds: this.candClasses,
      maxKeep: this.opts.maxDetections,
      maxCandidates: this.opts.maxCandidates,
      method: this.opts.nmsMethod,
      // soft-NMS reports decayed scores: written in place, read back by toSource for kept boxes
      outScores: this.opts.nmsMethod === 'soft' ? this.candScores : undefined,
    });
    return this.toSource(keep, lb);
  }

  private anchorCount(output: Float32Array, dims: ReadonlyArray<number>): number {
    const { kind, stride } = this.layout;
    const ok = dims.length === 3 && dims[0] === 1 && (kind === 'yolov8' ? dims[1] === stride : dims[2] === stride);
    const anchors = (kind === 'yolov8' ? dims[2] : dims[1]) ?? 0;
    if (!ok || output.length !== anchors * stride) {
      throw new InferenceError(
        'MODEL_OUTPUT_UNSUPPORTED',
        `Model produced ${formatShape(dims)} (${output.length} values); expected ${kind} with ${stride} values per anchor`,
      );
    }
    return anchors;
  }

  private ensureCapacity(anchors: number): void {
    if (this.bestScore.length >= anchors) return;
    this.bestScore = new Float32Array(anchors);
    this.bestClass = new Int32Array(anchors);
    this.candBoxes = new Float32Array(anchors * 4);
    this.candScores = new Float32Array(anchors);
    this.candClasses = new Int32Array(anchors);
  }

  /** Channels-first: walk class planes in memory order, keeping a running best per anchor. */
  private candidatesV8(out: Float32Array, n: number): number {
    const { numClasses } = this.layout;
    const best = this.bestScore;
    const bestClass = this.bestClass;
    best.set(out.subarray(4 * n, 5 * n));
    bestClass.fill(0, 0, n);
    for (let c = 1; c < numClasses; c++) {
      const base = (4 + c) * n;
      for (let a = 0; a < n; a++) {
        const s = out[base + a]!;
        if (s > best[a]!) {
          best[a] = s;
          bestClass[a] = c;
        }
      }
    }
    const conf = this.opts.confThreshold;
    let count = 0;
    for (let a = 0; a < n; a++) {
      const s = best[a]!;
      if (!(s >= conf) || !this.allowed[bestClass[a]!]) continue;
      this.push(count++, out[a]!, out[n + a]!, out[2 * n + a]!, out[3 * n + a]!, s, bestClass[a]!);
    }
    return count;
  }

  /** Rows: objectness first rejects most anchors before their class scores are read. */
  private candidatesV5(out: Float32Array, n: number): number {
    const { numClasses, stride } = this.layout;
    const conf = this.opts.confThreshold;
    let count = 0;
    for (let a = 0, r = 0; a < n; a++, r += stride) {
      const obj = out[r + 4]!;
      if (!(obj >= conf)) continue;
      let bestC = 0;
      let bestS = out[r + 5]!;
      for (let c = 1; c < numClasses; c++) {
        const s = out[r + 5 + c]!;
        if (s > bestS) {
          bestS = s;
          bestC = c;
        }
      }
      const score = obj * bestS;
      if (!(score >= conf) || !this.allowed[bestC]) continue;
      this.push(count++, out[r]!, out[r + 1]!, out[r + 2]!, out[r + 3]!, score, bestC);
    }
    return count;
  }

  private push(i: number, cx: number, cy: number, w: number, h: number, score: number, cls: number): void {
    const o = i * 4;
    this.candBoxes[o] = cx - w / 2;
    this.candBoxes[o + 1] = cy - h / 2;
    this.candBoxes[o + 2] = cx + w / 2;
    this.candBoxes[o + 3] = cy + h / 2;
    this.candScores[i] = score;
    this.candClasses[i] = cls;
  }

  /** Undo the letterbox, clip to the frame, and drop boxes left with no area (fully outside). */
  private toSource(keep: Int32Array, lb: LetterboxParams): Detections {
    const xyxy = new Float32Array(keep.length * 4);
    const confidence = new Float32Array(keep.length);
    const classId = new Int32Array(keep.length);
    const { srcWidth: W, srcHeight: H, padX, padY, scaleX, scaleY } = lb;
    let n = 0;
    for (const i of keep) {
      const o = i * 4;
      const x1 = Math.min(W, Math.max(0, (this.candBoxes[o]! - padX) / scaleX));
      const y1 = Math.min(H, Math.max(0, (this.candBoxes[o + 1]! - padY) / scaleY));
      const x2 = Math.min(W, Math.max(0, (this.candBoxes[o + 2]! - padX) / scaleX));
      const y2 = Math.min(H, Math.max(0, (this.candBoxes[o + 3]! - padY) / scaleY));
      if (!(x2 > x1 && y2 > y1)) continue;
      xyxy[n * 4] = x1;
      xyxy[n * 4 + 1] = y1;
      xyxy[n * 4 + 2] = x2;
      xyxy[n * 4 + 3] = y2;
      confidence[n] = this.candScores[i]!;
      classId[n] = this.candClasses[i]!;
      n++;
    }
    if (n === keep.length) return { length: n, xyxy, confidence, classId };
    return { length: n, xyxy: xyxy.slice(0, n * 4), confidence: confidence.slice(0, n), classId: classId.slice(0, n) };
  }
}
