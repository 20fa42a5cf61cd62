/** Sums and means over IntervalSamples that both verdicts need (no statistics here). */
import type { IntervalSample } from './types';

export function framesOf(samples: readonly IntervalSample[]): number {
  return samples.reduce((s, x) => s + x.frames, 0);
}

/** Share of frames the arm could not process (CPU busy): skipped / (processed + skipped). */
export function skipFraction(samples: readonly IntervalSample[]): number {
  const skipped = samples.reduce((s, x) => s + x.skippedFrames, 0);
  const all = skipped + framesOf(samples);
  return all > 0 ? skipped / all : 0;
}

/** Frame-weighted mean latency over samples that measured one (latency ≤ 0 reads as "not measured"). */
export function meanLatencyMs(samples: readonly IntervalSample[]): number {
  let total = 0;
  let frames = 0;
  for (const s of samples) {
    if (s.frames > 0 && s.latencyMsMean > 0 && Number.isFinite(s.latencyMsMean)) {
      total += s.latencyMsMean * s.frames;
      frames += s.frames;
    }
  }
  return frames > 0 ? total / frames : 0;
}

/** challenger / baseline, 1 (no change) when either is unknown. */
export function latencyRatio(baselineMs: number, challengerMs: number): number {
  return baselineMs > 0 && challengerMs > 0 ? challengerMs / baselineMs : 1;
}

export interface TruthTotals {
  tp: number;
  fp: number;
  fn: number;
}

export function truthTotals(samples: readonly IntervalSample[]): TruthTotals {
  const t = { tp: 0, fp: 0, fn: 0 };
  for (const s of samples) {
    if (!s.truth) continue;
    t.tp += s.truth.tp;
    t.fp += s.truth.fp;
    t.fn += s.truth.fn;
  }
  return t;
}

/** F1 = 2TP / (2TP + FP + FN); NaN when there is nothing to score (no truth, no detection). */
export function f1Of(t: TruthTotals): number {
  const den = 2 * t.tp + t.fp + t.fn;
  return den > 0 ? (2 * t.tp) / den : NaN;
}

/** Each arm's truth totals and F1 (the `f1` record both verdicts keep in `tests`). */
export interface F1Figures {
  baseline: number;
  challenger: number;
  baselineTotals: TruthTotals;
  challengerTotals: TruthTotals;
}

export function f1Figures(baseline: readonly IntervalSample[], challenger: readonly IntervalSample[]): F1Figures {
  const baselineTotals = truthTotals(baseline);
  const challengerTotals = truthTotals(challenger);
  return { baseline: f1Of(baselineTotals), challenger: f1Of(challengerTotals), baselineTotals, challengerTotals };
}

export function hasTruth(s: IntervalSample): boolean {
  return s.truth !== undefined && s.truth !== null;
}

/** Several rows for the same arm and interval (e.g. a run resumed) are one interval. */
export function mergeSamples(a: IntervalSample, b: IntervalSample): IntervalSample {
  const frames = a.frames + b.frames;
  const latency = frames > 0 ? (a.latencyMsMean * a.frames + b.latencyMsMean * b.frames) / frames : 0;
  const truth = hasTruth(a) || hasTruth(b) ? truthTotals([a, b]) : null;
  return {
    ...a,
    frames,
    skippedFrames: a.skippedFrames + b.skippedFrames,
    crossings: a.crossings + b.crossings,
    exposureS: a.exposureS + b.exposureS,
    latencyMsMean: latency,
    truth,
  };
}
