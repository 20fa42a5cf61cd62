/**
 * Pure bookkeeping of an experiment run: what each arm processed, skipped and counted, per result
 * interval, and — at the end — crossing agreement between the arms and matches against truth.
 * Intervals, not frames, are the statistical unit (neighbouring frames are autocorrelated).
 */
import type { ExperimentGroup } from '../../shared/enums';
import { scoreCrossings, type CrossingEvent } from '../registry/crossing-score';

export interface IntervalKey {
  /** Interval index within the run (time-ordered). */
  index: number;
  /** Assignment unit: the camera, a slot of it, or 'frames'. */
  unit: string;
  /** Seconds from the run's start (recordings) or epoch seconds (live) of the interval's bounds. */
  startS: number;
  endS: number;
}

export interface ArmFrame {
  timeS: number;
  latencyMs: number;
  cpuMs: number;
  crossings: readonly CrossingEvent[];
}

export interface IntervalRow {
  key: IntervalKey;
  arm: ExperimentGroup;
  frames: number;
  skippedFrames: number;
  in: number;
  out: number;
  latencyMs: number | null;
  cpuMs: number;
  /** Seconds of video the arm covered (frames ÷ fps; the rate denominator of ab tests). */
  exposureS: number;
  events: CrossingEvent[];
  agreement: number | null;
  truth: { tp: number; fp: number; fn: number } | null;
}

interface Cell {
  key: IntervalKey;
  arm: ExperimentGroup;
  frames: number;
  skipped: number;
  latency: number;
  cpu: number;
  events: CrossingEvent[];
}

/** Crossings of the two arms (or an arm and truth) are the same event this far apart. */
export const AGREEMENT_TOLERANCE_S = 1;

export class IntervalBook {
  private readonly cells = new Map<string, Cell>();

  constructor(private readonly frameS: number) {}

  private cell(key: IntervalKey, arm: ExperimentGroup): Cell {
    const id = `${key.unit}\u0000${key.index}\u0000${arm}`;
    let c = this.cells.get(id);
    if (!c) {
      c = { key, arm, frames: 0, skipped: 0, latency: 0, cpu: 0, events: [] };
      this.cells.set(id, c);
    }
    return c;
  }

  addFrame(key: IntervalKey, arm: ExperimentGroup, f: ArmFrame): void {
    const c = this.cell(key, arm);
    c.frames++;
    c.latency += f.latencyMs;
    c.cpu += f.cpuMs;
    for (const e of f.crossings) c.events.push(e);
  }

  /** A frame this arm should have seen but could not (CPU busy): recorded, never hidden. */
  addSkipped(key: IntervalKey, arm: ExperimentGroup): void {
    this.cell(key, arm).skipped++;
  }

  get size(): number {
    return this.cells.size;
  }

  /** Rows in time order; `truth` (seconds on the run's clock) scores each arm where given. */
  rows(truth: { events: readonly CrossingEvent[]; toleranceS: number } | null): IntervalRow[] {
    return this.build([...this.cells.values()], truth);
  }

  /**
   * Live runs: the rows of intervals that ended before `beforeS`, removed from the book (a live
   * experiment stores each interval once it is over, so nothing is lost when the app stops).
   */
  drain(beforeS: number): IntervalRow[] {
    const closed = [...this.cells.entries()].filter(([, c]) => c.key.endS <= beforeS);
    for (const [id] of closed) this.cells.delete(id);
    return this.build(
      closed.map(([, c]) => c),
      null,
    );
  }

  private build(list: Cell[], truth: { events: readonly CrossingEvent[]; toleranceS: number } | null): IntervalRow[] {
    const cells = list.sort((a, b) => a.key.startS - b.key.startS || a.key.unit.localeCompare(b.key.unit) || a.arm.localeCompare(b.arm));
    const rows = cells.map(
      (c): IntervalRow => ({
        key: c.key,
        arm: c.arm,
        frames: c.frames,
        skippedFrames: c.skipped,
        in: c.events.filter((e) => e.direction === 'in').length,
        out: c.events.filter((e) => e.direction === 'out').length,
        latencyMs: c.frames > 0 ? c.latency / c.frames : null,
        cpuMs: c.cpu,
        exposureS: c.frames * this.frameS,
        events: c.events,
        agreement: null,
        truth: null,
      }),
    );
    // Agreement between arms on the same interval (shadow: both arms saw the same frames).
    const byInterval = new Map<string, IntervalRow[]>();
    for (const r of rows) {
      const id = `${r.key.unit}\u0000${r.key.index}`;
      byInterval.set(id, [...(byInterval.get(id) ?? []), r]);
    }
    for (const pair of byInterval.values()) {
      const b = pair.find((r) => r.arm === 'baseline');
      const c = pair.find((r) => r.arm === 'challenger');
      if (!b || !c || b.frames === 0 || c.frames === 0) continue;
      const total = b.events.length + c.events.length;
      const matched = scoreCrossings(c.events, b.events, AGREEMENT_TOLERANCE_S).truePositives;
      const agreement = total === 0 ? 1 : (2 * matched) / total;
      b.agreement = agreement;
      c.agreement = agreement;
    }
    if (truth) for (const arm of ['baseline', 'challenger'] as const) scoreArm(rows.filter((r) => r.arm === arm), truth.events, truth.toleranceS);
    return rows;
  }
}

/**
 * Scores one arm over the whole run (a crossing near an interval boundary is matched where it
 * happened), then books each true positive and miss in the interval of the true crossing and each
 * phantom in the interval of the counted one. A true crossing in an interval the arm did not serve
 * (ab splits) is nobody's miss.
 */
function scoreArm(rows: IntervalRow[], truth: readonly CrossingEvent[], toleranceS: number): void {
  const events: Array<{ e: CrossingEvent; row: IntervalRow }> = rows.flatMap((row) => row.events.map((e) => ({ e, row })));
  const served = (t: number): IntervalRow | undefined => rows.find((r) => r.frames > 0 && t >= r.key.startS && t < r.key.endS);
  const seen = truth.filter((t) => served(t.timeS) !== undefined);
  const s = scoreCrossings(
    events.map((x) => x.e),
    seen,
    toleranceS,
  );
  for (const r of rows) r.truth = { tp: 0, fp: 0, fn: 0 };
  for (const m of s.matches) served(seen[m.truth]!.timeS)!.truth!.tp++;
  for (const i of s.unmatchedTruth) served(seen[i]!.timeS)!.truth!.fn++;
  for (const j of s.unmatchedPredicted) events[j]!.row.truth!.fp++;
}

/**
 * McNemar's pairs: for each true crossing, whether each arm found it (scored over the whole run,
 * so a crossing near an interval boundary is matched where it happened).
 */
export function truthHits(
  baseline: readonly CrossingEvent[],
  challenger: readonly CrossingEvent[],
  truth: readonly CrossingEvent[],
  toleranceS: number,
): Array<{ baseline: boolean; challenger: boolean }> {
  const found = (events: readonly CrossingEvent[]): Set<number> => new Set(scoreCrossings(events, truth, toleranceS).matches.map((m) => m.truth));
  const b = found(baseline);
  const c = found(challenger);
  return truth.map((_, i) => ({ baseline: b.has(i), challenger: c.has(i) }));
}
