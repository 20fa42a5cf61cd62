import type { Detections } from '../vision/detections';

/**
 * Synthetic detections for benchmarking and soak-testing the tracker and counters without a model:
 * people walk in straight lines at their own speed across a 1920×1080 frame, with box jitter,
 * occasional low-confidence frames (exercising ByteTrack's second association) and occasional
 * missed detections. Many walk across CROWD_LINE. Someone leaving the frame re-enters at the
 * opposite edge as a new walker, so the number of people stays constant. Deterministic per seed.
 */
export const CROWD_FRAME = Object.freeze({ width: 1920, height: 1080, fps: 30 });
/** A vertical line through the middle of the frame. */
export const CROWD_LINE = Object.freeze({ x1: 960, y1: 60, x2: 960, y2: 1020 });

/** mulberry32: tiny, fast, good enough for test data, and reproducible everywhere. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Walker {
  x: number; // anchor x (bottom centre)
  y: number; // anchor y
  vx: number;
  vy: number;
  w: number;
  h: number;
  confidence: number;
}

export function* simulateCrowd(people: number, frames: number, seed: number): Generator<Detections, void, undefined> {
  if (!Number.isInteger(people) || people < 0) throw new RangeError(`simulateCrowd: people = ${people}, expected an integer ≥ 0`);
  if (!Number.isInteger(frames) || frames < 0) throw new RangeError(`simulateCrowd: frames = ${frames}, expected an integer ≥ 0`);
  const rand = mulberry32(seed);
  const { width, height } = CROWD_FRAME;
  const spawn = (fromLeft: boolean, anywhere: boolean): Walker => {
    const w = 40 + rand() * 50;
    const speed = 2 + rand() * 6; // px/frame: 60..240 px/s at 30 fps
    const vx = fromLeft ? speed : -speed;
    const x = anywhere ? rand() * width : fromLeft ? -w / 2 : width + w / 2;
    return { x, y: 250 + rand() * (height - 300), vx, vy: (rand() - 0.5) * 1.5, w, h: w * 2.6, confidence: 0.6 + rand() * 0.35 };
  };
  const jitter = (): number => (rand() - 0.5) * 3;
  const walkers: Walker[] = [];
  for (let i = 0; i < people; i++) walkers.push(spawn(rand() < 0.5, true));

  for (let f = 0; f < frames; f++) {
    const xyxy = new Float32Array(people * 4);
    const confidence = new Float32Array(people);
    let n = 0;
    for (let i = 0; i < people; i++) {
      let p = walkers[i]!;
      p.x += p.vx;
      p.y += p.vy;
      if (p.x < -p.w || p.x > width + p.w || p.y < p.h || p.y > height + 20) {
        p = spawn(p.vx < 0, false);
        walkers[i] = p;
      }
      const r = rand();
      if (r < 0.02) continue; // missed by the detector this frame
      xyxy[n * 4] = p.x - p.w / 2 + jitter();
      xyxy[n * 4 + 1] = p.y - p.h + jitter();
      xyxy[n * 4 + 2] = p.x + p.w / 2 + jitter();
      xyxy[n * 4 + 3] = p.y + jitter();
      // ~5% of frames a person is half occluded: a weak score ByteTrack's second stage must catch
      confidence[n] = r < 0.07 ? 0.2 + rand() * 0.25 : p.confidence;
      n++;
    }
    yield {
      length: n,
      xyxy: xyxy.subarray(0, n * 4),
      confidence: confidence.subarray(0, n),
      classId: new Int32Array(n),
    };
  }
}
