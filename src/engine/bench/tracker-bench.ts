import { LineZone } from '../counting/line-zone';
import { ByteTracker } from '../tracking/byte-tracker';
import { CROWD_FRAME, CROWD_LINE, simulateCrowd } from '../tracking/crowd-simulation';
import type { Detections } from '../vision/detections';

export interface TrackerBench {
  people: number;
  frames: number;
  msPerFrame: number;
  crossings: number;
}

/**
 * Tracker + line counter cost per frame for a simulated crowd. Detections are generated up front
 * so only tracking and counting are timed; the first frames (track birth) are excluded.
 */
export function benchTrackerAndCounter(people: number, frames = 600, warmupFrames = 100): TrackerBench {
  const all: Detections[] = [...simulateCrowd(people, frames + warmupFrames, 42)];
  const tracker = new ByteTracker({ fps: CROWD_FRAME.fps });
  const line = new LineZone({ ...CROWD_LINE });
  let ms = 0;
  all.forEach((dets, i) => {
    const t0 = performance.now();
    const tracked = tracker.update(dets, i, i / CROWD_FRAME.fps);
    line.trigger(tracked, i, i / CROWD_FRAME.fps);
    if (i >= warmupFrames) ms += performance.now() - t0;
  });
  const c = line.counts();
  return { people, frames, msPerFrame: ms / frames, crossings: c.in + c.out };
}
