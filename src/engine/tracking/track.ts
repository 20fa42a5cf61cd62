import { createKalmanState, KalmanFilter, MEASUREMENT_DIM, measurementFromXyxy, STATE_DIM, xyxyFromMean, type KalmanState } from './kalman-filter';

/**
 * Observations kept per track for its direction of motion (OC-SORT's Δt = 3): the direction is
 * taken from the oldest of these to the newest, so it spans a few frames of real motion rather
 * than one frame of box jitter.
 */
export const DIRECTION_OBSERVATIONS = 4;

/**
 * One tracked person (ByteTrack's STrack) and its state machine:
 *
 *   new ──confirm──► tracked ──miss──► lost ──re-found──► tracked
 *    │                                  │
 *    └──miss──► removed ◄──too long─────┘
 *
 * A `new` track is tentative: it gets a public id only once it has been matched in
 * `minimumConsecutiveFrames` consecutive updates, so one-frame false positives never reach the
 * counters or the database. A tentative track that misses a single update is dropped.
 */
export type TrackState = 'new' | 'tracked' | 'lost' | 'removed';

export interface TrajectoryPoint {
  readonly x: number;
  readonly y: number;
  readonly frameIndex: number;
  readonly timeS: number;
}

/** Read-only copy of a track for drawing, reporting and tests. */
export interface TrackSnapshot {
  readonly id: number;
  readonly state: TrackState;
  /** Filtered box (Kalman state), x1,y1,x2,y2. */
  readonly xyxy: readonly [number, number, number, number];
  /** Anchor (bottom centre) of the last matched detection, what the counters see. */
  readonly anchor: readonly [number, number];
  /** Velocity of the anchor in pixels per second, from the Kalman state. */
  readonly velocityX: number;
  readonly velocityY: number;
  readonly speed: number;
  readonly ageFrames: number;
  readonly classId: number;
  readonly confidence: number;
  /** Index of the detection this track matched in the latest update, -1 if none. */
  readonly detectionIndex: number;
  /** Anchors of matched detections, oldest first, bounded. */
  readonly trajectory: ReadonlyArray<TrajectoryPoint>;
}

/** Fixed-capacity ring buffer of anchors, so a long-lived track holds constant memory. */
export class Trajectory {
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly times: Float64Array;
  private readonly frames: Float64Array;
  private head = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.xs = new Float64Array(capacity);
    this.ys = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
    this.frames = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  push(x: number, y: number, frameIndex: number, timeS: number): void {
    if (this.capacity === 0) return;
    this.xs[this.head] = x;
    this.ys[this.head] = y;
    this.frames[this.head] = frameIndex;
    this.times[this.head] = timeS;
    this.head = (this.head + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  /** The i-th point, 0 = oldest. */
  at(i: number): TrajectoryPoint {
    if (i < 0 || i >= this.size) throw new RangeError(`trajectory index ${i} out of 0..${this.size - 1}`);
    const k = (this.head - this.size + i + this.capacity) % this.capacity;
    return { x: this.xs[k]!, y: this.ys[k]!, frameIndex: this.frames[k]!, timeS: this.times[k]! };
  }

  toArray(): TrajectoryPoint[] {
    const out: TrajectoryPoint[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.at(i));
    return out;
  }

  /** The points oldest first as x, y, frameIndex, timeS quadruples: one copy, no objects. */
  packed(): Float64Array {
    const out = new Float64Array(this.size * 4);
    for (let i = 0; i < this.size; i++) {
      const k = (this.head - this.size + i + this.capacity) % this.capacity;
      out[i * 4] = this.xs[k]!;
      out[i * 4 + 1] = this.ys[k]!;
      out[i * 4 + 2] = this.frames[k]!;
      out[i * 4 + 3] = this.times[k]!;
    }
    return out;
  }
}

function unpackTrajectory(packed: Float64Array): TrajectoryPoint[] {
  const out: TrajectoryPoint[] = [];
  for (let i = 0; i < packed.length; i += 4) out.push({ x: packed[i]!, y: packed[i + 1]!, frameIndex: packed[i + 2]!, timeS: packed[i + 3]! });
  return out;
}

export class TrackStateError extends Error {
  readonly code = 'INVALID_TRACK_TRANSITION';
  constructor(from: TrackState, action: string) {
    super(`track in state '${from}' cannot ${action}`);
    this.name = 'TrackStateError';
  }
}

export class Track {
  /** Public id, -1 while tentative. */
  id = -1;
  state: TrackState = 'new';
  readonly kalman: KalmanState = createKalmanState();
  /** Filtered box x1,y1,x2,y2, refreshed after every predict and update. */
  readonly box = new Float64Array(4);
  readonly trajectory: Trajectory;
  score: number;
  classId: number;
  /** Consecutive updates with a matched detection. */
  hits = 1;
  detectionIndex: number;
  readonly startFrameIndex: number;
  lastFrameIndex: number;
  lastTimeS: number;
  /** Tracker step (update call) of the last match; lost-time is measured in steps. */
  lastStep: number;
  anchorX = 0;
  anchorY = 0;
  /** The last matched detection as a measurement (cx, cy, w/h, h). */
  readonly lastObservation = new Float64Array(MEASUREMENT_DIM);
  /** The last matched detection's box, x1,y1,x2,y2 (observation-centric recovery matches on it). */
  readonly lastObservationBox = new Float64Array(4);
  /** Kalman state right after the last match: observation-centric re-update restarts from it. */
  private readonly observedMean = new Float64Array(STATE_DIM);
  private readonly observedCovariance = new Float64Array(STATE_DIM * STATE_DIM);
  /** Ring of the last DIRECTION_OBSERVATIONS box centres. */
  private readonly obsX = new Float64Array(DIRECTION_OBSERVATIONS);
  private readonly obsY = new Float64Array(DIRECTION_OBSERVATIONS);
  private obsHead = 0;
  private obsCount = 0;
  /** The latest match was a partial view (see ByteTracker): the anchor is an estimate. */
  partialView = false;
  /**
   * Size of the person at the last whole view (not a partial one): what a partial view is judged
   * against and completed to. Set by the tracker; starts as the first detection's size.
   */
  fullHeight = 0;
  fullWidth = 0;
  /** Consecutive partial views; after a while the partial size is taken as the person's. */
  partialRun = 0;
  /** Appearance (a colour histogram, unit length) averaged over confident matches; null until one. */
  appearance: Float32Array | null = null;

  constructor(
    filter: KalmanFilter,
    measurement: Float64Array,
    xyxy: ArrayLike<number>,
    detectionIndex: number,
    score: number,
    classId: number,
    frameIndex: number,
    timeS: number,
    step: number,
    trajectoryCapacity: number,
  ) {
    measurementFromXyxy(xyxy, detectionIndex * 4, measurement);
    filter.initiate(measurement, this.kalman);
    xyxyFromMean(this.kalman.mean, this.box);
    this.trajectory = new Trajectory(trajectoryCapacity);
    this.score = score;
    this.classId = classId;
    this.detectionIndex = detectionIndex;
    this.startFrameIndex = frameIndex;
    this.lastFrameIndex = frameIndex;
    this.lastTimeS = timeS;
    this.lastStep = step;
    this.recordAnchor(xyxy, detectionIndex, frameIndex, timeS);
    this.recordObservation(measurement, xyxy, detectionIndex);
    this.fullHeight = measurement[3]!;
    this.fullWidth = measurement[2]! * measurement[3]!;
  }

  get confirmed(): boolean {
    return this.id >= 0;
  }

  predict(filter: KalmanFilter): void {
    // As ByteTrack: a track that is not being seen keeps moving but stops growing or shrinking.
    if (this.state !== 'tracked' && this.state !== 'new') this.kalman.mean[7] = 0;
    filter.predict(this.kalman);
    xyxyFromMean(this.kalman.mean, this.box);
  }

  /**
   * Matches a detection: Kalman correction, trajectory, and lost → tracked when re-found.
   *
   * With `reupdate` (OC-SORT's observation-centric re-update), a track re-found after a gap of
   * k > 1 steps does not keep the state it coasted to (its velocity drifts with every predict,
   * and the one correction at the end cannot undo k steps of drift): the filter restarts from its
   * state at the last observation and is fed k − 1 virtual observations on the straight line
   * from that observation to the new one, then the new one. Its velocity is then the motion over
   * the gap, which is what the next frames (and the counters) need.
   *
   * `completedBox` (x1,y1,x2,y2 at offset 0) replaces the detection's box for the filter, the
   * anchor and the observation: the tracker passes the visible top of a half-hidden person
   * extended to the track's own height, so the feet (the anchor) stay where they are.
   */
  update(
    filter: KalmanFilter,
    measurement: Float64Array,
    xyxy: ArrayLike<number>,
    detectionIndex: number,
    score: number,
    classId: number,
    frameIndex: number,
    timeS: number,
    step: number,
    reupdate = false,
    completedBox: ArrayLike<number> | null = null,
  ): void {
    if (this.state === 'removed') throw new TrackStateError(this.state, 'be updated');
    // A partial view completed to the track's height stands in for the detection's own box.
    const box = completedBox ?? xyxy;
    const index = completedBox ? 0 : detectionIndex;
    measurementFromXyxy(box, index * 4, measurement);
    const gap = step - this.lastStep;
    if (reupdate && gap > 1) this.reupdate(filter, measurement, gap);
    filter.update(this.kalman, measurement);
    xyxyFromMean(this.kalman.mean, this.box);
    this.hits = this.state === 'lost' ? 1 : this.hits + 1;
    if (this.state === 'lost') this.state = 'tracked';
    this.score = score;
    this.classId = classId;
    this.detectionIndex = detectionIndex;
    this.lastFrameIndex = frameIndex;
    this.lastTimeS = timeS;
    this.lastStep = step;
    this.recordAnchor(box, index, frameIndex, timeS);
    this.recordObservation(measurement, box, index);
  }

  /**
   * Unit direction of the observed motion over the last few observations, written to out[0..1];
   * false (out untouched) when the observed centre moved less than `minPx` over them: a person
   * standing still (or only jittering) has no direction to be consistent with.
   */
  observedDirection(minPx: number, out: Float64Array): boolean {
    if (this.obsCount < 2) return false;
    const newest = (this.obsHead - 1 + DIRECTION_OBSERVATIONS) % DIRECTION_OBSERVATIONS;
    const oldest = (this.obsHead - this.obsCount + DIRECTION_OBSERVATIONS) % DIRECTION_OBSERVATIONS;
    const dx = this.obsX[newest]! - this.obsX[oldest]!;
    const dy = this.obsY[newest]! - this.obsY[oldest]!;
    const len = Math.hypot(dx, dy);
    if (!(len >= minPx) || len === 0) return false;
    out[0] = dx / len;
    out[1] = dy / len;
    return true;
  }

  /** Centre of the oldest observation kept for the direction, written to out[0..1]. */
  oldestObservedCentre(out: Float64Array): void {
    const oldest = (this.obsHead - this.obsCount + DIRECTION_OBSERVATIONS) % DIRECTION_OBSERVATIONS;
    out[0] = this.obsX[oldest]!;
    out[1] = this.obsY[oldest]!;
  }

  /** Blends a confident detection's appearance into the track's (exponential moving average). */
  blendAppearance(features: Float32Array, offset: number, dims: number, momentum: number): void {
    if (!this.appearance || this.appearance.length !== dims) {
      this.appearance = features.slice(offset, offset + dims);
      return;
    }
    const a = this.appearance;
    let norm = 0;
    for (let k = 0; k < dims; k++) {
      const v = momentum * a[k]! + (1 - momentum) * features[offset + k]!;
      a[k] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < dims; k++) a[k] = a[k]! / norm;
  }

  /** new → tracked with its public id. */
  confirm(id: number): void {
    if (this.state !== 'new') throw new TrackStateError(this.state, 'be confirmed');
    this.id = id;
    this.state = 'tracked';
  }

  /** No detection this update: a tentative track is dropped, a confirmed one becomes lost. */
  markMissed(): void {
    if (this.state === 'new') this.state = 'removed';
    else if (this.state === 'tracked') this.state = 'lost';
    else if (this.state === 'removed') throw new TrackStateError(this.state, 'miss');
    this.hits = 0;
  }

  markRemoved(): void {
    this.state = 'removed';
  }

  /** Anchor velocity in px per step: bottom centre = (cx, cy + h/2). */
  velocityPerStep(): [number, number] {
    const m = this.kalman.mean;
    return [m[4]!, m[5]! + m[7]! / 2];
  }

  snapshot(stepsPerSecond: number, currentFrameIndex: number): TrackSnapshot {
    const [vx, vy] = this.velocityPerStep();
    const velocityX = vx * stepsPerSecond;
    const velocityY = vy * stepsPerSecond;
    // Copied now (the ring moves on with the next update), made into objects only when read:
    // the frame path reads a track's path only on the frame it counts.
    const packed = this.trajectory.packed();
    let points: TrajectoryPoint[] | undefined;
    return {
      id: this.id,
      state: this.state,
      xyxy: [this.box[0]!, this.box[1]!, this.box[2]!, this.box[3]!],
      anchor: [this.anchorX, this.anchorY],
      velocityX,
      velocityY,
      speed: Math.hypot(velocityX, velocityY),
      ageFrames: currentFrameIndex - this.startFrameIndex + 1,
      classId: this.classId,
      confidence: this.score,
      detectionIndex: this.detectionIndex,
      get trajectory(): TrajectoryPoint[] {
        return (points ??= unpackTrajectory(packed));
      },
    };
  }

  private reupdate(filter: KalmanFilter, measurement: Float64Array, gap: number): void {
    const { mean, covariance } = this.kalman;
    mean.set(this.observedMean);
    covariance.set(this.observedCovariance);
    const last = this.lastObservation;
    const virtual = this.virtualMeasurement;
    for (let k = 1; k < gap; k++) {
      filter.predict(this.kalman);
      const t = k / gap;
      for (let i = 0; i < MEASUREMENT_DIM; i++) virtual[i] = last[i]! + (measurement[i]! - last[i]!) * t;
      filter.update(this.kalman, virtual);
    }
    filter.predict(this.kalman);
  }

  private readonly virtualMeasurement = new Float64Array(MEASUREMENT_DIM);

  private recordObservation(measurement: Float64Array, xyxy: ArrayLike<number>, detectionIndex: number): void {
    this.lastObservation.set(measurement);
    const o = detectionIndex * 4;
    for (let i = 0; i < 4; i++) this.lastObservationBox[i] = xyxy[o + i]!;
    this.observedMean.set(this.kalman.mean);
    this.observedCovariance.set(this.kalman.covariance);
    this.obsX[this.obsHead] = measurement[0]!;
    this.obsY[this.obsHead] = measurement[1]!;
    this.obsHead = (this.obsHead + 1) % DIRECTION_OBSERVATIONS;
    if (this.obsCount < DIRECTION_OBSERVATIONS) this.obsCount++;
  }

  private recordAnchor(xyxy: ArrayLike<number>, detectionIndex: number, frameIndex: number, timeS: number): void {
    const o = detectionIndex * 4;
    this.anchorX = (xyxy[o]! + xyxy[o + 2]!) / 2;
    this.anchorY = xyxy[o + 3]!;
    this.trajectory.push(this.anchorX, this.anchorY, frameIndex, timeS);
  }
}
