/**
 * What the Models page shows about a model's versions beyond `models:show` (issue 12, item 5):
 * the lineage (parents, derived variants, branches, merges), each version's changelog and key
 * facts, the cameras that run it, and a version's training curves. Pure types.
 */
import type { ModelBranchDto } from './dto-models';
import type { ReviewStatus, TrainingStatus } from './enums';

/** How a derived version (`models derive`) differs from its parent, from its version-control details. */
export interface LineageDerivationDto {
  /** `MODEL_ID@VERSION` of the parent it was derived from. */
  derivedFrom: string;
  /** What was changed, in words: "input 320×320", "int8 (QDQ, calibrated on 8 frames of …)", "detection threshold 0.5". */
  changes: string[];
  /** The input size the derivation produced (square), or null when not recorded. */
  inputSize: number | null;
  int8: boolean;
  confThreshold: number | null;
  calibration: { source: string; frames: number; method: string } | null;
}

/** How a version entered the registry. */
export type LineageOrigin = 'import' | 'derive' | 'bundled' | 'registered';

export interface LineageVersionDto {
  versionNumber: string;
  /** `MODEL_ID@VERSION`. */
  ref: string;
  /** The version it was made from (its first version-control entry's parent); null for a first version. */
  parentVersion: string | null;
  /** The short branch name it was recorded on (e.g. "main"). */
  branch: string | null;
  origin: LineageOrigin;
  createdAt: string;
  description: string | null;
  /** The version's changelog (sidecar `changelog`, `--changelog`, or the derivation's line). */
  changelog: string | null;
  author: string | null;
  derivation: LineageDerivationDto | null;
  sizeMb: number | null;
  inputWidth: number | null;
  inputHeight: number | null;
  /** 'int8' when Footfall quantized it; otherwise the precision it was exported with. */
  precision: 'int8' | 'as-exported';
  /** The detection threshold stored in the file by a derivation; null: the detector's default. */
  confThreshold: number | null;
  parameterCount: number | null;
  opset: number | null;
  sha256: string | null;
  /** model_versions.deployment_status: not_deployed, validate … deployed, rolled_back, failed. */
  deploymentStatus: string;
  /** The review of its latest version-control entry. */
  reviewStatus: ReviewStatus | null;
  /** Deployed as production for some scope (every camera or one camera). */
  production: boolean;
  /** Deployed as a canary on some camera. */
  canary: boolean;
  /** Latest evaluation on the shop's footage (percent), with when it was measured. */
  precisionPct: number | null;
  recallPct: number | null;
  f1Pct: number | null;
  evaluatedAt: string | null;
  /** Latest latency / throughput measurement (benchmark or evaluation). */
  latencyMs: number | null;
  throughputFps: number | null;
  measuredAt: string | null;
  trainingDataset: string | null;
  trainingRunId: string | null;
  /** Epochs in the version's training log; 0 when it has none. */
  trainingEpochs: number;
}

/** A merge (`models merge`): the branch's head adopted on the target branch. */
export interface LineageMergeDto {
  /** Graph node id: `merge:<entry id>`. */
  id: string;
  branch: string;
  into: string;
  /** The version adopted by the merge. */
  versionNumber: string;
  /** The target branch's head before the merge (its parent on the target line). */
  previousHead: string | null;
  summary: string | null;
  reviewStatus: ReviewStatus;
  createdAt: string;
}

/**
 * Graph edges between node ids (a version number, or a merge's `merge:<id>`): `parent` a version
 * made from another on the same line, `derived` made by `models derive`, `merge` a branch head
 * adopted by a merge node.
 */
export interface LineageEdgeDto {
  from: string;
  to: string;
  kind: 'parent' | 'derived' | 'merge';
}

/** Which version a camera counts with, and why (the same rule the camera engine follows). */
export interface LineageCameraDto {
  cameraId: string;
  name: string;
  enabled: boolean;
  /** pinned: chosen on the camera; canary / camera: deployed to this camera; site: every camera's production. */
  via: 'pinned' | 'canary' | 'camera' | 'site';
  modelId: string;
  versionNumber: string;
  ref: string;
}

export interface ModelLineageDto {
  modelId: string;
  /** Oldest first. */
  versions: LineageVersionDto[];
  merges: LineageMergeDto[];
  edges: LineageEdgeDto[];
  branches: ModelBranchDto[];
  /** Every camera with the version it runs (of any model); the page picks this model's. */
  cameras: LineageCameraDto[];
}

/** One curve of a training log: a loss, or a quality metric in percent. */
export interface TrainingSeriesDto {
  /** The column in the training log (e.g. `valLoss`, `metrics/mAP50(B)`). */
  key: string;
  /** In words: "Validation loss", "mAP50-95". */
  label: string;
  group: 'loss' | 'metric';
  /** One value per epoch (null where the log has none); metrics in percent. */
  values: Array<number | null>;
}

export interface TrainingCurvesDto {
  modelId: string;
  versionNumber: string;
  trainingRunId: string | null;
  /** 'ultralytics-results-csv' or 'footfall-training-json'; null without a training log. */
  format: string | null;
  status: TrainingStatus | null;
  totalEpochs: number | null;
  /** The epoch numbers as the log counts them; empty without a training log. */
  epochs: number[];
  series: TrainingSeriesDto[];
}
