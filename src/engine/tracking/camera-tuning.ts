/**
 * The few tracking and counting settings a technician may change per camera, with the ranges that
 * are safe (outside them the dense-scene accuracy falls apart, see tracker-config.ts and
 * line-zone.ts for why each default is what it is). Everything else stays at its measured default.
 * Input is what a camera's settings hold (JSON); the result is what FrameProcessorOptions take
 * (`tracker`, `lineCounter`). Unknown keys and out-of-range values are typed errors, so a typo
 * fails when the camera is saved, not silently on a busy Saturday. Pure code.
 */
import type { LineCounterOptions } from '../counting/line-zone';
import type { ByteTrackerOptions } from './tracker-config';

export class CameraTuningError extends Error {
  readonly code = 'INVALID_CAMERA_TUNING';
  constructor(
    readonly setting: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`camera tuning ${setting} = ${JSON.stringify(value) ?? String(value)}: expected ${expected}`);
    this.name = 'CameraTuningError';
  }
}

export interface CameraTuning {
  /** Seconds a hidden person's track is kept (trackBuffer / 30). Default 1. Safe 0.7–3. */
  lostTrackSeconds?: number;
  /** Score for the first association (trackThresh). Default 0.35. Safe 0.3–0.6. */
  trackThresh?: number;
  /** Score to start a track (newTrackThresh). Default 0.45. Safe 0.4–0.7; ≥ trackThresh. */
  newTrackThresh?: number;
  /** Motion-direction weight. Default 0.3. Safe 0–0.5. */
  directionWeight?: number;
  /** Partial views of half-hidden people. Default true; false for overhead cameras. */
  partialBoxes?: boolean;
  /** Line hysteresis in pixels. Default 4% of the line (≥ 3 px). Safe 3–60. */
  minCrossingDistancePx?: number;
}

/** The safe ranges, [min, max] (inclusive). */
export const CAMERA_TUNING_RANGES: Readonly<Record<Exclude<keyof CameraTuning, 'partialBoxes'>, readonly [number, number]>> = Object.freeze({
  lostTrackSeconds: [0.7, 3],
  trackThresh: [0.3, 0.6],
  newTrackThresh: [0.4, 0.7],
  directionWeight: [0, 0.5],
  minCrossingDistancePx: [3, 60],
});

export interface ResolvedCameraTuning {
  tracker: ByteTrackerOptions;
  lineCounter: LineCounterOptions;
}

/** Validates a camera's tuning (null/undefined = all defaults) into tracker and counter options. */
export function resolveCameraTuning(input: unknown): ResolvedCameraTuning {
  const tracker: ByteTrackerOptions = {};
  const lineCounter: LineCounterOptions = {};
  if (input === null || input === undefined) return { tracker, lineCounter };
  if (typeof input !== 'object' || Array.isArray(input)) throw new CameraTuningError('(all)', input, 'an object of tuning settings');
  const t = input as Record<string, unknown>;
  for (const key of Object.keys(t)) {
    if (!(key in CAMERA_TUNING_RANGES) && key !== 'partialBoxes') {
      throw new CameraTuningError(key, t[key], `a known setting: ${[...Object.keys(CAMERA_TUNING_RANGES), 'partialBoxes'].join(', ')}`);
    }
  }
  const num = (key: keyof typeof CAMERA_TUNING_RANGES): number | undefined => {
    const v = t[key];
    if (v === undefined) return undefined;
    const [lo, hi] = CAMERA_TUNING_RANGES[key];
    if (typeof v !== 'number' || !(v >= lo && v <= hi)) {
      throw new CameraTuningError(key, v, `a number in ${lo}..${hi}`);
    }
    return v;
  };
  const seconds = num('lostTrackSeconds');
  if (seconds !== undefined) tracker.trackBuffer = Math.round(seconds * 30);
  const trackThresh = num('trackThresh');
  if (trackThresh !== undefined) tracker.trackThresh = trackThresh;
  const newTrackThresh = num('newTrackThresh');
  if (newTrackThresh !== undefined) tracker.newTrackThresh = newTrackThresh;
  if ((tracker.newTrackThresh ?? 0.45) < (tracker.trackThresh ?? 0.35)) {
    throw new CameraTuningError('newTrackThresh', tracker.newTrackThresh ?? 0.45, `at least trackThresh (${tracker.trackThresh ?? 0.35})`);
  }
  const directionWeight = num('directionWeight');
  if (directionWeight !== undefined) tracker.directionWeight = directionWeight;
  if (t.partialBoxes !== undefined) {
    if (typeof t.partialBoxes !== 'boolean') throw new CameraTuningError('partialBoxes', t.partialBoxes, 'true or false');
    tracker.partialBoxes = t.partialBoxes;
  }
  const band = num('minCrossingDistancePx');
  if (band !== undefined) lineCounter.minCrossingDistancePx = band;
  return { tracker, lineCounter };
}
