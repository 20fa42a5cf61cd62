/**
 * One struct-of-arrays batch of detections, passed through every stage (after supervision's
 * `Detections`): the detector fills boxes, scores and classes; the tracker only adds trackerId.
 * Boxes are x1,y1,x2,y2 in source-frame pixels.
 */
export interface Detections {
  readonly length: number;
  /** 4 numbers per detection: x1, y1, x2, y2 */
  readonly xyxy: Float32Array;
  readonly confidence: Float32Array;
  readonly classId: Int32Array;
  /** Public track id per detection, -1 when not (yet) confirmed. Set by the tracker. */
  trackerId?: Int32Array;
  /**
   * Where each person's feet are, x,y per detection: set by the tracker (the bottom centre of the
   * box, or of the box completed to the track's height when only the top of a half-hidden person
   * was seen). Counters use it when present, else the box's bottom centre (see anchorOf).
   */
  anchors?: Float32Array;
  /**
   * 1 where the tracker matched the detection as a partial view of its person (the visible top of
   * someone half hidden, or a narrow slice beside someone in front): its anchor is an estimate,
   * and counters take no crossing from it (they wait for the person to be seen whole).
   */
  partialView?: Uint8Array;
  /**
   * Optional appearance per detection, `appearanceDims` numbers each (a unit-length colour
   * histogram of the box, see vision/appearance.ts). The tracker uses it, when present, to keep
   * two people apart whose boxes overlap.
   */
  appearance?: Float32Array;
  appearanceDims?: number;
}

export function emptyDetections(): Detections {
  return { length: 0, xyxy: new Float32Array(0), confidence: new Float32Array(0), classId: new Int32Array(0) };
}

export function makeDetections(
  boxes: ReadonlyArray<readonly [number, number, number, number]>,
  confidence: ReadonlyArray<number>,
  classId: ReadonlyArray<number> = boxes.map(() => 0),
): Detections {
  const n = boxes.length;
  if (confidence.length !== n || classId.length !== n) {
    throw new RangeError(`makeDetections: ${n} boxes but ${confidence.length} scores and ${classId.length} classes`);
  }
  const xyxy = new Float32Array(n * 4);
  boxes.forEach((b, i) => xyxy.set(b, i * 4));
  return { length: n, xyxy, confidence: Float32Array.from(confidence), classId: Int32Array.from(classId) };
}

/** Anchor used for counting: bottom centre of the box (where the feet are). */
export function anchorOf(d: Detections, i: number): [number, number] {
  if (d.anchors) return [d.anchors[i * 2]!, d.anchors[i * 2 + 1]!];
  const o = i * 4;
  return [(d.xyxy[o]! + d.xyxy[o + 2]!) / 2, d.xyxy[o + 3]!];
}

/** A raw RGB24 frame, exactly width*height*3 bytes. */
export interface RgbFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  /** Index of the frame in its source, from 0. */
  readonly index: number;
  /** Presentation time in seconds from the start of the source. */
  readonly timeS: number;
}
