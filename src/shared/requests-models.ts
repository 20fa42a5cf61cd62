/**
 * Model registry requests (issue: model registry). Spread into `requests` in contract.ts.
 * `models:list` and `models:versions` live in contract.ts (the app shell's read side).
 */
import { z } from 'zod';
import type {
  DerivedVersionDto,
  DeploymentDto,
  EvaluationResultDto,
  ImportResultDto,
  ModelBranchDto,
  ModelCommitDto,
  ModelDetailDto,
  ModelWorkProgressDto,
  PipelineDto,
  DeploymentEventDto,
  PromoteResultDto,
  RollbackResultDto,
  TrainingRunDto,
  VerifyResultDto,
} from './dto-models';
import type { ModelLineageDto, TrainingCurvesDto } from './dto-model-lineage';
import { MODEL_TYPES, PIPELINE_STAGES, REVIEW_DECISIONS, TRAINING_STATUSES } from './enums';
import { emptyInput, idSchema, request } from './request-spec';

/** A file path chosen in a dialog or typed by a technician; resolved and checked by the engine. */
const filePath = z.string().min(1).max(4096);
const modelId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lowercase letters, digits, . _ - (at most 64)');
const version = z.string().min(5).max(50);
const branchName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,31}$/, 'lowercase letters, digits, . _ - (at most 32)');
const person = z.string().min(1).max(100);
const stage = z.enum(PIPELINE_STAGES);
const modelType = z.enum(MODEL_TYPES);
/** Chosen by the caller (a random UUID) so it can ask `models:progress` while the job runs. */
const progressId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'letters, digits, _ or - (8 to 64)');

export const modelRequests = {
  'models:import': request<ImportResultDto>()(
    z.strictObject({
      path: filePath,
      /** The folder the file was picked from; the file, sidecar and training file must stay inside it. */
      root: filePath.optional(),
      sidecarPath: filePath.optional(),
      modelId: modelId.optional(),
      name: z.string().min(1).max(200).optional(),
      modelType: modelType.optional(),
      version: version.optional(),
      description: z.string().max(20_000).optional(),
      changelog: z.string().max(20_000).optional(),
      commitHash: z.string().regex(/^[0-9a-fA-F]{7,64}$/).optional(),
      authorName: z.string().max(200).optional(),
      authorEmail: z.string().max(200).optional(),
      branch: branchName.optional(),
      parentVersion: version.optional(),
      trainingPath: filePath.optional(),
      sampleImage: filePath.optional(),
      progressId: progressId.optional(),
    }),
    'technician',
  ),
  'models:show': request<ModelDetailDto>()(z.strictObject({ modelId: idSchema }), 'viewer'),
  'models:branch': request<ModelBranchDto>()(
    z.strictObject({
      modelId,
      name: branchName,
      baseVersion: version,
      purpose: z.string().min(1).max(50).optional(),
      description: z.string().max(2000).optional(),
      createdBy: person.optional(),
    }),
    'technician',
  ),
  'models:merge': request<{ branch: ModelBranchDto; commit: ModelCommitDto }>()(
    z.strictObject({
      modelId,
      branch: branchName,
      into: branchName.optional(),
      summary: z.string().max(20_000).optional(),
      authorName: z.string().max(200).optional(),
      authorEmail: z.string().max(200).optional(),
    }),
    'technician',
  ),
  'models:review': request<ModelCommitDto>()(
    z.strictObject({
      modelId,
      version,
      decision: z.enum(REVIEW_DECISIONS),
      /** Ignored through the contract: the signed-in user (or the machine's owner on the CLI) is the reviewer. */
      reviewer: person.optional(),
      notes: z.string().max(20_000).optional(),
    }),
    'technician',
  ),
  'models:evaluate': request<EvaluationResultDto>()(
    z.strictObject({
      modelId,
      version,
      source: filePath,
      truthPath: filePath,
      fps: z.number().positive().max(60).optional(),
      maxFrames: z.number().int().positive().max(1_000_000).optional(),
      progressId: progressId.optional(),
    }),
    'technician',
  ),
  /** How far an import or evaluation started with this `progressId` has got; `progress` is null when unknown (not started yet, or long finished). */
  'models:progress': request<{ progress: ModelWorkProgressDto | null }>()(z.strictObject({ progressId }), 'technician'),
  'models:promote': request<PromoteResultDto>()(
    z.strictObject({
      modelId,
      version,
      /** A camera for a per-camera rollout; null or absent for every camera. */
      cameraId: idSchema.nullable().optional(),
      through: stage.optional(),
      canaryCameraId: idSchema.optional(),
      benchmarkRuns: z.number().int().min(1).max(1000).optional(),
      shadowSource: filePath.optional(),
      shadowFrames: z.number().int().min(1).max(1000).optional(),
      minShadowAgreement: z.number().min(0).max(1).optional(),
      requestedBy: person.optional(),
      // Gated rollouts (README "Gated rollouts"): all optional, defaults in the engine.
      /** Several canary cameras for an all-camera rollout (wins over canaryCameraId). */
      canaryCameraIds: z.array(idSchema).min(1).max(32).optional(),
      /** How long the canary runs, guarded, before production (default 30; 0: no canary time, guards not evaluated). */
      canaryMinutes: z.number().min(0).max(10_080).optional(),
      /** Counting lines of the shadow experiment over shadowSource, in the recording's pixels. */
      shadowLines: z
        .array(z.strictObject({ name: z.string().min(1).max(100), x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() }))
        .min(1)
        .max(16)
        .optional(),
      /** Frames of shadowSource the shadow experiment runs over (default 1800). */
      shadowMaxFrames: z.number().int().min(10).max(1_000_000).optional(),
      /** A run_longer shadow verdict passes the shadow stage (default: only deploy_challenger does). */
      allowInconclusiveShadow: z.boolean().optional(),
      /** The experiment whose verdict is the shadow evidence (no re-run). */
      experimentId: z.string().min(1).max(100).optional(),
      /** Past a failing gate (evaluation, shadow verdict, canary guards): why; recorded with who asked. */
      override: z.strictObject({ reason: z.string().trim().min(1).max(2000) }).optional(),
    }),
    'technician',
  ),
  'models:rollback': request<RollbackResultDto>()(
    z.strictObject({
      modelType: modelType.default('detection'),
      cameraId: idSchema.nullable().optional(),
      reason: z.string().trim().min(1).max(2000),
      requestedBy: person.optional(),
    }),
    'technician',
  ),
  'models:pipeline': request<PipelineDto & { events: DeploymentEventDto[] }>()(z.strictObject({ pipelineId: z.string().min(1).max(100) }), 'viewer'),
  'models:deployments': request<DeploymentDto[]>()(emptyInput, 'viewer'),
  'models:training': request<TrainingRunDto>()(
    z.strictObject({
      modelId,
      version: version.optional(),
      path: filePath,
      root: filePath.optional(),
      runId: z.string().min(1).max(100).optional(),
      totalEpochs: z.number().int().min(0).optional(),
      status: z.enum(TRAINING_STATUSES).optional(),
    }),
    'technician',
  ),
  'models:verify': request<VerifyResultDto>()(z.strictObject({ modelId, version }), 'technician'),
  /** The Models page (issue 12): every version's changelog, facts, parents, branches, merges and the cameras running it. */
  'models:lineage': request<ModelLineageDto>()(z.strictObject({ modelId: idSchema }), 'viewer'),
  /** Loss and metrics per epoch from the version's training log (empty series when it has none). */
  'models:trainingCurves': request<TrainingCurvesDto>()(z.strictObject({ modelId: idSchema, version }), 'viewer'),
  /** A new version derived from `version` (its parent): re-gridded, int8-quantized and/or with its own detection threshold. */
  'models:derive': request<DerivedVersionDto>()(
    z
      .strictObject({
        modelId,
        version,
        inputSize: z.number().int().min(64).max(2048).multipleOf(32, 'a multiple of 32 (e.g. 320)').optional(),
        int8: z.boolean().optional(),
        /** Recording, camera URL, image or folder of images to calibrate int8 on (default: the sample frames). */
        calibrate: z.string().min(1).max(4096).optional(),
        calibrationFrames: z.number().int().min(1).max(500).optional(),
        confThreshold: z.number().gt(0, 'between 0 and 1').lt(1, 'between 0 and 1').optional(),
        newVersion: version.optional(),
        authorName: z.string().max(200).optional(),
      })
      .refine((r) => r.inputSize !== undefined || r.int8 === true || r.confThreshold !== undefined, {
        message: 'give an input size, int8 or a detection threshold',
      }),
    'technician',
  ),
} as const;
