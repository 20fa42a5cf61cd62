/**
 * Experiment DTOs (issue 9): what `experiments status --json`, the Experiments page and scripts
 * read. Field names here are a contract (the issue lists them); add fields, never rename.
 */
import type {
  DeploymentStrategy,
  ExperimentGroup,
  ExperimentMode,
  ExperimentSplit,
  ExperimentStatus,
  Recommendation,
  RiskAssessment,
  SuccessMetric,
} from './enums';

export interface ExperimentGuardsDto {
  /** Largest |relative difference| in crossings from the baseline still called "the same" (0.05 = 5 %). */
  maxCountDifference: number;
  /** Largest challenger/baseline latency ratio allowed. */
  maxLatencyRatio: number;
}

export interface ExperimentDesignDto {
  experimentId: string;
  name: string;
  status: ExperimentStatus;
  mode: ExperimentMode;
  split: ExperimentSplit;
  /** The seed's traffic_split_method this split is stored as (random | user_id | session_id). */
  trafficSplitMethod: string;
  baselineRef: string;
  challengerRef: string;
  /** Both versions, each as `{role, ref}` (the way every reply that names a version spells it). */
  arms: Array<{ role: ExperimentGroup; ref: string }>;
  trafficPercent: number;
  minSamples: number;
  confidence: number;
  successMetric: SuccessMetric;
  guards: ExperimentGuardsDto;
  seed: string;
  intervalS: number;
  slotMinutes: number | null;
  burnInS: number;
  cameraIds: string[] | null;
  deviceWatts: number;
  energyPricePerKwh: number;
  startDate: string | null;
  endDate: string | null;
  createdAt: string;
}

export interface ExperimentArmDto {
  role: ExperimentGroup;
  ref: string;
  frames: number;
  skippedFrames: number;
  in: number;
  out: number;
  /** Mean inference latency per processed frame. */
  latencyMs: number | null;
  throughputFps: number | null;
  /** Measured CPU time × the design's device power × energy price, per 1000 frames. */
  costPer1000Frames: number | null;
  /** Percent (0–100) against truth; null without truth. */
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Operators' audit answers behind this arm's truth (intervals without truth of their own). */
  auditAnswers: number;
}

export interface ExperimentComparisonDto {
  metric: string;
  /** Relative difference challenger vs baseline (0.031 = the challenger counts 3.1 % more). */
  difference: number;
  ci: [number, number];
  pValue: number;
  significant: boolean;
}

export interface ExperimentIntervalDto {
  interval: number;
  start: string;
  unit: string;
  baseline: { frames: number; in: number; out: number; latencyMs: number | null } | null;
  challenger: { frames: number; in: number; out: number; latencyMs: number | null } | null;
  /** Shadow: share of crossings both arms counted. */
  agreement: number | null;
}

export interface ExperimentConclusionDto {
  id: number;
  recommendation: Recommendation | null;
  reason: string | null;
  winnerModelId: string | null;
  expectedImprovementPercent: number | null;
  confidenceLevel: number | null;
  risk: RiskAssessment | null;
  strategy: DeploymentStrategy | null;
  createdAt: string;
  /** The rollout pipeline the conclusion started, when it started one. */
  pipelineId: string | null;
}

/** experiments:conclude: the conclusion, and the rollout it started (with its outcome so far). */
export interface ExperimentConcludeDto extends ExperimentConclusionDto {
  pipeline: { pipelineId: string; status: string; failed: { stage: string; code: string; message: string } | null } | null;
}

export interface ExperimentStatusDto {
  experimentId: string;
  name: string;
  status: ExperimentStatus;
  design: ExperimentDesignDto;
  arms: ExperimentArmDto[];
  comparison: ExperimentComparisonDto;
  srm: { pValue: number; ok: boolean } | null;
  recommendation: Recommendation;
  reason: string;
  expectedImprovementPercent: number | null;
  improvementCi: [number, number] | null;
  risk: RiskAssessment;
  strategy: DeploymentStrategy;
  samples: { baselineFrames: number; challengerFrames: number; intervals: number; minSamples: number };
  /** Assignments recorded per arm (units: frames, cameras or slots). */
  assignments: Record<ExperimentGroup, number>;
  intervals: ExperimentIntervalDto[];
  conclusions: ExperimentConclusionDto[];
  /**
   * Issue 13 (sales): the conversion rate each arm's counts would give over the experiment's hours
   * with imported sales (src/engine/sales/experiment-conversion.ts); null without sales data.
   */
  conversion?: ExperimentConversionDto | null;
}

/** How a model change moves conversion = transactions ÷ people in (shadow experiments). */
export interface ExperimentConversionDto {
  /** Hours of the experiment that have sales. */
  salesHours: number;
  /** The till's transactions of those hours, scaled to the share of each hour the experiment watched. */
  transactions: number | null;
  baseline: { in: number; conversionRate: number | null } | null;
  challenger: { in: number; conversionRate: number | null } | null;
  /** challenger − baseline, in percentage points. */
  differencePoints: number | null;
  /** In words: "with the challenger's counts conversion would read 3.1 % instead of 3.4 % …", or why there is no figure. */
  text: string;
}

export interface ExperimentRunDto {
  experimentId: string;
  runId: string;
  frames: number;
  intervals: number;
  status: ExperimentStatusDto;
}
