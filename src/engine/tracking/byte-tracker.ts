import { boxIou } from '../vision/box';
import type { Detections } from '../vision/detections';
import { fillIouCost, LinearAssignment } from './assignment';
import { KalmanFilter } from './kalman-filter';
import { growFloat64, growInt32 } from './scratch-buffers';
import { Track, type TrackSnapshot } from './track';
import { resolveByteTrackerOptions, type ByteTrackerOptions, type ResolvedByteTrackerOptions } from './tracker-config';

export { TrackerConfigError, type ByteTrackerOptions } from './tracker-config';

/** ByteTrack drops a lost track that overlaps a live one this much (1 − IoU < 0.15). */
const DUPLICATE_IOU = 0.85;


/**
 * ByteTrack (Zhang et al. 2022, ifzhang/ByteTrack yolox/tracker/byte_tracker.py) over the shared
 * Detections type. Each update:
 *  1. high-score detections vs tracked + lost tracks (IoU fused with score),
 *  2. low-score detections vs tracks still unmatched and tracked (plain IoU, stricter): this is
 *     what keeps a half-occluded, low-confidence person on the same id,
 *  3. tentative tracks vs the high-score detections left over,
 *  4. new tentative tracks from detections still left above newTrackThresh.
 * Differences from the reference, on purpose: public ids come from a counter owned by this
 * instance and are handed out only on confirmation (so ids are dense and two trackers never share
 * state); removed tracks are forgotten at once instead of kept in an ever-growing list.
 *
 * Scratch buffers are reused between frames; the only per-frame allocation is the returned
 * trackerId array, which callers may keep.
 */
export class ByteTracker {
  readonly options: Readonly<ResolvedByteTrackerOptions>;
  /** Updates a lost track survives: round(fps / 30 · trackBuffer). */
  readonly maxTimeLost: number;

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

    // 1. confident detections vs every confirmed track, lost ones included
    const nLeftHigh = this.associate(pool, dets, this.high, nHigh, o.matchThresh, true, this.unmatchedPool, this.leftHigh, frameIndex, timeS);

    // 2. weak detections vs tracks that were being followed until this frame
    const remaining = this.remainingTracked;
    remaining.length = 0;
    for (const t of this.unmatchedPool) if (t.state === 'tracked') remaining.push(t);
    this.associate(remaining, dets, this.low, nLow, o.secondMatchThresh, false, this.missed, this.leftLow, frameIndex, timeS);
    for (const t of this.missed) t.markMissed();

    // 3. tentative tracks (seen once or a few times) vs confident detections nobody took
    const nLeftHigh2 = this.associate(
      unconfirmed, dets, this.leftHigh, nLeftHigh, o.unconfirmedMatchThresh, true,
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
      this.tracks.push(t);
    }

    for (const t of this.tracks) {
      if (t.state === 'lost' && this.step - t.lastStep > this.maxTimeLost) t.markRemoved();
    }
    this.removeDuplicates();
    this.compact();

    const trackerId = new Int32Array(n).fill(-1);
    for (const t of this.tracks) {
      if (t.state === 'tracked' && t.detectionIndex >= 0) trackerId[t.detectionIndex] = t.id;
    }
    return { length: n, xyxy: dets.xyxy, confidence: dets.confidence, classId: dets.classId, trackerId };
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
   * unmatchedCols, whose count is returned.
   */
  private associate(
    rows: Track[],
    dets: Detections,
    cols: Int32Array,
    colCount: number,
    threshold: number,
    fuseScore: boolean,
    unmatchedRows: Track[],
    unmatchedCols: Int32Array,
    frameIndex: number,
    timeS: number,
  ): number {
    const rowCount = rows.length;
    unmatchedRows.length = 0;
    this.rowBoxes = growFloat64(this.rowBoxes, rowCount * 4);
    this.cost = growFloat64(this.cost, rowCount * colCount);
    this.rowToCol = growInt32(this.rowToCol, rowCount);
    for (let r = 0; r < rowCount; r++) this.rowBoxes.set(rows[r]!.box, r * 4);
    fillIouCost(this.cost, this.rowBoxes, rowCount, dets.xyxy, cols, colCount, fuseScore ? dets.confidence : null);
    this.assigner.solve(this.cost, rowCount, colCount, threshold, this.rowToCol, this.colToRow);
    for (let r = 0; r < rowCount; r++) {
      const t = rows[r]!;
      const c = this.rowToCol[r]!;
      if (c < 0) {
        unmatchedRows.push(t);
        continue;
      }
      const i = cols[c]!;
      t.update(this.filter, this.measurement, dets.xyxy, i, dets.confidence[i]!, dets.classId[i]!, frameIndex, timeS, this.step);
    }
    let left = 0;
    for (let c = 0; c < colCount; c++) if (this.colToRow[c]! < 0) unmatchedCols[left++] = cols[c]!;
    return left;
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
