import { makeDetections, type Detections } from '../vision/detections';

/**
 * Scripted scenes for tracker and counter tests: each person is a function from frame index to
 * where their feet are (anchor = bottom centre) or null when the detector misses them.
 */
export interface PersonAt {
  x: number;
  y: number;
  confidence?: number;
  width?: number;
  height?: number;
  /**
   * Only the top this many pixels of the person are seen (someone nearer the camera hides the
   * rest): the detector's box is cut to it, while x, y stay where the feet really are.
   */
  visibleHeight?: number;
  classId?: number;
}

export type Person = (frame: number) => PersonAt | null;

/** Box whose bottom centre is (x, y). */
export function boxAt(x: number, y: number, width = 60, height = 160): [number, number, number, number] {
  return [x - width / 2, y - height, x + width / 2, y];
}

/** Straight walk from (x0, y0) at (vx, vy) px/frame. */
export function walker(x0: number, y0: number, vx: number, vy = 0, extra: Omit<PersonAt, 'x' | 'y'> = {}): Person {
  return (f) => ({ x: x0 + vx * f, y: y0 + vy * f, ...extra });
}

/** Frames (as given) where the person is not detected. */
export function missing(person: Person, frames: (f: number) => boolean): Person {
  return (f) => (frames(f) ? null : person(f));
}

/**
 * Detections of all people at one frame, in person order; `order` maps detection index back to
 * the person, since missed people are left out.
 */
export function sceneFrame(people: ReadonlyArray<Person>, frame: number): { dets: Detections; order: number[] } {
  const boxes: Array<[number, number, number, number]> = [];
  const scores: number[] = [];
  const classes: number[] = [];
  const order: number[] = [];
  people.forEach((p, k) => {
    const at = p(frame);
    if (!at) return;
    const box = boxAt(at.x, at.y, at.width, at.height);
    if (at.visibleHeight !== undefined) box[3] = box[1] + at.visibleHeight;
    boxes.push(box);
    scores.push(at.confidence ?? 0.9);
    classes.push(at.classId ?? 0);
    order.push(k);
  });
  return { dets: makeDetections(boxes, scores, classes), order };
}
