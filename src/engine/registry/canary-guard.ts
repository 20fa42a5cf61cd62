/**
 * The canary's guards as one pure function over numbers (no database, no clock): what
 * canary-data.ts measured on one canary camera goes in, each guard's finding comes out in words.
 * The deployment pipeline's canary stage (stage-canary.ts) rolls the canary back when one
 * is breached; the CanaryMonitor (canary-monitor.ts) asks it periodically.
 *
 * Guards, in the order they are reported:
 *  - errors: the canary version failed to load on the camera (load_failed events), or the camera
 *    itself failed during the canary (most health samples 'failed'/'stalled'/'reconnecting');
 *  - frames: after the grace time the camera has processed no frame with the canary version
 *    (it is not running it: stopped, pinned to another model, or never picked it up);
 *  - latency: mean inference latency of the canary's frames vs the production version's on the
 *    same camera (or, without camera data, the two versions' benchmarks on this machine), above
 *    `maxLatencyRatio`;
 *  - count: crossings counted by the canary vs what the same camera's production rate before the
 *    canary predicts for the canary's running time (the "shadow baseline"), beyond
 *    `maxCountDifference` AND beyond Poisson noise (|z| > 2.58, ~99 %), so a quiet half hour
 *    does not roll a good model back. Not judged until `minExpectedCrossings` are expected.
 */

export type GuardName = 'errors' | 'frames' | 'latency' | 'count';
export type GuardStatus = 'held' | 'breached' | 'not_evaluated';

export interface CanaryGuardLimits {
  /** |canary / expected − 1| above this breaches (with the noise test). 0.5 = ±50 %. */
  maxCountDifference: number;
  /** The count guard waits until production's rate predicts this many crossings. */
  minExpectedCrossings: number;
  /** canary latency / production latency above this breaches. */
  maxLatencyRatio: number;
  /** The latency guard waits for this many canary frames. */
  minLatencyFrames: number;
  /** More load failures of the canary version on the camera than this breaches (0: any). */
  maxLoadFailures: number;
  /** Share of the camera's health samples in a failing state above this breaches (with ≥ 3 samples). */
  maxFailingHealthShare: number;
  /** No canary frame after this long breaches. */
  graceMs: number;
}

export const DEFAULT_CANARY_LIMITS: CanaryGuardLimits = {
  maxCountDifference: 0.5,
  minExpectedCrossings: 10,
  maxLatencyRatio: 1.5,
  minLatencyFrames: 30,
  maxLoadFailures: 0,
  maxFailingHealthShare: 0.5,
  graceMs: 5 * 60_000,
};

/** z beyond which a count difference is more than Poisson noise (two-sided 99 %). */
export const COUNT_NOISE_Z = 2.576;

export interface CanaryObservation {
  cameraId: string;
  /** Since the canary was put on the camera. */
  elapsedMs: number;
  canary: {
    frames: number;
    crossings: number;
    /** Seconds of footage the canary processed (gaps between frames capped). */
    exposureS: number;
    latencyMs: number | null;
  };
  /** The camera under production before the canary. */
  production: {
    frames: number;
    crossings: number;
    exposureS: number;
    latencyMs: number | null;
    /** Where the production latency came from. */
    latencySource: 'camera' | 'benchmark' | null;
  };
  /** Benchmark latency of the canary version (fallback when production's comes from a benchmark). */
  canaryBenchmarkLatencyMs: number | null;
  loadFailures: Array<{ reason: string }>;
  health: { samples: number; failing: number; lastState: string | null };
}

export interface GuardCheck {
  guard: GuardName;
  status: GuardStatus;
  /** The measured value the guard compares (ratio, relative difference, count), when there is one. */
  value: number | null;
  limit: number | null;
  message: string;
}

export interface GuardEvaluation {
  cameraId: string;
  checks: GuardCheck[];
  /** The first breached guard, or null when every guard held or could not be judged yet. */
  breached: GuardCheck | null;
}

const FAILING_STATES = new Set(['failed', 'stalled', 'reconnecting']);
export const isFailingState = (state: string): boolean => FAILING_STATES.has(state);

const round = (v: number, digits = 2): number => Math.round(v * 10 ** digits) / 10 ** digits;
const ms = (v: number): string => `${Math.round(v)} ms`;
const pct = (v: number): string => `${Math.round(Math.abs(v) * 100)} %`;

function duration(msValue: number): string {
  const minutes = msValue / 60_000;
  if (minutes < 1) return `${Math.round(msValue / 1000)} s`;
  if (minutes < 120) return `${Math.round(minutes)} min`;
  return `${round(minutes / 60, 1)} h`;
}

function errorsGuard(o: CanaryObservation, l: CanaryGuardLimits, on: string): GuardCheck {
  if (o.loadFailures.length > l.maxLoadFailures) {
    const first = o.loadFailures[0]?.reason ?? 'unknown error';
    return {
      guard: 'errors',
      status: 'breached',
      value: o.loadFailures.length,
      limit: l.maxLoadFailures,
      message: `${on}: the model failed to load ${o.loadFailures.length === 1 ? 'once' : `${o.loadFailures.length} times`} (${first})`,
    };
  }
  const h = o.health;
  const share = h.samples > 0 ? h.failing / h.samples : 0;
  if (h.samples >= 3 && share > l.maxFailingHealthShare) {
    return {
      guard: 'errors',
      status: 'breached',
      value: round(share, 3),
      limit: l.maxFailingHealthShare,
      message: `${on}: the camera was failing during the canary (${h.failing} of ${h.samples} health samples${h.lastState ? `, last '${h.lastState}'` : ''})`,
    };
  }
  return { guard: 'errors', status: 'held', value: o.loadFailures.length, limit: l.maxLoadFailures, message: `${on}: no load failures, camera healthy (${h.failing} of ${h.samples} health samples failing)` };
}

function framesGuard(o: CanaryObservation, l: CanaryGuardLimits, on: string): GuardCheck {
  if (o.canary.frames > 0) return { guard: 'frames', status: 'held', value: o.canary.frames, limit: null, message: `${on}: ${o.canary.frames} frames processed with the canary` };
  if (o.elapsedMs < l.graceMs) {
    return { guard: 'frames', status: 'not_evaluated', value: 0, limit: null, message: `${on}: no canary frames yet (${duration(o.elapsedMs)} of the ${duration(l.graceMs)} grace time)` };
  }
  return {
    guard: 'frames',
    status: 'breached',
    value: 0,
    limit: null,
    message: `${on}: no frame was processed with the canary in ${duration(o.elapsedMs)} (the camera is stopped, pinned to another model, or could not load it)`,
  };
}

function latencyGuard(o: CanaryObservation, l: CanaryGuardLimits, on: string): GuardCheck {
  const limit = l.maxLatencyRatio;
  const base = o.production.latencyMs;
  // Like with like: camera frames against camera frames, benchmark against benchmark.
  const mine = o.production.latencySource === 'benchmark' ? o.canaryBenchmarkLatencyMs : o.canary.latencyMs;
  if (base === null || base <= 0 || mine === null) {
    return { guard: 'latency', status: 'not_evaluated', value: null, limit, message: `${on}: no production latency on this camera to compare with` };
  }
  if (o.production.latencySource !== 'benchmark' && o.canary.frames < l.minLatencyFrames) {
    return { guard: 'latency', status: 'not_evaluated', value: null, limit, message: `${on}: ${o.canary.frames} of ${l.minLatencyFrames} canary frames needed to judge latency` };
  }
  const ratio = mine / base;
  const where = o.production.latencySource === 'benchmark' ? 'benchmark ' : '';
  const text = `${where}latency ${ms(mine)} ${ratio > limit ? 'is above' : 'is within'} the guard ${ms(base * limit)} (${limit} × production)`;
  return { guard: 'latency', status: ratio > limit ? 'breached' : 'held', value: round(ratio, 3), limit, message: `${on}: ${text}` };
}

function countGuard(o: CanaryObservation, l: CanaryGuardLimits, on: string): GuardCheck {
  const limit = l.maxCountDifference;
  const p = o.production;
  if (p.exposureS <= 0 || p.frames === 0) {
    return { guard: 'count', status: 'not_evaluated', value: null, limit, message: `${on}: no production counts on this camera before the canary to compare with` };
  }
  const expected = (p.crossings / p.exposureS) * o.canary.exposureS;
  if (expected < l.minExpectedCrossings) {
    return {
      guard: 'count',
      status: 'not_evaluated',
      value: null,
      limit,
      message: `${on}: ${round(expected, 1)} crossings expected so far, ${l.minExpectedCrossings} needed to judge the counts (${o.canary.crossings} counted)`,
    };
  }
  const observed = o.canary.crossings;
  const relative = observed / expected - 1;
  const z = (observed - expected) / Math.sqrt(expected);
  const breached = Math.abs(relative) > limit && Math.abs(z) > COUNT_NOISE_Z;
  const perHour = (n: number, s: number): string => `${round((n / s) * 3600, 1)}/h`;
  const direction = relative < 0 ? 'fewer' : 'more';
  const text =
    `${observed} crossings in ${duration(o.canary.exposureS * 1000)} of footage (${perHour(observed, o.canary.exposureS)}) is ${pct(relative)} ${direction} than the ` +
    `${round(expected, 1)} expected from production's ${perHour(p.crossings, p.exposureS)} on this camera (guard ±${pct(limit)})`;
  return { guard: 'count', status: breached ? 'breached' : 'held', value: round(relative, 4), limit, message: `${on}: ${text}` };
}

/** Every guard of one canary camera; `breached` is the first breach in the order above. */
export function evaluateCanaryGuards(o: CanaryObservation, limits: CanaryGuardLimits = DEFAULT_CANARY_LIMITS): GuardEvaluation {
  const on = `canary on camera ${o.cameraId}`;
  const checks = [errorsGuard(o, limits, on), framesGuard(o, limits, on), latencyGuard(o, limits, on), countGuard(o, limits, on)];
  return { cameraId: o.cameraId, checks, breached: checks.find((c) => c.status === 'breached') ?? null };
}
