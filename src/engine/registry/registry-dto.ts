import { formatModelRef } from '../../shared/model-ref';
import type {
  DeploymentDto,
  DeploymentEventDto,
  ModelBranchDto,
  ModelCommitDto,
  PerformanceMetricDto,
  PipelineDto,
  TrainingRunDto,
} from '../../shared/dto-models';
import type { DeploymentPipeline } from '../db/repositories/deployment-pipeline-repository';
import type { CameraDeployment, DeploymentEvent } from '../db/repositories/model-deployments-repository';
import type { PerformanceMetric } from '../db/repositories/performance-metrics-repository';
import type { TrainingRun } from '../db/repositories/training-history-repository';
import type { ModelBranch, ModelCommit } from '../db/repositories/version-control-repository';
import { stagesFromJson } from './pipeline-stages';
import { shortBranchName } from './version-control';

// Registry rows → contract DTOs (models:* requests). Core model/version DTOs come from
// services/dto-mappers.ts.

export function toCommitDto(c: ModelCommit, modelId: string, reviewer: (id: number | null) => string | null): ModelCommitDto {
  return {
    id: c.id,
    versionNumber: c.versionNumber,
    parentVersion: c.parentVersion,
    branch: shortBranchName(modelId, c.branchName),
    commitHash: c.commitHash,
    message: c.commitMessage,
    summary: c.changesSummary,
    details: c.changesDetails,
    authorName: c.authorName,
    authorEmail: c.authorEmail,
    reviewStatus: c.reviewStatus ?? 'pending',
    reviewedBy: reviewer(c.reviewedBy),
    reviewedAt: c.reviewedAt,
    reviewNotes: c.reviewNotes,
    createdAt: c.createdAt,
  };
}

export function toBranchDto(b: ModelBranch, modelId: string): ModelBranchDto {
  return {
    name: shortBranchName(modelId, b.branchName) ?? b.branchName,
    fullName: b.branchName,
    baseVersion: b.baseVersion,
    purpose: b.branchPurpose,
    description: b.branchDescription,
    status: b.branchStatus ?? 'active',
    createdAt: b.createdAt,
    mergedAt: b.mergedAt,
    mergedTo: shortBranchName(modelId, b.mergedTo),
  };
}

export function toTrainingDto(t: TrainingRun): TrainingRunDto {
  return {
    trainingRunId: t.trainingRunId,
    status: t.trainingStatus ?? 'running',
    epochsCompleted: t.epochsCompleted,
    totalEpochs: t.totalEpochs,
    trainingLoss: t.trainingLoss,
    validationLoss: t.validationLoss,
    trainingAccuracy: t.trainingAccuracy,
    validationAccuracy: t.validationAccuracy,
    durationHours: t.trainingDurationHours,
    startedAt: t.startedAt,
    completedAt: t.completedAt,
    errorMessage: t.errorMessage,
  };
}

export function toPipelineDto(p: DeploymentPipeline): PipelineDto {
  const config = p.deploymentConfig && typeof p.deploymentConfig === 'object' && !Array.isArray(p.deploymentConfig) ? p.deploymentConfig : {};
  return {
    pipelineId: p.pipelineId,
    modelId: p.modelId ?? '',
    versionNumber: p.versionNumber,
    ref: formatModelRef(p.modelId ?? '', p.versionNumber),
    cameraId: typeof config.cameraId === 'string' ? config.cameraId : null,
    stages: stagesFromJson(p.pipelineStages),
    currentStage: p.currentStage,
    stageStatus: p.stageStatus ?? 'pending',
    pipelineStatus: p.pipelineStatus ?? 'pending',
    startedAt: p.pipelineStartedAt,
    completedAt: p.pipelineCompletedAt,
    canRollback: p.canRollback ?? false,
    rollbackVersion: p.rollbackVersion,
    rollbackReason: p.rollbackReason,
    createdAt: p.createdAt,
  };
}

export function toDeploymentDto(d: CameraDeployment): DeploymentDto {
  return {
    cameraId: d.cameraId,
    modelType: d.modelType,
    role: d.role,
    ref: formatModelRef(d.modelId, d.versionNumber),
    modelId: d.modelId,
    versionNumber: d.versionNumber,
    pipelineId: d.pipelineId,
    deployedAt: d.deployedAt,
  };
}

export function toEventDto(e: DeploymentEvent): DeploymentEventDto {
  return { ...e };
}

export function toMetricDto(m: PerformanceMetric): PerformanceMetricDto {
  return {
    id: m.id,
    modelVersion: m.modelVersion,
    metricTimestamp: m.metricTimestamp,
    accuracy: m.accuracyScore,
    precision: m.precisionScore,
    recall: m.recallScore,
    f1: m.f1Score,
    falsePositiveRate: m.falsePositiveRate,
    falseNegativeRate: m.falseNegativeRate,
    latencyMs: m.inferenceLatencyMs,
    throughputFps: m.throughputFps,
    memoryUsageMb: m.memoryUsageMb,
  };
}
