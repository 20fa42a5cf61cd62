/**
 * The shapes the experiment statistics read and write (issue 9, items 4–5). Pure data: the
 * engine fills `IntervalSample`s from `ab_testing_results`, and a `Verdict` goes to
 * `ab_testing_conclusions`, the CLI (`experiments status --json`) and the Experiments page, so
 * every number in a Verdict is finite (JSON-safe) — see `verdict-output.ts`.
 */
export type Arm = 'baseline' | 'challenger';

/** One arm's figures over one interval (shadow: both arms have the same intervals; ab: a slot/camera/frame-bucket served by one arm). */
export interface IntervalSample {
  interval: number; // interval index (shadow: pairs match on it)
  unit: string; // assignment unit: camera id, slot id, or 'frames'
  arm: Arm;
  frames: number; // frames this arm processed in the interval
  skippedFrames: number; // frames it could not process (CPU busy)
  crossings: number; // in + out line crossings counted
  exposureS: number; // seconds of video covered (rate denominator)
  latencyMsMean: number; // mean inference latency per processed frame
  truth?: { tp: number; fp: number; fn: number } | null; // when a truth file or audit exists
}

/** Matched true crossings: for each true crossing, did each arm find it (McNemar's pairs). */
export interface TruthHit {
  baseline: boolean;
  challenger: boolean;
}

export interface ExperimentDesign {
  mode: 'shadow' | 'ab';
  confidence: number; // e.g. 0.95
  minSamples: number; // minimum processed frames per arm before a verdict
  trafficPercent: number; // ab: % of units to the challenger
  successMetric: 'crossings' | 'f1';
  /** Guards: |relative count difference| allowed (equivalence margin), e.g. 0.05; latency ratio challenger/baseline allowed, e.g. 1.2. */
  guards: { maxCountDifference: number; maxLatencyRatio: number };
}

export interface Comparison {
  metric: string;
  difference: number;
  ci: [number, number];
  pValue: number;
  significant: boolean;
}

/** Which decision rule produced the recommendation (machine-readable twin of `reason`). */
export type VerdictRule =
  | 'srm_alarm'
  | 'too_few_samples'
  | 'early_difference'
  | 'no_crossings'
  | 'truth_better'
  | 'truth_better_but_slow'
  | 'truth_worse'
  | 'latency_guard'
  | 'counts_differ'
  | 'equivalent_faster'
  | 'equivalent_nothing_gained'
  | 'undecided';

export interface Verdict {
  comparison: Comparison;
  srm: { pValue: number; ok: boolean; chiSquare: number } | null; // null for shadow
  recommendation: 'deploy_challenger' | 'keep_baseline' | 'run_longer';
  reason: string; // plain words, e.g. "the challenger counts 3.1 % more crossings (95 % CI 1.2–5.0 %) ..."
  expectedImprovementPercent: number | null;
  improvementCi: [number, number] | null;
  risk: 'low' | 'medium' | 'high';
  strategy: 'immediate' | 'gradual' | 'canary';
  latency: { baselineMs: number; challengerMs: number; ratio: number; ci: [number, number] | null };
  samples: { baselineFrames: number; challengerFrames: number; intervals: number; minSamples: number };
  tests: Record<string, unknown>; // every test's raw output for the record (JSON-serialisable)
  /** Added: the rule that decided (see verdict-rules.ts). */
  rule: VerdictRule;
}
