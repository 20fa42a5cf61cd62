import type { Detections } from '../vision/detections';
import { GeometryError } from './errors';
import { assertFiniteCoordinates, cross, segmentsIntersect } from './geometry';

export interface LineZoneOptions {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Carried into events so several lines can share one ledger. Default 'line'. */
  id?: string;
  /**
   * Hysteresis: how far (px, perpendicular) the anchor must get past the line on the new side
   * before a crossing counts. Default max(3 px, 4% of the line length): above a standing person's
   * box jitter (±2–4 px), below one walking step. Safe 2–10% of the line, ≥ 3 px.
   */
  minCrossingDistancePx?: number;
  /** Count only these class ids. Default: all classes. */
  classes?: ReadonlyArray<number>;
  /**
   * A track unseen for more frames than this is forgotten (bounded memory). Default 300: well over
   * the tracker's lost-track buffer, so a track re-found after a gap still has its side of the
   * line. Safe ≥ the tracker's buffer in frames.
   */
  forgetAfterFrames?: number;
}

/**
 * The counter settings a technician may set per camera (they flow in through
 * FrameProcessorOptions.lineCounter): the hysteresis band, for a line drawn very short or very
 * long relative to the people, and how long an unseen track is remembered.
 */
export type LineCounterOptions = Pick<LineZoneOptions, 'minCrossingDistancePx' | 'forgetAfterFrames'>;

export type CrossingDirection = 'in' | 'out';

export interface CrossingEvent {
  lineId: string;
  trackId: number;
  direction: CrossingDirection;
  frameIndex: number;
  timeS: number;
  classId: number;
  /** Anchor when the crossing was confirmed (past the hysteresis band). */
  anchor: [number, number];
  /** The track's anchor in its previous observation. */
  previousAnchor: [number, number];
  confidence: number;
}

export interface LineZoneResult {
  /** Aligned with the detections: true where that detection's track was counted in this frame. */
  crossedIn: boolean[];
  crossedOut: boolean[];
  events: CrossingEvent[];
}

export interface DirectionCounts {
  in: number;
  out: number;
}

export interface LineCounts extends DirectionCounts {
  perClass: Record<number, DirectionCounts>;
}

/** Per-track memory; fixed size, allocated once per track. */
interface LineTrackState {
  lastX: number;
  lastY: number;
  lastFrame: number;
  /** trigger() call that last touched this state, to ignore a repeated track id in one frame. */
  lastCall: number;
  /** Side (±1) and position of the last anchor not exactly on the line; 0 until there is one. */
  offSide: number;
  offX: number;
  offY: number;
  /** Side the anchor last settled on, outside the hysteresis band; 0 until it has. */
  settled: number;
  /** Side the anchor most recently crossed into *through the segment*; 0 if none pending. */
  pending: number;
  countedIn: boolean;
  countedOut: boolean;
}

const SWEEP_EVERY_CALLS = 32;

/**
 * Counts tracked people crossing a line segment (after supervision's LineZone, with the rules of
 * docs/ARCHITECTURE.md): the anchor is the bottom centre of the box; going from the side where
 * cross(line, anchor − start) > 0 to the side where it is < 0 is **in**, the reverse **out**.
 *
 * A crossing counts when (a) the anchor's motion between two observations passes through the
 * segment itself — so a fast walker who skips across between two frames counts, and one walking
 * past the end of the segment does not — and (b) the anchor then gets at least
 * minCrossingDistancePx past the line, so a box jittering on the line counts nothing, nor does a
 * person who steps over and back within the band. Each track counts at most once per direction.
 * Only detections with trackerId ≥ 0 take part.
 */
export class LineZone {
  readonly id: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly length: number;
  readonly minCrossingDistancePx: number;
  readonly forgetAfterFrames: number;
  private readonly classes: ReadonlySet<number> | null;
  private readonly states = new Map<number, LineTrackState>();
  private totalIn = 0;
  private totalOut = 0;
  private readonly perClass = new Map<number, DirectionCounts>();
  private calls = 0;
  private lastSweepCall = 0;

  constructor(options: LineZoneOptions) {
    const { x1, y1, x2, y2 } = options;
    assertFiniteCoordinates([x1, y1, x2, y2], 'line');
    this.length = Math.hypot(x2 - x1, y2 - y1);
    if (!(this.length > 0)) throw new GeometryError('ZERO_LENGTH_LINE', `line (${x1},${y1})→(${x2},${y2}) has zero length`);
    this.x1 = x1;
    this.y1 = y1;
    this.x2 = x2;
    this.y2 = y2;
    this.id = options.id ?? 'line';
    const band = options.minCrossingDistancePx ?? Math.max(3, 0.04 * this.length);
    if (typeof band !== 'number' || !Number.isFinite(band) || band < 0) {
      throw new GeometryError('INVALID_OPTION', `minCrossingDistancePx = ${String(band)}: expected a finite number ≥ 0`);
    }
    this.minCrossingDistancePx = band;
    const forget = options.forgetAfterFrames ?? 300;
    if (!Number.isInteger(forget) || forget < 1) {
      throw new GeometryError('INVALID_OPTION', `forgetAfterFrames = ${String(forget)}: expected an integer ≥ 1`);
    }
    this.forgetAfterFrames = forget;
    if (options.classes !== undefined) {
      options.classes.forEach((c) => {
        if (!Number.isInteger(c)) throw new GeometryError('INVALID_OPTION', `classes: ${String(c)} is not an integer class id`);
      });
    }
    this.classes = options.classes ? new Set(options.classes) : null;
  }

  /** Signed perpendicular distance of a point: > 0 on the "out" side, < 0 on the "in" side. */
  signedDistance(x: number, y: number): number {
    return cross(this.x2 - this.x1, this.y2 - this.y1, x - this.x1, y - this.y1) / this.length;
  }

  trigger(dets: Detections, frameIndex: number, timeS: number): LineZoneResult {
    const n = dets.length;
    const crossedIn = new Array<boolean>(n).fill(false);
    const crossedOut = new Array<boolean>(n).fill(false);
    const events: CrossingEvent[] = [];
    const call = ++this.calls;
    const ids = dets.trackerId;
    if (ids) {
      for (let i = 0; i < n; i++) {
        const trackId = ids[i]!;
        if (trackId < 0) continue;
        const classId = dets.classId[i]!;
        if (this.classes && !this.classes.has(classId)) continue;
        const o = i * 4;
        const anchors = dets.anchors;
        const ax = anchors ? anchors[i * 2]! : (dets.xyxy[o]! + dets.xyxy[o + 2]!) / 2;
        const ay = anchors ? anchors[i * 2 + 1]! : dets.xyxy[o + 3]!;
        if (!Number.isFinite(ax) || !Number.isFinite(ay)) continue;
        const direction = this.observe(trackId, ax, ay, frameIndex, call, dets.partialView?.[i] === 1);
        if (direction === null) continue;
        const st = this.states.get(trackId)!;
        if (direction === 'in') crossedIn[i] = true;
        else crossedOut[i] = true;
        this.tally(classId, direction);
        events.push({
          lineId: this.id,
          trackId,
          direction,
          frameIndex,
          timeS,
          classId,
          anchor: [ax, ay],
          previousAnchor: [st.lastX, st.lastY],
          confidence: dets.confidence[i]!,
        });
        st.lastX = ax;
        st.lastY = ay;
      }
    }
    if (call - this.lastSweepCall >= SWEEP_EVERY_CALLS) this.forgetStale(frameIndex, call);
    return { crossedIn, crossedOut, events };
  }

  counts(): LineCounts {
    const perClass: Record<number, DirectionCounts> = {};
    for (const [c, v] of this.perClass) perClass[c] = { in: v.in, out: v.out };
    return { in: this.totalIn, out: this.totalOut, perClass };
  }

  /** Number of tracks remembered (bounded by forgetAfterFrames). */
  get trackedCount(): number {
    return this.states.size;
  }

  reset(): void {
    this.states.clear();
    this.perClass.clear();
    this.totalIn = 0;
    this.totalOut = 0;
  }

  /**
   * Advances one track's state with a new anchor; returns the direction counted now, if any.
   * On a count the caller still needs the previous anchor, so lastX/lastY are left for it.
   */
  private observe(trackId: number, ax: number, ay: number, frameIndex: number, call: number, partial = false): CrossingDirection | null {
    const d = this.signedDistance(ax, ay);
    const side = d > 0 ? 1 : d < 0 ? -1 : 0;
    const beyond = side !== 0 && Math.abs(d) >= this.minCrossingDistancePx;
    let st = this.states.get(trackId);
    if (!st) {
      st = {
        lastX: ax, lastY: ay, lastFrame: frameIndex, lastCall: call,
        offSide: side, offX: ax, offY: ay,
        settled: beyond ? side : 0, pending: 0,
        countedIn: false, countedOut: false,
      };
      this.states.set(trackId, st);
      return null;
    }
    if (st.lastCall === call) return null; // the same id twice in one frame: keep the first
    st.lastCall = call;
    st.lastFrame = frameIndex;
    // A partial view keeps the track remembered but moves nothing: the crossing, if there is one,
    // is judged from the last whole view to the next (the path over the gap).
    if (partial) return null;
    let counted: CrossingDirection | null = null;
    if (side !== 0) {
      if (st.offSide !== 0 && side !== st.offSide) {
        // The infinite line was crossed since the last off-line anchor; it counts only through the
        // segment. Measuring from the last off-line anchor handles a stop exactly on the line.
        const through = segmentsIntersect(st.offX, st.offY, ax, ay, this.x1, this.y1, this.x2, this.y2);
        st.pending = through ? side : 0;
      }
      st.offSide = side;
      st.offX = ax;
      st.offY = ay;
      if (beyond) {
        if (st.pending === side && st.settled !== side) {
          const direction: CrossingDirection = side < 0 ? 'in' : 'out';
          const already = direction === 'in' ? st.countedIn : st.countedOut;
          if (!already) {
            if (direction === 'in') st.countedIn = true;
            else st.countedOut = true;
            counted = direction;
          }
        }
        st.pending = 0;
        st.settled = side;
      }
    }
    if (counted === null) {
      st.lastX = ax;
      st.lastY = ay;
    }
    return counted;
  }

  private tally(classId: number, direction: CrossingDirection): void {
    let c = this.perClass.get(classId);
    if (!c) {
      c = { in: 0, out: 0 };
      this.perClass.set(classId, c);
    }
    if (direction === 'in') {
      this.totalIn++;
      c.in++;
    } else {
      this.totalOut++;
      c.out++;
    }
  }

  private forgetStale(frameIndex: number, call: number): void {
    this.lastSweepCall = call;
    for (const [id, st] of this.states) {
      if (frameIndex - st.lastFrame > this.forgetAfterFrames) this.states.delete(id);
    }
  }
}
