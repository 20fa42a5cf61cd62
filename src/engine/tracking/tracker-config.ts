/**
 * ByteTracker options with ByteTrack's defaults, checked once at construction so a bad setting is
 * a typed error at startup rather than a tracker that silently never confirms anyone.
 */
export interface ByteTrackerOptions {
  /** Detections at or above this score take part in the first association. Default 0.5. */
  trackThresh?: number;
  /** Detections at or above this (and below trackThresh) take part in the second. Default 0.1. */
  lowThresh?: number;
  /** An unmatched detection starts a track only at or above this score. Default 0.6. */
  newTrackThresh?: number;
  /** First stage: max cost (1 − IoU·score) for a match. Default 0.8. */
  matchThresh?: number;
  /** Second stage (low-score detections): max cost 1 − IoU; stricter. Default 0.5. */
  secondMatchThresh?: number;
  /** Tentative tracks vs leftover high-score detections: max cost 1 − IoU·score. Default 0.7. */
  unconfirmedMatchThresh?: number;
  /** How many updates a lost track is kept, at 30 fps; scaled by fps. Default 30. */
  trackBuffer?: number;
  /** Rate at which update() is called (frames per second after any frame skipping). Default 30. */
  fps?: number;
  /** Consecutive matched updates before a track gets a public id. Default 2. */
  minimumConsecutiveFrames?: number;
  /** Anchors kept per track. Default 64. */
  trajectoryLength?: number;
  /** Observation-centric re-update of a track re-found after a gap (OC-SORT). Default true. */
  reupdateAfterGap?: boolean;
  /** Weight of the motion-direction term added to association costs; 0 turns it off. */
  directionWeight?: number;
  /** Max cost 1 − IoU(last observed box, detection) for observation-centric recovery; 0 turns it off. */
  recoveryMatchThresh?: number;
  /** Weight of the appearance (colour histogram) term in the first association; 0 turns it off. */
  appearanceWeight?: number;
  /** Match a much shorter detection as the visible top of a half-hidden person, completed to the track's height. */
  partialBoxes?: boolean;
  lostInSecondStage?: boolean;
}

export type ResolvedByteTrackerOptions = Required<ByteTrackerOptions>;

export const DEFAULT_BYTE_TRACKER_OPTIONS: ResolvedByteTrackerOptions = Object.freeze({
  trackThresh: 0.5,
  lowThresh: 0.1,
  newTrackThresh: 0.6,
  matchThresh: 0.8,
  secondMatchThresh: 0.5,
  unconfirmedMatchThresh: 0.7,
  trackBuffer: 30,
  fps: 30,
  minimumConsecutiveFrames: 2,
  trajectoryLength: 64,
  reupdateAfterGap: false,
  directionWeight: 0,
  recoveryMatchThresh: 0,
  appearanceWeight: 0,
  partialBoxes: false,
  lostInSecondStage: false,
  ...({ fromLast: false } as object),
});

export class TrackerConfigError extends Error {
  readonly code = 'INVALID_TRACKER_CONFIG';
  constructor(
    readonly option: keyof ByteTrackerOptions,
    readonly value: unknown,
    expected: string,
  ) {
    super(`ByteTracker option ${option} = ${String(value)}: expected ${expected}`);
    this.name = 'TrackerConfigError';
  }
}

const unitInterval: ReadonlyArray<keyof ByteTrackerOptions> = [
  'trackThresh', 'lowThresh', 'newTrackThresh', 'matchThresh', 'secondMatchThresh', 'unconfirmedMatchThresh',
  'directionWeight', 'recoveryMatchThresh', 'appearanceWeight',
];

export function resolveByteTrackerOptions(options: ByteTrackerOptions = {}): ResolvedByteTrackerOptions {
  const o: ResolvedByteTrackerOptions = { ...DEFAULT_BYTE_TRACKER_OPTIONS };
  for (const key of Object.keys(DEFAULT_BYTE_TRACKER_OPTIONS) as Array<keyof ByteTrackerOptions>) {
    const v = options[key];
    if (v !== undefined) (o as Record<keyof ByteTrackerOptions, unknown>)[key] = v;
  }
  for (const key of unitInterval) {
    const v = o[key];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new TrackerConfigError(key, v, 'a number in 0..1');
  }
  if (o.lowThresh > o.trackThresh) {
    throw new TrackerConfigError('lowThresh', o.lowThresh, `at most trackThresh (${o.trackThresh})`);
  }
  if (typeof o.fps !== 'number' || !(o.fps > 0) || !Number.isFinite(o.fps)) {
    throw new TrackerConfigError('fps', o.fps, 'a finite number > 0');
  }
  if (!Number.isInteger(o.trackBuffer) || o.trackBuffer < 0) {
    throw new TrackerConfigError('trackBuffer', o.trackBuffer, 'an integer ≥ 0');
  }
  if (!Number.isInteger(o.minimumConsecutiveFrames) || o.minimumConsecutiveFrames < 1) {
    throw new TrackerConfigError('minimumConsecutiveFrames', o.minimumConsecutiveFrames, 'an integer ≥ 1');
  }
  if (!Number.isInteger(o.trajectoryLength) || o.trajectoryLength < 1 || o.trajectoryLength > 10_000) {
    throw new TrackerConfigError('trajectoryLength', o.trajectoryLength, 'an integer in 1..10000');
  }
  if (typeof o.lostInSecondStage !== 'boolean') throw new TrackerConfigError('lostInSecondStage', o.lostInSecondStage, 'true or false');
  if (typeof o.partialBoxes !== 'boolean') throw new TrackerConfigError('partialBoxes', o.partialBoxes, 'true or false');
  if (typeof o.reupdateAfterGap !== 'boolean') throw new TrackerConfigError('reupdateAfterGap', o.reupdateAfterGap, 'true or false');
  return o;
}
