import { boxIou } from '../vision/box';
import type { Detections } from '../vision/detections';
import { fillIouCost, LinearAssignment } from './assignment';
import { KalmanFilter } from './kalman-filter';
import { growFloat64, growInt32, growUint8 } from './scratch-buffers';
import { Track, type TrackSnapshot } from './track';
import { resolveByteTrackerOptions, type ByteTrackerOptions, type ResolvedByteTrackerOptions } from './tracker-config';

export { TrackerConfigError, type ByteTrackerOptions } from './tracker-config';

/** ByteTrack drops a lost track that overlaps a live one this much (1 − IoU < 0.15). */
const DUPLICATE_IOU = 0.85;

/**
 * A track has a direction of motion only once its observed centre moved at least this fraction of
 * its box height over its last DIRECTION_OBSERVATIONS observations (10%: ~9 px for a 90 px
 * person, about twice the box jitter of a standing person). Below, the direction is noise.
 */
export const DIRECTION_MIN_MOTION = 0.1;

/**
 * How much of a track's appearance each new confident detection replaces: 0.9 keeps ~10 frames
 * of memory (DeepSORT/BoT-SORT use 0.9), so a brief wrong match or a lighting change does not
 * overwrite who the track is.
 */
export const APPEARANCE_MOMENTUM = 0.9;

/**
 * A detection shorter than this fraction of a track's height may be matched as that person's
 * visible top (and completed to the track's height). 0.8: box heights of one walking person vary by
 * ±5–10% between frames, so anything shorter than 80% is a real loss of the lower body, while the
 * visible top of a person behind someone is typically 35–75% of them.
 */
export const PARTIAL_HEIGHT_RATIO = 0.8;

/**
 * A short detection is the visible top of a track's person only if its top edge is within this
 * fraction of the person's height of the track's predicted top (heads stay where they are when
 * the legs disappear behind someone): 0.15 ≈ half a head.
 */
export const TOP_ALIGN_TOLERANCE = 0.15;

/** Part of a short box's width another, nearer box must cover at its bottom edge to count as hiding its lower body. */
export const OCCLUDER_MIN_OVERLAP = 0.3;

/**
 * A detection narrower than this fraction of its track's width, while overlapping another
 * detection, is a side view of someone half hidden: its centre (and so the anchor) is off. 0.7:
 * walking changes a box's width by ±15%.
 */
export const NARROW_RATIO = 0.7;

/**
 * A person seen only in part for longer than this (seconds) is taken to look like that now (they
 * turned, bent, or the first view of them was the partial one): the partial size becomes the
 * reference again, so a track cannot stay "partial" for ever.
 */
export const PARTIAL_ADOPT_SECONDS = 1.5;

/**
 * A detection, overlapping someone, taller or wider than this times the person's whole-view size
 * has merged them with a neighbour: it is not their size (which a partial view is judged against). 1.3: walking toward the camera
 * grows a box by ~1% a frame, far less than this between two whole views.
 */
export const MERGED_RATIO = 1.3;

/**
 * While a person's box overlaps someone else's, a smaller box moves their reference size only this
 * fraction of the way per frame (0.1: ~10 frames to follow a real change), so someone covered a
 * little more each frame still shows up as a partial view.
 */
export const CROWDED_SIZE_RATE = 0.1;

/** Association stages; they differ in boxes compared, score fusion and cues. */
type Stage = 1 | 2 | 3 | 4;
const STAGE_HIGH: Stage = 1;
const STAGE_LOW: Stage = 2;
const STAGE_RECOVERY: Stage = 3;
const STAGE_UNCONFIRMED: Stage = 4;


/**
 * ByteTrack (Zhang et al. 2022, ifzhang/ByteTrack yolox/tracker/byte_tracker.py) over the shared
 * Detections type, with what crowds need from OC-SORT (Cao et al. 2023) and a partial-view model.
 * Each update:
 *  1. high-score detections vs tracked + lost tracks (IoU fused with score, plus the motion-
 *     direction and, when given, appearance terms),
 *  2. low-score detections vs tracks still unmatched, tracked and (lostInSecondStage) recently
 *     lost (plain IoU, stricter): this keeps a half-occluded, low-confidence person on the same id,
 *  2b. observation-centric recovery: still-unmatched tracks vs leftover confident detections by the
 *     box each was last seen in,
 *  3. tentative tracks vs the high-score detections left over,
 *  4. new tentative tracks from detections still left above newTrackThresh.
 * A track re-found after a gap is re-updated over the gap (observation-centric re-update). A
 * detection much shorter than its track, whose lower edge a nearer detection covers, is matched as
 * the visible top of that person and completed to their height (partialBoxes); it and other
 * partial views are flagged in the output (`partialView`) with the completed feet (`anchors`), so
 * counters judge crossings from whole views only.
 *
 * Differences from the reference, on purpose: public ids come from a counter owned by this
 * instance and are handed out only on confirmation (so ids are dense and two trackers never share
 * state); removed tracks are forgotten at once instead of kept in an ever-growing list.
 *
 * Scratch buffers are reused between frames; the only per-frame allocations are the returned
 * trackerId, anchors and partialView arrays, which callers may keep. Pure and deterministic.
 */
export class ByteTracker {
  readonly options: Readonly<ResolvedByteTrackerOptions>;
  /** Updates a lost track survives: round(fps / 30 · trackBuffer). */
  readonly maxTimeLost: number;
  /** Consecutive partial views after which their size is taken as the person's: PARTIAL_ADOPT_SECONDS · fps. */
  readonly partialAdoptSteps: number;

  private readonly filter = new KalmanFilter();
  private readonly assigner = new LinearAssignment();
  private readonly measurement = new Float64Array(4);
  private tracks: Track[] = [];
  private nextId = 1;
  private step = 0;
  private lastFrameIndex = 0;

  private high = new Int32Array(64);
  private low = new Int32Array(64);
  private leftHigh = new Int32Array(64);
  private leftHigh2 = new Int32Array(64);
  private leftLow = new Int32Array(64);
  private leftHigh3 = new Int32Array(64);
  private readonly direction = new Float64Array(2);
  private readonly origin = new Float64Array(2);
  private readonly completed = new Float64Array(4);
  private occludedBelow = new Uint8Array(64);
  private overlapped = new Uint8Array(64);
  private byLeft = new Int32Array(64);
  private readonly stranded: Track[] = [];
  private readonly unrecovered: Track[] = [];
  private rowToCol = new Int32Array(64);
  private colToRow = new Int32Array(64);
  private rowBoxes = new Float64Array(256);
  private cost = new Float64Array(4096);
  private readonly pool: Track[] = [];
  private readonly unconfirmed: Track[] = [];
  private readonly unmatchedPool: Track[] = [];
  private readonly remainingTracked: Track[] = [];
  private readonly missed: Track[] = [];
  private readonly unmatchedUnconfirmed: Track[] = [];
  private readonly lostScratch: Track[] = [];

  constructor(options: ByteTrackerOptions = {}) {
    this.options = Object.freeze(resolveByteTrackerOptions(options));
    this.maxTimeLost = Math.round((this.options.fps / 30) * this.options.trackBuffer);
    this.partialAdoptSteps = Math.max(1, Math.round(PARTIAL_ADOPT_SECONDS * this.options.fps));
  }

  /**
   * Tracks one frame. Returns the same detections (arrays shared, not copied) with a fresh
   * trackerId: the public id of the confirmed track each detection belongs to, else -1.
   * Boxes with non-finite coordinates or no area are never matched.
   */
  update(dets: Detections, frameIndex: number, timeS: number): Detections {
    const o = this.options;
    const n = dets.length;
    this.step++;
    this.lastFrameIndex = frameIndex;
    this.ensureDetectionCapacity(n);

    this.markOcclusion(dets);

    let nHigh = 0;
    let nLow = 0;
    for (let i = 0; i < n; i++) {
      if (!isUsable(dets, i)) continue;
      const s = dets.confidence[i]!;
      if (s >= o.trackThresh) this.high[nHigh++] = i;
      else if (s >= o.lowThresh) this.low[nLow++] = i;
    }

    const pool = this.pool;
    const unconfirmed = this.unconfirmed;
    pool.length = 0;
    unconfirmed.length = 0;
    for (const t of this.tracks) {
      t.detectionIndex = -1;
      t.predict(this.filter);
      (t.state === 'new' ? unconfirmed : pool).push(t);
    }

    // 1. confident detections vs every confirmed track, lost ones included; motion direction and
    //    appearance (when the detector gives one) break ties between people close together
    const nLeftHigh = this.associate(pool, dets, this.high, nHigh, o.matchThresh, STAGE_HIGH, this.unmatchedPool, this.leftHigh, frameIndex, timeS);

    // 2. weak detections vs tracks that were being followed until this frame
    const remaining = this.remainingTracked;
    remaining.length = 0;
    for (const t of this.unmatchedPool) if (t.state === 'tracked' || (o.lostInSecondStage && t.state === 'lost')) remaining.push(t);
    this.associate(remaining, dets, this.low, nLow, o.secondMatchThresh, STAGE_LOW, this.missed, this.leftLow, frameIndex, timeS);

    // 2b. observation-centric recovery (OC-SORT): confirmed tracks still unmatched vs confident
    //     detections nobody took, by the box each track was LAST SEEN in rather than where its
    //     filter predicts it: a person who stopped or turned while hidden is where they were seen.
    let nLeft = nLeftHigh;
    if (o.recoveryMatchThresh > 0 && nLeftHigh > 0) {
      const stranded = this.stranded;
      stranded.length = 0;
      for (const t of this.missed) stranded.push(t);
      for (const t of this.unmatchedPool) if (t.state === 'lost') stranded.push(t);
      this.leftHigh3 = growInt32(this.leftHigh3, nLeftHigh);
      nLeft = this.associate(stranded, dets, this.leftHigh, nLeftHigh, o.recoveryMatchThresh, STAGE_RECOVERY, this.unrecovered, this.leftHigh3, frameIndex, timeS);
      this.leftHigh.set(this.leftHigh3.subarray(0, nLeft));
    }
    for (const t of this.missed) if (t.detectionIndex < 0) t.markMissed();

    // 3. tentative tracks (seen once or a few times) vs confident detections nobody took
    const nLeftHigh2 = this.associate(
      unconfirmed, dets, this.leftHigh, nLeft, o.unconfirmedMatchThresh, STAGE_UNCONFIRMED,
      this.unmatchedUnconfirmed, this.leftHigh2, frameIndex, timeS,
    );
    for (const t of this.unmatchedUnconfirmed) t.markMissed();
    for (const t of unconfirmed) {
      if (t.state === 'new' && t.detectionIndex >= 0 && t.hits >= o.minimumConsecutiveFrames) t.confirm(this.nextId++);
    }

    // 4. new tentative tracks
    for (let k = 0; k < nLeftHigh2; k++) {
      const i = this.leftHigh2[k]!;
      if (dets.confidence[i]! < o.newTrackThresh) continue;
      const t = new Track(
        this.filter, this.measurement, dets.xyxy, i, dets.confidence[i]!, dets.classId[i]!,
        frameIndex, timeS, this.step, o.trajectoryLength,
      );
      if (o.minimumConsecutiveFrames <= 1) t.confirm(this.nextId++);
      if (dets.appearance && o.appearanceWeight > 0) t.blendAppearance(dets.appearance, i * dets.appearanceDims!, dets.appearanceDims!, APPEARANCE_MOMENTUM);
      this.tracks.push(t);
    }

    for (const t of this.tracks) {
      if (t.state === 'lost' && this.step - t.lastStep > this.maxTimeLost) t.markRemoved();
    }
    this.removeDuplicates();
    this.compact();

    const trackerId = new Int32Array(n).fill(-1);
    // Where each person's feet are: the bottom centre of the box, or of its completion for the
    // visible top of someone half hidden. The counters use these.
    const anchors = new Float32Array(n * 2);
    const partialView = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      anchors[i * 2] = (dets.xyxy[i * 4]! + dets.xyxy[i * 4 + 2]!) / 2;
      anchors[i * 2 + 1] = dets.xyxy[i * 4 + 3]!;
    }
    for (const t of this.tracks) {
      if (t.state === 'tracked' && t.detectionIndex >= 0) {
        trackerId[t.detectionIndex] = t.id;
        anchors[t.detectionIndex * 2] = t.anchorX;
        anchors[t.detectionIndex * 2 + 1] = t.anchorY;
        if (t.partialView) partialView[t.detectionIndex] = 1;
      }
    }
    const out: Detections = { length: n, xyxy: dets.xyxy, confidence: dets.confidence, classId: dets.classId, trackerId, anchors, partialView };
    if (dets.appearance) {
      out.appearance = dets.appearance;
      out.appearanceDims = dets.appearanceDims;
    }
    return out;
  }

  /** Confirmed tracks matched in the latest update, in creation order. */
  activeTracks(): TrackSnapshot[] {
    const out: TrackSnapshot[] = [];
    for (const t of this.tracks) {
      if (t.state === 'tracked') out.push(t.snapshot(this.options.fps, this.lastFrameIndex));
    }
    return out;
  }

  /** Confirmed tracks currently unseen but still kept for recovery. */
  lostTracks(): TrackSnapshot[] {
    const out: TrackSnapshot[] = [];
    for (const t of this.tracks) {
      if (t.state === 'lost') out.push(t.snapshot(this.options.fps, this.lastFrameIndex));
    }
    return out;
  }

  /** Tracks held in memory (tentative, tracked and lost); bounded by the lost buffer. */
  get liveTrackCount(): number {
    return this.tracks.length;
  }

  /** Forgets every track and restarts ids at 1 (a new source or a camera restart). */
  reset(): void {
    this.tracks = [];
    this.nextId = 1;
    this.step = 0;
    this.lastFrameIndex = 0;
  }

  /**
   * Matches `rows` tracks against the detections listed in cols[0..colCount). Matched tracks are
   * updated; the unmatched tracks go to unmatchedRows and the unmatched detection indices to
   * unmatchedCols, whose count is returned. The stage decides the boxes compared (predicted or
   * last observed), whether IoU is fused with the score, and which cues are added.
   */
  private associate(
    rows: Track[],
    dets: Detections,
    cols: Int32Array,
    colCount: number,
    threshold: number,
    stage: Stage,
    unmatchedRows: Track[],
    unmatchedCols: Int32Array,
    frameIndex: number,
    timeS: number,
  ): number {
    const o = this.options;
    const rowCount = rows.length;
    unmatchedRows.length = 0;
    this.rowBoxes = growFloat64(this.rowBoxes, rowCount * 4);
    this.cost = growFloat64(this.cost, rowCount * colCount);
    this.rowToCol = growInt32(this.rowToCol, rowCount);
    const observed = stage === STAGE_RECOVERY;
    for (let r = 0; r < rowCount; r++) this.rowBoxes.set(observed ? rows[r]!.lastObservationBox : rows[r]!.box, r * 4);
    const partial = o.partialBoxes ? PARTIAL_HEIGHT_RATIO : 0;
    fillIouCost(this.cost, this.rowBoxes, rowCount, dets.xyxy, cols, colCount, stage === STAGE_LOW || observed ? null : dets.confidence, partial, this.occludedBelow);
    const useDirection = o.directionWeight > 0 && stage !== STAGE_UNCONFIRMED;
    const useAppearance = o.appearanceWeight > 0 && stage === STAGE_HIGH && dets.appearance !== undefined;
    if (useDirection || useAppearance) this.addCues(rows, dets, cols, colCount, threshold, useDirection, useAppearance);
    this.assigner.solve(this.cost, rowCount, colCount, threshold, this.rowToCol, this.colToRow);
    const features = dets.appearance;
    const dims = dets.appearanceDims ?? 0;
    for (let r = 0; r < rowCount; r++) {
      const t = rows[r]!;
      const c = this.rowToCol[r]!;
      if (c < 0) {
        unmatchedRows.push(t);
        continue;
      }
      const i = cols[c]!;
      const score = dets.confidence[i]!;
      // A detection much shorter than the track is the visible top of a half-hidden person (the
      // cost above matched it that way): complete it downwards to the track's height.
      // A detection much shorter than the person (the cost above matched it that way) is the
      // visible top of someone half hidden: complete it downwards to the person's height.
      const x1 = dets.xyxy[i * 4]!;
      const y1 = dets.xyxy[i * 4 + 1]!;
      const w = dets.xyxy[i * 4 + 2]! - x1;
      const h = dets.xyxy[i * 4 + 3]! - y1;
      const short = h < PARTIAL_HEIGHT_RATIO * t.fullHeight;
      // Only the top of the person (same head height as the track) is completed downwards.
      const topAligned = Math.abs(y1 - this.rowBoxes[r * 4 + 1]!) <= TOP_ALIGN_TOLERANCE * t.fullHeight;
      const completed = partial > 0 && short && topAligned && this.occludedBelow[i] === 1;
      if (completed) {
        const b = this.completed;
        b[0] = x1;
        b[1] = y1;
        b[2] = x1 + w;
        b[3] = y1 + t.fullHeight;
      }
      t.update(this.filter, this.measurement, dets.xyxy, i, score, dets.classId[i]!, frameIndex, timeS, this.step, o.reupdateAfterGap, completed ? this.completed : null);
      // Seen only in part (completed, or much narrower than the person while overlapping someone):
      // its anchor is an estimate, which the counters must not take a crossing from.
      // Or, overlapping someone, much taller or wider than the person: merged with them.
      const crowded = this.overlapped[i] === 1;
      const narrow = w < NARROW_RATIO * t.fullWidth;
      const merged = h > MERGED_RATIO * t.fullHeight || w > MERGED_RATIO * t.fullWidth;
      t.partialView = partial > 0 && (completed || (crowded && (short || narrow)));
      // A merged box still places the person well enough to count, but is not their size.
      if ((t.partialView || (crowded && merged)) && ++t.partialRun <= this.partialAdoptSteps) {
        // keep the whole view's size
      } else if (crowded && t.partialRun <= this.partialAdoptSteps) {
        // Overlapping someone, a box that shrinks a little each frame is more likely being covered
        // bit by bit than the person changing size: follow it only slowly downwards.
        t.fullHeight = h >= t.fullHeight ? h : t.fullHeight + CROWDED_SIZE_RATE * (h - t.fullHeight);
        t.fullWidth = w >= t.fullWidth ? w : t.fullWidth + CROWDED_SIZE_RATE * (w - t.fullWidth);
        if (!t.partialView) t.partialRun = 0;
      } else {
        // A whole view alone, or a "partial" one that lasted so long it is how the person looks now.
        t.fullHeight = h;
        t.fullWidth = w;
        t.partialRun = 0;
        t.partialView = false;
      }
      // Only confident detections teach a track its look: a weak one is usually half hidden, and
      // its histogram is half someone else's.
      if (features && o.appearanceWeight > 0 && score >= o.trackThresh) t.blendAppearance(features, i * dims, dims, APPEARANCE_MOMENTUM);
    }
    let left = 0;
    for (let c = 0; c < colCount; c++) if (this.colToRow[c]! < 0) unmatchedCols[left++] = cols[c]!;
    return left;
  }

  /**
   * Adds the motion-direction and appearance terms to pairs the IoU alone already allows (cost <
   * threshold); other pairs stay infeasible, so the cues re-rank candidates and can veto a weak
   * overlap, but never create a match out of no overlap.
   *
   * Direction (OC-SORT's observation-centric momentum): the angle between the track's observed
   * direction of motion and the direction from its oldest kept observation to the detection, as a
   * fraction of π, times directionWeight. Two people passing each other in opposite directions
   * overlap for several frames; this is what keeps each track on the person still going its way.
   * Skipped for tracks (or candidate steps) that moved less than DIRECTION_MIN_MOTION of their
   * height: standing or jittering people have no direction.
   *
   * Appearance: (1 − cosine similarity) of the colour histograms, times appearanceWeight.
   */
  private addCues(
    rows: Track[],
    dets: Detections,
    cols: Int32Array,
    colCount: number,
    threshold: number,
    useDirection: boolean,
    useAppearance: boolean,
  ): void {
    const o = this.options;
    const cost = this.cost;
    const dir = this.direction;
    const features = dets.appearance;
    const dims = dets.appearanceDims ?? 0;
    for (let r = 0; r < rows.length; r++) {
      const t = rows[r]!;
      const base = r * colCount;
      const h = t.lastObservation[3]!;
      const minMotion = DIRECTION_MIN_MOTION * h;
      const hasDirection = useDirection && t.observedDirection(minMotion, dir);
      const look = useAppearance ? t.appearance : null;
      if (!hasDirection && !look) continue;
      t.oldestObservedCentre(this.origin);
      const fromX = this.origin[0]!;
      const fromY = this.origin[1]!;
      for (let c = 0; c < colCount; c++) {
        let x = cost[base + c]!;
        if (!(x < threshold)) continue;
        const i = cols[c]!;
        const off = i * 4;
        if (hasDirection) {
          const vx = (dets.xyxy[off]! + dets.xyxy[off + 2]!) / 2 - fromX;
          const vy = (dets.xyxy[off + 1]! + dets.xyxy[off + 3]!) / 2 - fromY;
          const len = Math.hypot(vx, vy);
          if (len >= minMotion) {
            const cos = (vx * dir[0]! + vy * dir[1]!) / len;
            x += (o.directionWeight * Math.acos(cos > 1 ? 1 : cos < -1 ? -1 : cos)) / Math.PI;
          }
        }
        if (look && features) {
          let dot = 0;
          const fo = i * dims;
          for (let k = 0; k < dims; k++) dot += look[k]! * features[fo + k]!;
          x += o.appearanceWeight * (1 - dot);
        }
        cost[base + c] = x;
      }
    }
  }

  /** ByteTrack's remove_duplicate_stracks: of a live and a lost track on one person, keep the older. */
  private removeDuplicates(): void {
    const lost = this.lostScratch;
    lost.length = 0;
    for (const t of this.tracks) if (t.state === 'lost') lost.push(t);
    if (lost.length === 0) return;
    for (const a of this.tracks) {
      if (a.state !== 'tracked' && a.state !== 'new') continue;
      const ab = a.box;
      for (const b of lost) {
        if (b.state !== 'lost') continue; // removed as a duplicate earlier in this loop
        const bb = b.box;
        if (!(boxIou(ab[0]!, ab[1]!, ab[2]!, ab[3]!, bb[0]!, bb[1]!, bb[2]!, bb[3]!) > DUPLICATE_IOU)) continue;
        const ageA = a.lastFrameIndex - a.startFrameIndex;
        const ageB = b.lastFrameIndex - b.startFrameIndex;
        if (ageA > ageB) {
          b.markRemoved();
        } else {
          a.markRemoved();
          break;
        }
      }
    }
  }

  /**
   * occludedBelow[i] = 1 when another detection, nearer the camera (its bottom lower in the image),
   * covers the bottom edge of detection i over at least OCCLUDER_MIN_OVERLAP of its width: only
   * then can a short box be the visible top of someone taller.
   */
  private markOcclusion(dets: Detections): void {
    const n = dets.length;
    this.occludedBelow = growUint8(this.occludedBelow, n);
    this.overlapped = growUint8(this.overlapped, n);
    this.byLeft = growInt32(this.byLeft, n);
    const below = this.occludedBelow;
    const any = this.overlapped;
    below.fill(0, 0, n);
    any.fill(0, 0, n);
    const b = dets.xyxy;
    // Sweep in order of left edge: only boxes starting before one ends can overlap it, so a crowd
    // spread over the frame costs O(n log n + overlapping pairs), not O(n²).
    const order = this.byLeft.subarray(0, n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((p, q) => b[p * 4]! - b[q * 4]! || p - q);
    for (let a = 0; a < n; a++) {
      const i = order[a]!;
      const ix2 = b[i * 4 + 2]!;
      for (let c = a + 1; c < n; c++) {
        const j = order[c]!;
        if (!(b[j * 4]! < ix2)) break; // every later box starts right of i's end
        this.markPair(b, i, j);
        this.markPair(b, j, i);
      }
    }
  }

  /** Flags for box i from box j (x overlap is known to be possible). */
  private markPair(b: Float32Array, i: number, j: number): void {
    const x1 = b[i * 4]!;
    const y1 = b[i * 4 + 1]!;
    const x2 = b[i * 4 + 2]!;
    const y2 = b[i * 4 + 3]!;
    const o = j * 4;
    const overlapX = Math.min(x2, b[o + 2]!) - Math.max(x1, b[o]!);
    if (!(overlapX > 0) || !(b[o + 1]! < y2 && b[o + 3]! > y1)) return;
    this.overlapped[i] = 1;
    if (b[o + 3]! > y2 && overlapX >= OCCLUDER_MIN_OVERLAP * (x2 - x1)) this.occludedBelow[i] = 1;
  }

  private compact(): void {
    let w = 0;
    for (const t of this.tracks) if (t.state !== 'removed') this.tracks[w++] = t;
    this.tracks.length = w;
  }

  private ensureDetectionCapacity(n: number): void {
    this.high = growInt32(this.high, n);
    this.low = growInt32(this.low, n);
    this.leftHigh = growInt32(this.leftHigh, n);
    this.leftHigh2 = growInt32(this.leftHigh2, n);
    this.leftLow = growInt32(this.leftLow, n);
    this.colToRow = growInt32(this.colToRow, n);
  }
}

function isUsable(d: Detections, i: number): boolean {
  const o = i * 4;
  const x1 = d.xyxy[o]!;
  const y1 = d.xyxy[o + 1]!;
  const x2 = d.xyxy[o + 2]!;
  const y2 = d.xyxy[o + 3]!;
  // `>` is false for NaN, so this also rejects non-finite boxes and scores.
  return x2 - x1 > 0 && y2 - y1 > 0 && Number.isFinite(x1 + y1 + x2 + y2) && Number.isFinite(d.confidence[i]!);
}
