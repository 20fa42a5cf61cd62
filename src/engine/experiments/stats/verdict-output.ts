/**
 * Assembles a Verdict from the evidence and the rules, and makes it JSON-safe: every number in
 * the typed fields is finite (a missing interval is null where the type allows it, or the widest
 * meaningful range where it does not), and `tests` goes through `jsonSafe`. `assembleVerdict` is
 * the part both verdicts share (latency, comparison, improvement, frames); each brings its own
 * count and truth evidence.
 */
import type { BootstrapResult } from './bootstrap';
import { framesOf, latencyRatio, meanLatencyMs, skipFraction, type F1Figures } from './interval-figures';
import { clamp, isInformative, jsonSafe, type Interval } from './numeric';
import type { Comparison, ExperimentDesign, IntervalSample, Verdict } from './types';
import { assessRisk, decide, type CountsEvidence, type RuleInput, type TruthEvidence } from './verdict-rules';

/**
 * Relative count differences are reported within [−100 %, +1000 %]: a challenger cannot count
 * fewer than nothing, and beyond ten times production's count the exact figure changes no
 * decision. A comparison with no interval yet reports this whole range (as wide as it gets).
 */
export const RELATIVE_FLOOR = -1;
export const RELATIVE_CAP = 10;
export const NO_RELATIVE_INTERVAL: Interval = [RELATIVE_FLOOR, RELATIVE_CAP];
/** F1 differences live in [−1, 1]; no interval yet reports all of it. */
export const NO_F1_INTERVAL: Interval = [-1, 1];

export function clipRelative(x: number): number {
  return clamp(x, RELATIVE_FLOOR, RELATIVE_CAP);
}

/** A relative interval from a ratio interval (ratio − 1), or null when it is not finite. */
export function relativeFromRatioCi(ci: Interval | null): Interval | null {
  if (!isInformative(ci)) return null;
  return [clipRelative(ci[0] - 1), clipRelative(ci[1] - 1)];
}

export function validateDesign(design: ExperimentDesign): void {
  const { confidence, minSamples, trafficPercent, guards } = design;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (!(minSamples >= 0)) throw new RangeError(`minSamples must be ≥ 0, got ${minSamples}`);
  if (!(trafficPercent >= 0 && trafficPercent <= 100)) throw new RangeError(`trafficPercent must be in [0, 100], got ${trafficPercent}`);
  if (!(guards.maxCountDifference >= 0)) throw new RangeError(`guards.maxCountDifference must be ≥ 0, got ${guards.maxCountDifference}`);
  if (!(guards.maxLatencyRatio > 0)) throw new RangeError(`guards.maxLatencyRatio must be > 0, got ${guards.maxLatencyRatio}`);
}

const finiteOr = (x: number, fallback: number): number => (Number.isFinite(x) ? x : fallback);

export function finiteComparison(c: Comparison, fallbackCi: Interval): Comparison {
  return {
    metric: c.metric,
    difference: finiteOr(c.difference, 0),
    ci: isInformative(c.ci) ? [c.ci[0], c.ci[1]] : fallbackCi,
    pValue: clamp(finiteOr(c.pValue, 1), 0, 1),
    significant: c.significant,
  };
}

export interface VerdictParts {
  input: RuleInput;
  comparison: Comparison;
  comparisonFallbackCi: Interval;
  srm: Verdict['srm'];
  improvement: { percent: number | null; ci: Interval | null };
  samples: Verdict['samples'];
  tests: Record<string, unknown>;
  /** Decided before the rules (the SRM alarm). */
  override?: Pick<Verdict, 'recommendation' | 'rule' | 'reason'>;
}

export function buildVerdict(parts: VerdictParts): Verdict {
  const outcome = parts.override ?? decide(parts.input);
  const { risk, strategy } = parts.override ? { risk: 'high' as const, strategy: 'gradual' as const } : assessRisk(parts.input);
  const lat = parts.input.latency;
  const improvementPercent = parts.improvement.percent;
  return {
    comparison: finiteComparison(parts.comparison, parts.comparisonFallbackCi),
    srm: parts.srm ? { pValue: clamp(finiteOr(parts.srm.pValue, 0), 0, 1), ok: parts.srm.ok, chiSquare: finiteOr(parts.srm.chiSquare, Number.MAX_VALUE) } : null,
    recommendation: outcome.recommendation,
    reason: outcome.reason,
    rule: outcome.rule,
    expectedImprovementPercent: improvementPercent !== null && Number.isFinite(improvementPercent) ? improvementPercent : null,
    improvementCi: isInformative(parts.improvement.ci) ? [parts.improvement.ci[0], parts.improvement.ci[1]] : null,
    risk,
    strategy,
    latency: {
      baselineMs: finiteOr(lat.baselineMs, 0),
      challengerMs: finiteOr(lat.challengerMs, 0),
      ratio: finiteOr(lat.ratio, 1),
      ci: isInformative(lat.ci) ? [lat.ci[0], lat.ci[1]] : null,
    },
    samples: parts.samples,
    tests: jsonSafe(parts.tests) as Record<string, unknown>,
  };
}

/** Truth evidence from a bootstrap of the F1 difference: significant when its interval excludes 0. */
export function bootstrapTruthEvidence(f1: F1Figures, f1Bootstrap: BootstrapResult, detail: string): TruthEvidence {
  return {
    f1Baseline: f1.baseline,
    f1Challenger: f1.challenger,
    significant: isInformative(f1Bootstrap.ci) && (f1Bootstrap.ci[0] > 0 || f1Bootstrap.ci[1] < 0),
    pValue: f1Bootstrap.pValue,
    method: 'bootstrap over intervals',
    detail,
  };
}

export interface VerdictEvidence {
  design: ExperimentDesign;
  baselineSamples: readonly IntervalSample[];
  challengerSamples: readonly IntervalSample[];
  /** Intervals the rules count (at least MIN_INTERVALS needed), and those reported in `samples`. */
  intervals: { rules: number; reported: number };
  /** `comparison.metric` when the counts decide (no truth). */
  countsMetric: string;
  counts: CountsEvidence;
  /** Interval for the mean log latency ratio challenger/baseline (null or not finite: none). */
  logLatencyCi: Interval | null;
  truth: TruthEvidence | null;
  /** Gives the F1 difference its interval when the truth decides. */
  f1Bootstrap: BootstrapResult | null;
  srm: Verdict['srm'];
  /** Each test's raw output; the arms' skipped fractions are added at the end. */
  tests: Record<string, unknown>;
  override?: VerdictParts['override'];
}

/** The Verdict from one verdict's evidence: the truth decides the comparison when there is any, else the counts. */
export function assembleVerdict(e: VerdictEvidence): Verdict {
  const { design, baselineSamples, challengerSamples, counts, truth } = e;
  const baselineMs = meanLatencyMs(baselineSamples);
  const challengerMs = meanLatencyMs(challengerSamples);
  const latency: Verdict['latency'] = {
    baselineMs,
    challengerMs,
    ratio: latencyRatio(baselineMs, challengerMs),
    ci: isInformative(e.logLatencyCi) ? [Math.exp(e.logLatencyCi[0]), Math.exp(e.logLatencyCi[1])] : null,
  };

  const f1Ci = e.f1Bootstrap && isInformative(e.f1Bootstrap.ci) ? e.f1Bootstrap.ci : null;
  const f1Difference = truth ? truth.f1Challenger - truth.f1Baseline : 0;
  const comparison: Comparison = truth
    ? { metric: 'f1_difference', difference: f1Difference, ci: f1Ci ?? NO_F1_INTERVAL, pValue: truth.pValue, significant: truth.significant }
    : {
        metric: e.countsMetric,
        difference: counts.relative ?? 0,
        ci: counts.ci ?? NO_RELATIVE_INTERVAL,
        pValue: counts.pValue,
        significant: counts.significant,
      };
  const percent = (ci: Interval | null): Interval | null => (ci ? [ci[0] * 100, ci[1] * 100] : null);
  const improvement = truth
    ? { percent: f1Difference * 100, ci: percent(f1Ci) }
    : { percent: counts.relative === null ? null : counts.relative * 100, ci: percent(counts.ci) };

  const baselineFrames = framesOf(baselineSamples);
  const challengerFrames = framesOf(challengerSamples);
  const challengerSkipFraction = skipFraction(challengerSamples);
  return buildVerdict({
    input: {
      confidence: design.confidence,
      margin: design.guards.maxCountDifference,
      maxLatencyRatio: design.guards.maxLatencyRatio,
      minSamples: design.minSamples,
      baselineFrames,
      challengerFrames,
      intervals: e.intervals.rules,
      counts,
      truth,
      latency,
      challengerSkipFraction,
    },
    comparison,
    comparisonFallbackCi: truth ? NO_F1_INTERVAL : NO_RELATIVE_INTERVAL,
    srm: e.srm,
    improvement,
    samples: { baselineFrames, challengerFrames, intervals: e.intervals.reported, minSamples: design.minSamples },
    tests: { ...e.tests, skipped: { baseline: skipFraction(baselineSamples), challenger: challengerSkipFraction } },
    override: e.override,
  });
}
