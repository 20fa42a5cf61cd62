import type { Detections } from '../vision/detections';
import { GeometryError } from './errors';
import { pointInPolygon, validatePolygon, type Point } from './geometry';

export interface PolygonZoneOptions {
  /** At least 3 vertices, non-zero area, edges not crossing. */
  points: ReadonlyArray<Point>;
  id?: string;
  /** Count only these class ids. Default: all classes. */
  classes?: ReadonlyArray<number>;
  /** Consecutive observations inside before an entry is confirmed. Default 2. */
  minFramesToEnter?: number;
  /** Consecutive observations outside before an exit is confirmed. Default 2. */
  minFramesToExit?: number;
  /**
   * A track unseen for more frames than this is forgotten; if it was inside, that is an exit at
   * the time it was last seen. Default 30.
   */
  forgetAfterFrames?: number;
}

export interface PolygonZoneResult {
  /** Aligned with the detections: whether each anchor is inside the polygon in this frame (raw). */
  inside: boolean[];
  /** Track ids whose entry was confirmed in this frame. */
  entered: number[];
  /** Track ids whose exit was confirmed in this frame (walked out or disappeared). */
  exited: number[];
  /** Tracks currently counted inside (with hysteresis, unseen-but-not-forgotten included). */
  occupancy: number;
}

export interface DwellStats {
  current: Array<{ trackId: number; dwellS: number }>;
  /** Visits that ended (entry then exit). */
  completed: number;
  /** Mean dwell of completed visits, 0 when there are none. */
  meanDwellS: number;
}

interface ZoneTrackState {
  inside: boolean;
  /** Consecutive observations disagreeing with `inside`, and when that run began. */
  streak: number;
  streakStartS: number;
  entryTimeS: number;
  lastFrame: number;
  lastTimeS: number;
}

/**
 * Occupancy and dwell time of tracked people in a polygon (anchor = bottom centre). An entry or
 * exit needs a few consecutive observations on the new side so a person standing on the edge does
 * not flicker in and out. Entry time is the first inside observation of the run that confirmed
 * it; exit time the first outside observation of the run that confirmed it.
 */
export class PolygonZone {
  readonly id: string;
  readonly points: ReadonlyArray<Point>;
  readonly minFramesToEnter: number;
  readonly minFramesToExit: number;
  readonly forgetAfterFrames: number;
  private readonly classes: ReadonlySet<number> | null;
  private readonly states = new Map<number, ZoneTrackState>();
  private insideCount = 0;
  private completedVisits = 0;
  private completedDwellS = 0;
  private nowS = 0;

  constructor(options: PolygonZoneOptions) {
    validatePolygon(options.points);
    this.points = options.points.map(([x, y]) => [x, y] as const);
    this.id = options.id ?? 'zone';
    this.minFramesToEnter = positiveInteger(options.minFramesToEnter ?? 2, 'minFramesToEnter');
    this.minFramesToExit = positiveInteger(options.minFramesToExit ?? 2, 'minFramesToExit');
    this.forgetAfterFrames = positiveInteger(options.forgetAfterFrames ?? 30, 'forgetAfterFrames');
    this.classes = options.classes ? new Set(options.classes) : null;
  }

  trigger(dets: Detections, frameIndex: number, timeS: number): PolygonZoneResult {
    this.nowS = timeS;
    const n = dets.length;
    const inside = new Array<boolean>(n).fill(false);
    const entered: number[] = [];
    const exited: number[] = [];
    const ids = dets.trackerId;
    for (let i = 0; i < n; i++) {
      const o = i * 4;
      const anchors = dets.anchors;
      const ax = anchors ? anchors[i * 2]! : (dets.xyxy[o]! + dets.xyxy[o + 2]!) / 2;
      const ay = anchors ? anchors[i * 2 + 1]! : dets.xyxy[o + 3]!;
      const classId = dets.classId[i]!;
      if (this.classes && !this.classes.has(classId)) continue;
      const isIn = pointInPolygon(ax, ay, this.points);
      inside[i] = isIn;
      const trackId = ids ? ids[i]! : -1;
      if (trackId < 0) continue;
      this.observe(trackId, isIn, frameIndex, timeS, entered, exited);
    }
    for (const [trackId, st] of this.states) {
      if (frameIndex - st.lastFrame <= this.forgetAfterFrames) continue;
      if (st.inside) this.exit(trackId, st, st.lastTimeS, exited);
      this.states.delete(trackId);
    }
    return { inside, entered, exited, occupancy: this.insideCount };
  }

  /** Dwell of everyone inside now (measured to the latest trigger time) and of finished visits. */
  dwellStats(): DwellStats {
    const current: Array<{ trackId: number; dwellS: number }> = [];
    for (const [trackId, st] of this.states) {
      if (st.inside) current.push({ trackId, dwellS: this.nowS - st.entryTimeS });
    }
    current.sort((a, b) => a.trackId - b.trackId);
    return {
      current,
      completed: this.completedVisits,
      meanDwellS: this.completedVisits > 0 ? this.completedDwellS / this.completedVisits : 0,
    };
  }

  get occupancy(): number {
    return this.insideCount;
  }

  private observe(trackId: number, isIn: boolean, frameIndex: number, timeS: number, entered: number[], exited: number[]): void {
    let st = this.states.get(trackId);
    if (!st) {
      st = { inside: false, streak: 0, streakStartS: timeS, entryTimeS: 0, lastFrame: frameIndex, lastTimeS: timeS };
      this.states.set(trackId, st);
    } else if (st.lastFrame === frameIndex) {
      return; // the same id twice in one frame: keep the first
    }
    st.lastFrame = frameIndex;
    st.lastTimeS = timeS;
    if (isIn === st.inside) {
      st.streak = 0;
      return;
    }
    if (st.streak === 0) st.streakStartS = timeS;
    st.streak++;
    if (st.streak < (isIn ? this.minFramesToEnter : this.minFramesToExit)) return;
    st.streak = 0;
    if (isIn) {
      st.inside = true;
      st.entryTimeS = st.streakStartS;
      this.insideCount++;
      entered.push(trackId);
    } else {
      this.exit(trackId, st, st.streakStartS, exited);
    }
  }

  private exit(trackId: number, st: ZoneTrackState, exitTimeS: number, exited: number[]): void {
    st.inside = false;
    this.insideCount--;
    this.completedVisits++;
    this.completedDwellS += Math.max(0, exitTimeS - st.entryTimeS);
    exited.push(trackId);
  }
}

function positiveInteger(v: number, name: string): number {
  if (!Number.isInteger(v) || v < 1) throw new GeometryError('INVALID_OPTION', `${name} = ${String(v)}: expected an integer ≥ 1`);
  return v;
}
