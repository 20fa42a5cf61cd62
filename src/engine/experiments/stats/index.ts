/**
 * Experiment statistics (issue 9, items 4–5): classical tests from @stdlib, the always-valid
 * sequential test and the verdicts written here. Pure: no Node API, no I/O (lint-enforced).
 * Direction everywhere: challenger relative to baseline (second argument relative to first).
 */
export type { Arm, Comparison, ExperimentDesign, IntervalSample, TruthHit, Verdict, VerdictRule } from './types';
export type { Interval } from './numeric';
export { pairedDifference, type PairedDifferenceResult } from './paired-difference';
export { sequentialPairedTest, SequentialMonitor, criticalT, logMixtureRatio, DEFAULT_TAU, type SequentialOptions, type SequentialResult } from './sequential-test';
export { mcnemarExact, type McNemarResult } from './mcnemar';
export { poissonRateTest, type PoissonRateResult } from './poisson-rate-test';
export { twoProportionTest, type TwoProportionResult } from './two-proportion-test';
export { welchTTest, type WelchResult } from './welch-t-test';
export {
  bootstrapDifference,
  bootstrapRatioOfSums,
  bootstrapStatistic,
  DEFAULT_RESAMPLES,
  type BootstrapOptions,
  type BootstrapResult,
  type BootstrapDifferenceResult,
  type BootstrapRatioResult,
  type RatioPart,
} from './bootstrap';
export { sampleRatioMismatch, SRM_ALARM_P, type SrmResult } from './sample-ratio-mismatch';
export { assignmentHash, deterministicAssign, fnv1a32, fmix32 } from './assignment';
export { DEFAULT_BOOTSTRAP_SEED, type AnalyzeOptions } from './analyze-options';
export { analyzeShadow } from './analyze-shadow';
export { analyzeAb, srmCounts, type AnalyzeAbOptions } from './analyze-ab';
export { FASTER_RATIO, MIN_INTERVALS } from './verdict-rules';
export { NO_RELATIVE_INTERVAL, NO_F1_INTERVAL, RELATIVE_CAP, RELATIVE_FLOOR } from './verdict-output';
