/**
 * ByteTracker options, checked once at construction so a bad setting is a typed error at startup
 * rather than a tracker that silently never confirms anyone. Defaults are ByteTrack's except where
 * crowds (groups, people meeting at the line, pairs side by side) were measured to need otherwise;
 * each says why and the range it is safe in. Measurements: `npm run bench` (dense scene) and
 * src/engine/bench/accuracy-bench.ts.
 *
 * A technician may set, per camera (FrameProcessorOptions.tracker): trackBuffer (how long someone
 * may be hidden), trackThresh/newTrackThresh (a weaker or stronger model), directionWeight and
 * partialBoxes (overhead cameras, where "the visible top of a person" does not hold). The others
 * are for development.
 */
export interface ByteTrackerOptions {
  /**
   * Detections at or above this score take part in the first association. Default 0.35 (ByteTrack
   * 0.5): a person half hidden in a group scores 0.2–0.5 with YOLOv8n; at 0.5 they only ever reach
   * the stricter second association and lose their track in the crowd. Safe 0.3–0.6.
   */
  trackThresh?: number;
  /** Detections at or above this (and below trackThresh) take part in the second. Default 0.1. Safe 0.05–0.2. */
  lowThresh?: number;
  /**
   * An unmatched detection starts a track only at or above this score. Default 0.45 (ByteTrack
   * 0.6): people seen only half for their whole walk (the farther one of a pair) never score 0.6,
   * so were never counted; two consecutive matches are still needed before an id is given, which
   * keeps one-frame ghosts out. Safe 0.4–0.7 (below 0.4, shadows and reflections start tracks).
   */
  newTrackThresh?: number;
  /** First stage: max cost (1 − IoU·score) for a match. Default 0.8. Safe 0.7–0.9. */
  matchThresh?: number;
  /** Second stage (low-score detections): max cost 1 − IoU; stricter. Default 0.5. Safe 0.4–0.7. */
  secondMatchThresh?: number;
  /** Tentative tracks vs leftover high-score detections: max cost 1 − IoU·score. Default 0.7. */
  unconfirmedMatchThresh?: number;
  /**
   * How many updates a lost track is kept, at 30 fps; scaled by fps. Default 30 (ByteTrack's: 1 s).
   * Measured on the dense scenes: 60 (2 s) changed no miss once partial views keep the people of a
   * group on their tracks, and added a false count (a lost track taking over someone else). Safe
   * 20–90; longer for doors where people stop behind a pillar.
   */
  trackBuffer?: number;
  /** Rate at which update() is called (frames per second after any frame skipping). Default 30. */
  fps?: number;
  /** Consecutive matched updates before a track gets a public id. Default 2. Safe 1–3. */
  minimumConsecutiveFrames?: number;
  /** Anchors kept per track. Default 64. */
  trajectoryLength?: number;
  /**
   * Observation-centric re-update (OC-SORT) of a track re-found after a gap: the filter is replayed
   * from the last observation along the straight line to the new one, so the velocity is the motion
   * over the gap, not the coasted one. Default true. (Measured on the dense scenes: it changes no
   * count there, where people keep their pace; it matters for people who slow or stop while hidden.)
   */
  reupdateAfterGap?: boolean;
  /**
   * Weight of the motion-direction term (OC-SORT's observation-centric momentum) added to
   * association costs: the angle between a track's observed direction and the direction to the
   * candidate, as a fraction of π. Keeps a track on the person still walking its way when two walk
   * through each other. Default 0.3; 0 turns it off. Safe 0–0.5 (more vetoes real turns).
   */
  directionWeight?: number;
  /**
   * Observation-centric recovery (OC-SORT): tracks still unmatched are matched against leftover
   * confident detections by the box they were LAST SEEN in (max cost 1 − IoU), for someone who
   * stopped while hidden. Default 0.7; 0 turns it off. Safe 0.5–0.8.
   */
  recoveryMatchThresh?: number;
  /**
   * Weight of the appearance term (1 − Bhattacharyya coefficient of the torso colour histograms)
   * in the first association, when the detector provides histograms (PersonDetector option
   * `appearance`). Default 0 (off): on the vtest people, who mostly wear dark clothes, it changed
   * no count (and lost one at 0.4–0.7); worth trying where clothes differ. Safe 0–0.4.
   */
  appearanceWeight?: number;
  /**
   * Match a much shorter detection, whose lower edge someone nearer the camera covers, as the
   * visible top of that person, completed to their height (so the anchor stays at their feet), and
   * flag it and other partial views so counters wait for a whole view. Default true. This is what
   * keeps the farther person of a pair side by side; turn it off for overhead cameras.
   */
  partialBoxes?: boolean;
  /**
   * The second (low-score) association also considers tracks lost recently, not only those seen in
   * the previous frame: someone reappearing from a group is at first half hidden and scores low.
   * Default true (ByteTrack: false).
   */
  lostInSecondStage?: boolean;
}

export type ResolvedByteTrackerOptions = Required<ByteTrackerOptions>;

export const DEFAULT_BYTE_TRACKER_OPTIONS: ResolvedByteTrackerOptions = Object.freeze({
  trackThresh: 0.35,
  lowThresh: 0.1,
  newTrackThresh: 0.45,
  matchThresh: 0.8,
  secondMatchThresh: 0.5,
  unconfirmedMatchThresh: 0.7,
  trackBuffer: 30,
  fps: 30,
  minimumConsecutiveFrames: 2,
  trajectoryLength: 64,
  reupdateAfterGap: true,
  directionWeight: 0.3,
  recoveryMatchThresh: 0.7,
  appearanceWeight: 0,
  partialBoxes: true,
  lostInSecondStage: true,
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
