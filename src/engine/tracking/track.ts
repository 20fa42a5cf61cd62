import { createKalmanState, KalmanFilter, measurementFromXyxy, xyxyFromMean, type KalmanState } from './kalman-filter';

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

  /** Matches a detection: Kalman correction, trajectory, and lost → tracked when re-found. */
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
  ): void {
    if (this.state === 'removed') throw new TrackStateError(this.state, 'be updated');
    measurementFromXyxy(xyxy, detectionIndex * 4, measurement);
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
    this.recordAnchor(xyxy, detectionIndex, frameIndex, timeS);
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
      trajectory: this.trajectory.toArray(),
    };
  }

  private recordAnchor(xyxy: ArrayLike<number>, detectionIndex: number, frameIndex: number, timeS: number): void {
    const o = detectionIndex * 4;
    this.anchorX = (xyxy[o]! + xyxy[o + 2]!) / 2;
    this.anchorY = xyxy[o + 3]!;
    this.trajectory.push(this.anchorX, this.anchorY, frameIndex, timeS);
  }
}
