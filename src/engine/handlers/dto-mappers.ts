import { formatModelRef } from '../../shared/model-ref';
import type {
  CameraDto,
  CameraHealthDto,
  CountEventDto,
  ExperimentDto,
  ModelDto,
  ModelHealthDto,
  ModelVersionDto,
} from '../../shared/dto';
import type { Experiment } from '../db/repositories/ab-testing-rows';
import type { ExperimentDesign } from '../db/repositories/experiment-design-rows';
import type { AiModel } from '../db/repositories/ai-models-repository';
import type { Camera } from '../db/repositories/cameras-repository';
import type { CountingLine } from '../db/repositories/counting-lines-repository';
import type { CountingZone } from '../db/repositories/counting-zones-repository';
import type { HealthSample } from '../db/repositories/health-samples-repository';
import type { ModelVersion } from '../db/repositories/model-versions-repository';
import type { PerformanceMetric } from '../db/repositories/performance-metrics-repository';
import type { StoredCounting } from '../db/result-rows';

/** Repository rows → contract DTOs. The renderer never sees a row, a secret or SQL. */

export function toModelDto(m: AiModel): ModelDto {
  return {
    modelId: m.modelId,
    modelName: m.modelName,
    modelType: m.modelType,
    modelVersion: m.modelVersion,
    modelFramework: m.modelFramework,
    modelFormat: m.modelFormat,
    modelSizeMb: m.modelSizeMb,
    modelParameters: m.modelParameters,
    isActive: m.isActive ?? false,
    isProduction: m.isProduction ?? false,
    deploymentStatus: m.deploymentStatus ?? 'development',
    modelChecksum: m.modelChecksum,
    licence: m.licence,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

export function toModelVersionDto(v: ModelVersion): ModelVersionDto {
  return {
    id: v.id,
    modelId: v.modelId ?? '',
    versionNumber: v.versionNumber,
    ref: formatModelRef(v.modelId ?? '', v.versionNumber),
    versionDescription: v.versionDescription,
    versionChanges: v.versionChanges,
    modelFileSizeMb: v.modelFileSizeMb,
    modelFileChecksum: v.modelFileChecksum,
    validationAccuracy: v.validationAccuracy,
    validationPrecision: v.validationPrecision,
    validationRecall: v.validationRecall,
    validationF1: v.validationF1,
    deploymentStatus: v.deploymentStatus ?? 'not_deployed',
    deploymentEnvironment: v.deploymentEnvironment,
    deploymentTimestamp: v.deploymentTimestamp,
    createdAt: v.createdAt,
  };
}

export function toCameraDto(c: Camera, lines: CountingLine[], zones: CountingZone[]): CameraDto {
  return {
    cameraId: c.cameraId,
    name: c.name,
    sourceKind: c.sourceKind,
    url: c.urlRedacted,
    hasPassword: c.hasPassword,
    enabled: c.enabled,
    processFps: c.processFps ?? 5,
    frameWidth: c.frameWidth ?? 0,
    frameHeight: c.frameHeight ?? 0,
    modelId: c.modelId,
    modelVersion: c.modelVersion,
    tuning: (c.tuning as Record<string, number | boolean> | null) ?? null,
    lines: lines.map((l) => ({ id: l.id, name: l.name, x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2, enabled: l.enabled })),
    zones: zones.map((z) => ({ id: z.id, name: z.name, polygon: z.polygon })),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** `design` is absent for a seed-only row (made by another tool): its refs are then null. */
export function toExperimentDto(e: Experiment, design?: ExperimentDesign): ExperimentDto {
  return {
    mode: design?.mode ?? null,
    split: design?.split ?? null,
    baselineRef: design && e.baselineModelId ? `${e.baselineModelId}@${design.baselineVersion}` : null,
    challengerRef: design && e.challengerModelId ? `${e.challengerModelId}@${design.challengerVersion}` : null,
    experimentId: e.experimentId,
    experimentName: e.experimentName,
    baselineModelId: e.baselineModelId,
    challengerModelId: e.challengerModelId,
    trafficSplitPercent: e.trafficSplitPercent ?? 50,
    experimentStatus: e.experimentStatus ?? 'draft',
    startDate: e.startDate,
    endDate: e.endDate,
    createdAt: e.createdAt,
  };
}

export function toCountEventDto(c: StoredCounting): CountEventDto {
  return {
    eventId: c.countingEventId,
    cameraId: c.cameraId,
    direction: c.direction ?? c.eventType,
    trackId: c.trackId,
    currentIn: c.currentCountIn,
    currentOut: c.currentCountOut,
    createdAt: c.createdAt,
  };
}

export function toCameraHealthDto(s: HealthSample | undefined, camera: Camera): CameraHealthDto {
  return {
    cameraId: camera.cameraId,
    name: camera.name,
    state: s?.state ?? (camera.enabled ? 'connecting' : 'stopped'),
    reason: s?.reason ?? null,
    inputFps: s?.inputFps ?? null,
    processedFps: s?.processedFps ?? null,
    droppedFrames: s?.droppedFrames ?? null,
    inferenceLatencyMs: s?.inferenceLatencyMs ?? null,
    reconnectCount: s?.reconnectCount ?? null,
    lastFrameAt: s?.lastFrameAt ?? null,
    sampledAt: s?.sampledAt ?? null,
  };
}

export function toModelHealthDto(m: PerformanceMetric): ModelHealthDto {
  return {
    modelId: m.modelId ?? '',
    modelVersion: m.modelVersion,
    metricTimestamp: m.metricTimestamp,
    inferenceLatencyMs: m.inferenceLatencyMs,
    throughputFps: m.throughputFps,
    memoryUsageMb: m.memoryUsageMb,
    f1Score: m.f1Score,
  };
}
