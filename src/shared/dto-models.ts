/** Model-registry data shapes that cross the contract (models:* requests). Pure types. */
import type { ModelDto, ModelVersionDto } from './dto';
import type {
  BranchStatus,
  CrossingDirection,
  DeploymentEventType,
  DeploymentRole,
  ModelType,
  PipelineStage,
  PipelineStatus,
  ReviewStatus,
  StageStatus,
  TrainingStatus,
} from './enums';

export interface ModelRefDto {
  modelId: string;
  versionNumber: string;
}

export interface ModelCheckDto {
  /** The image the model was run on, or 'synthetic' when none was configured. */
  sampleFrame: string;
  persons: number;
  outputShape: number[];
  provider: string;
  inputWidth: number;
  inputHeight: number;
  layout: string;
  classes: number;
  opset: number | null;
  irVersion: number | null;
  producer: string | null;
  parameterCount: number | null;
  metadata: Record<string, string>;
}

export interface ImportResultDto {
  /** 'existing': the same bytes were already registered; nothing was added. */
  status: 'imported' | 'existing';
  /** The store file of an existing version was missing or damaged and was restored from this import. */
  repairedStore: boolean;
  model: ModelDto;
  version: ModelVersionDto;
  sha256: string;
  sizeBytes: number;
  storePath: string | null;
  check: ModelCheckDto | null;
  trainingRunId: string | null;
  reviewStatus: ReviewStatus | null;
}

/** `models:derive`: a new version made from a registered one (`models derive`). */
export interface DerivedVersionDto {
  /** `MODEL_ID@VERSION` of the new version (src/shared/model-ref.ts). */
  ref: string;
  /** `MODEL_ID@VERSION` of the version it was derived from (its parent). */
  parentRef: string;
  /** What was changed, '+'-joined: 'input-size', 'int8', 'conf-threshold' (e.g. 'input-size+int8'). */
  kind: string;
  /** The new version's input size in pixels (square). */
  inputSize: number;
  int8: boolean;
  /** The detection threshold stored in the file, or null when it keeps the detector's default. */
  confThreshold: number | null;
  calibration: { source: string; frames: number; method: string } | null;
  /** The changelog line, e.g. "derived from yolov8n-coco@8.0.0: input 320×320". */
  changelog: string;
  /** 'existing': a derivation with exactly these bytes was already registered. */
  status: 'imported' | 'existing';
  sha256: string;
  sizeBytes: number;
  version: ModelVersionDto;
  reviewStatus: ReviewStatus | null;
  /** People found on the registry's sample frame by the import check (null for 'existing'). */
  samplePersons: number | null;
  /** How long the derivation took (re-grid, calibration, quantization, import). */
  ms: number;
}

export interface ModelCommitDto {
  id: number;
  versionNumber: string;
  parentVersion: string | null;
  branch: string | null;
  commitHash: string | null;
  message: string | null;
  summary: string | null;
  details: unknown;
  authorName: string | null;
  authorEmail: string | null;
  reviewStatus: ReviewStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNotes: string | null;
  createdAt: string;
}

export interface ModelBranchDto {
  name: string;
  fullName: string;
  baseVersion: string;
  purpose: string | null;
  description: string | null;
  status: BranchStatus;
  createdAt: string;
  mergedAt: string | null;
  mergedTo: string | null;
}

export interface TrainingRunDto {
  trainingRunId: string;
  status: TrainingStatus;
  epochsCompleted: number | null;
  totalEpochs: number | null;
  trainingLoss: number | null;
  validationLoss: number | null;
  trainingAccuracy: number | null;
  validationAccuracy: number | null;
  durationHours: number | null;
  startedAt: string;
  completedAt: string | null;
  errorMessage: string | null;
}

export interface PipelineStageDto {
  stage: PipelineStage;
  status: StageStatus;
  startedAt: string | null;
  completedAt: string | null;
  details: unknown;
  error: { code: string; message: string } | null;
}

export interface PipelineDto {
  pipelineId: string;
  modelId: string;
  versionNumber: string;
  /** `MODEL_ID@VERSION` of the version the pipeline rolls out. */
  ref: string;
  /** null: every camera. */
  cameraId: string | null;
  stages: PipelineStageDto[];
  currentStage: string | null;
  stageStatus: PipelineStatus;
  pipelineStatus: PipelineStatus;
  startedAt: string | null;
  completedAt: string | null;
  canRollback: boolean;
  rollbackVersion: string | null;
  rollbackReason: string | null;
  createdAt: string;
}

export interface DeploymentDto {
  /** null: every camera (the site default). */
  cameraId: string | null;
  modelType: ModelType;
  role: DeploymentRole;
  /** `MODEL_ID@VERSION` of the deployed version. */
  ref: string;
  modelId: string;
  versionNumber: string;
  pipelineId: string | null;
  deployedAt: string;
}

export interface DeploymentEventDto {
  id: number;
  eventType: DeploymentEventType;
  cameraId: string | null;
  modelType: ModelType | null;
  modelId: string | null;
  versionNumber: string | null;
  previousModelId: string | null;
  previousVersionNumber: string | null;
  pipelineId: string | null;
  stage: PipelineStage | null;
  reason: string | null;
  details: unknown;
  createdAt: string;
}

export interface PerformanceMetricDto {
  id: number;
  modelVersion: string;
  metricTimestamp: string;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  falsePositiveRate: number | null;
  falseNegativeRate: number | null;
  latencyMs: number | null;
  throughputFps: number | null;
  memoryUsageMb: number | null;
}

export interface ModelDetailDto {
  model: ModelDto & {
    modelDescription: string | null;
    modelConfig: unknown;
    modelPath: string | null;
    modelMetadataPath: string | null;
    accuracyScore: number | null;
    precisionScore: number | null;
    recallScore: number | null;
    f1Score: number | null;
  };
  versions: Array<ModelVersionDto & { versionCommitHash: string | null; modelFilePath: string | null; trainingDataset: string | null; reviewStatus: ReviewStatus | null }>;
  commits: ModelCommitDto[];
  branches: ModelBranchDto[];
  training: TrainingRunDto[];
  pipelines: PipelineDto[];
  deployments: DeploymentDto[];
  events: DeploymentEventDto[];
  metrics: PerformanceMetricDto[];
}

export interface PromoteResultDto {
  pipeline: PipelineDto;
  failed: { stage: PipelineStage; code: string; message: string } | null;
  deployment: DeploymentDto | null;
}

export interface RollbackResultDto {
  cameraId: string | null;
  modelType: ModelType;
  from: ModelRefDto;
  to: ModelRefDto;
  reason: string;
  event: DeploymentEventDto;
}

/** The seed's quality columns, as percentages 0..100 (null where the ratio is undefined). */
export interface QualityMetrics {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /**
   * Event detection has no true negatives, so accuracy here is TP / (TP + FP + FN): the share of
   * all events (true or claimed) that were right (a.k.a. critical success index).
   */
  accuracy: number | null;
  /** FP / predicted events (= 100 − precision): how many counted crossings were phantoms. */
  falsePositiveRate: number | null;
  /** FN / true events (= 100 − recall): how many real crossings were missed. */
  falseNegativeRate: number | null;
}

export interface EvaluationResultDto extends QualityMetrics {
  modelId: string;
  versionNumber: string;
  kind: 'crossings' | 'mot';
  frames: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  latencyMs: number;
  throughputFps: number;
  predicted: Array<{ line: string; direction: CrossingDirection; timeS: number }>;
  truth: Array<{ line: string; direction: CrossingDirection; timeS: number }>;
  matches: Array<{ truth: number; predicted: number; deltaS: number }>;
  metricId: number;
}

export interface VerifyResultDto {
  modelId: string;
  versionNumber: string;
  ok: boolean;
  path: string;
  expected: string;
  actual: string | null;
}

/** What a long model job is doing now (`models:progress`); the dialog that started it polls this. */
export type ModelWorkStage =
  | 'starting'
  // import
  | 'waiting'
  | 'reading'
  | 'verifying'
  | 'copying'
  | 'validating'
  | 'storing'
  // evaluation
  | 'loading'
  | 'evaluating'
  | 'scoring'
  // either, at the end
  | 'done'
  | 'failed';

export interface ModelWorkProgressDto {
  progressId: string;
  work: 'import' | 'evaluation';
  stage: ModelWorkStage;
  /** `steps`: import steps completed of `total`; `frames`: frames evaluated of `total` (null while the recording's length is unknown). */
  unit: 'steps' | 'frames';
  done: number | null;
  total: number | null;
  finished: boolean;
  startedAt: string;
  updatedAt: string;
}
