import type { ModelDto } from '../../shared/dto';
import type {
  DerivedVersionDto,
  DeploymentDto,
  DeploymentEventDto,
  EvaluationResultDto,
  ImportResultDto,
  ModelBranchDto,
  ModelCommitDto,
  ModelDetailDto,
  PipelineDto,
  PromoteResultDto,
  RollbackResultDto,
  TrainingRunDto,
  VerifyResultDto,
} from '../../shared/dto-models';
import type { SqliteDatabase } from '../db/open-database';
import type { Repositories } from '../db/repositories';
import type { TrainingStatus } from '../../shared/enums';
import { toModelDto, toModelVersionDto } from '../handlers/dto-mappers';
import { promote, type PromoteRequest } from './deployment-pipeline';
import { deriveVersion, type DeriveRequest } from './derive/derive-version';
import { evaluateVersion, type EvaluateRequest } from './evaluate';
import { importModel, type ImportModelRequest } from './import-model';
import { verifyVersionFile } from './model-loader';
import { createRegistryContext, type RegistryContext, type RegistryOptions } from './registry-context';
import { toBranchDto, toCommitDto, toDeploymentDto, toEventDto, toMetricDto, toPipelineDto, toTrainingDto } from './registry-dto';
import { RegistryError } from './registry-error';
import { rollback, type RollbackRequest } from './rollback';
import { readTrainingFile, recordTrainingRun } from './training-history';
import type { OnProgress } from './work-progress';
import {
  branchesOf,
  commitsOf,
  createBranch,
  latestCommitFor,
  mergeBranch,
  reviewerId,
  reviewVersion,
  type CreateBranchRequest,
  type MergeRequest,
  type ReviewRequest,
} from './version-control';

export interface TrainingImportRequest {
  modelId: string;
  version?: string;
  path: string;
  root?: string;
  runId?: string;
  totalEpochs?: number;
  status?: TrainingStatus;
}

/**
 * The model registry as the app, the headless server and the CLI use it: every operation returns
 * contract DTOs (src/shared/dto-models.ts). The pieces it composes (import, version control,
 * pipeline, rollback, evaluation, loader) are usable on their own, e.g. by the camera engine.
 */
export class ModelRegistry {
  constructor(readonly ctx: RegistryContext) {}

  static open(db: SqliteDatabase, options: RegistryOptions = {}, repos?: Repositories): ModelRegistry {
    return new ModelRegistry(createRegistryContext(db, options, repos));
  }

  /** `progress` hears each step (the Models page's import dialog shows them through `models:progress`). */
  async importModel(r: ImportModelRequest, progress?: OnProgress): Promise<ImportResultDto> {
    const o = await importModel(this.ctx, r, progress);
    const info = o.check?.info;
    return {
      status: o.status,
      repairedStore: o.repairedStore,
      model: toModelDto(o.model),
      version: toModelVersionDto(o.version),
      sha256: o.sha256,
      sizeBytes: o.sizeBytes,
      storePath: o.version.modelFilePath,
      check:
        o.check && info
          ? {
              sampleFrame: o.check.sample.source,
              persons: o.check.sample.persons,
              outputShape: o.check.probe.dims,
              provider: info.provider,
              inputWidth: info.inputWidth,
              inputHeight: info.inputHeight,
              layout: info.layout,
              classes: info.numClasses,
              opset: info.onnx?.opsetVersion ?? null,
              irVersion: info.onnx?.irVersion ?? null,
              producer: info.onnx ? `${info.onnx.producerName} ${info.onnx.producerVersion}`.trim() : null,
              parameterCount: info.onnx?.parameterCount ?? null,
              metadata: info.onnx?.metadata ?? {},
            }
          : null,
      trainingRunId: o.training?.trainingRunId ?? null,
      reviewStatus: latestCommitFor(this.ctx, o.version.modelId ?? '', o.version.versionNumber)?.reviewStatus ?? null,
    };
  }

  /** `models derive`: a re-gridded, int8 or re-thresholded version whose parent is `r.version`. */
  async derive(r: DeriveRequest): Promise<DerivedVersionDto> {
    const o = await deriveVersion(this.ctx, r);
    const v = o.import.version;
    return {
      ref: o.ref,
      parentRef: o.parentRef,
      kind: o.kind,
      inputSize: o.inputSize,
      int8: o.int8,
      confThreshold: o.confThreshold,
      calibration: o.calibration,
      changelog: o.changelog,
      status: o.import.status,
      sha256: o.import.sha256,
      sizeBytes: o.import.sizeBytes,
      version: toModelVersionDto(v),
      reviewStatus: latestCommitFor(this.ctx, r.modelId, v.versionNumber)?.reviewStatus ?? null,
      samplePersons: o.import.check?.sample.persons ?? null,
      ms: o.ms,
    };
  }

  list(): ModelDto[] {
    return this.ctx.repos.aiModels.list().map(toModelDto);
  }

  show(modelId: string): ModelDetailDto {
    const { repos, deployments } = this.ctx;
    const m = repos.aiModels.get(modelId);
    if (!m) throw new RegistryError('NOT_FOUND', `no model "${modelId}"`);
    const commits = commitsOf(this.ctx, modelId);
    const reviewer = (id: number | null): string | null => (id === null ? null : (repos.users.get(id)?.username ?? `user ${id}`));
    return {
      model: {
        ...toModelDto(m),
        modelDescription: m.modelDescription,
        modelConfig: m.modelConfig,
        modelPath: m.modelPath,
        modelMetadataPath: m.modelMetadataPath,
        accuracyScore: m.accuracyScore,
        precisionScore: m.precisionScore,
        recallScore: m.recallScore,
        f1Score: m.f1Score,
      },
      versions: repos.modelVersions.listForModel(modelId).map((v) => ({
        ...toModelVersionDto(v),
        versionCommitHash: v.versionCommitHash,
        modelFilePath: v.modelFilePath,
        trainingDataset: v.trainingDataset,
        reviewStatus: commits.find((c) => c.versionNumber === v.versionNumber)?.reviewStatus ?? null,
      })),
      commits: commits.map((c) => toCommitDto(c, modelId, reviewer)),
      branches: branchesOf(this.ctx, modelId).map((b) => toBranchDto(b, modelId)),
      training: repos.trainingHistory.listForModel(modelId).map(toTrainingDto),
      pipelines: repos.deploymentPipeline.listForModel(modelId).map(toPipelineDto),
      deployments: deployments.listForModel(modelId).map(toDeploymentDto),
      events: deployments.eventsForModel(modelId).map(toEventDto),
      metrics: repos.performanceMetrics.listForModel(modelId, { limit: 100 }).map(toMetricDto),
    };
  }

  createBranch(r: CreateBranchRequest & { createdByName?: string }): ModelBranchDto {
    const createdBy = r.createdByName ? reviewerId(this.ctx, r.createdByName) : (r.createdBy ?? null);
    return toBranchDto(createBranch(this.ctx, { ...r, createdBy }), r.modelId);
  }

  merge(r: MergeRequest): { branch: ModelBranchDto; commit: ModelCommitDto } {
    const o = mergeBranch(this.ctx, r);
    return { branch: toBranchDto(o.branch, r.modelId), commit: toCommitDto(o.commit, r.modelId, () => null) };
  }

  review(r: ReviewRequest): ModelCommitDto {
    const c = reviewVersion(this.ctx, r);
    return toCommitDto(c, r.modelId, () => r.reviewer);
  }

  /** `progress` hears the frames evaluated so far, of how many. */
  async evaluate(r: EvaluateRequest, progress?: OnProgress): Promise<EvaluationResultDto> {
    const o = await evaluateVersion(this.ctx, r, progress);
    return {
      modelId: r.modelId,
      versionNumber: r.version,
      kind: o.kind,
      frames: o.frames,
      ...o.counts,
      ...o.quality,
      latencyMs: o.latencyMs,
      throughputFps: o.throughputFps,
      predicted: o.predicted,
      truth: o.truth,
      matches: o.matches,
      metricId: o.metric.id,
    };
  }

  async promote(r: PromoteRequest): Promise<PromoteResultDto> {
    const o = await promote(this.ctx, r);
    return { pipeline: toPipelineDto(o.pipeline), failed: o.failed, deployment: o.deployment ? toDeploymentDto(o.deployment) : null };
  }

  async rollback(r: RollbackRequest): Promise<RollbackResultDto> {
    const o = await rollback(this.ctx, r);
    return { cameraId: o.scope.cameraId, modelType: o.scope.modelType, from: o.from, to: o.to, reason: o.reason, event: toEventDto(o.event) };
  }

  pipeline(pipelineId: string): PipelineDto & { events: DeploymentEventDto[] } {
    const p = this.ctx.repos.deploymentPipeline.get(pipelineId);
    if (!p) throw new RegistryError('NOT_FOUND', `no pipeline "${pipelineId}"`);
    return { ...toPipelineDto(p), events: this.ctx.deployments.eventsForPipeline(pipelineId).map(toEventDto) };
  }

  deployments(): DeploymentDto[] {
    return this.ctx.deployments.list().map(toDeploymentDto);
  }

  async importTraining(r: TrainingImportRequest): Promise<TrainingRunDto> {
    if (!this.ctx.repos.aiModels.get(r.modelId)) throw new RegistryError('NOT_FOUND', `no model "${r.modelId}"`);
    if (r.version !== undefined && !this.ctx.repos.modelVersions.find(r.modelId, r.version)) {
      throw new RegistryError('NOT_FOUND', `model ${r.modelId} has no version ${r.version}`);
    }
    const file = await readTrainingFile(r.path, r.root);
    return toTrainingDto(recordTrainingRun(this.ctx, r.modelId, r.version ?? null, file, { runId: r.runId, totalEpochs: r.totalEpochs, status: r.status }));
  }

  async verify(modelId: string, version: string): Promise<VerifyResultDto> {
    const c = await verifyVersionFile(this.ctx.db, modelId, version);
    return { modelId, versionNumber: version, ...c };
  }
}
