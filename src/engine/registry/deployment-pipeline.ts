import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { collectFrames } from '../capture/collect-frames';
import { sourceFromArgument } from '../capture/source-argument';
import type { JsonValue } from '../db/json-column';
import type { DeploymentPipeline } from '../db/repositories/deployment-pipeline-repository';
import type { CameraDeployment, DeploymentScope } from '../db/repositories/model-deployments-repository';
import { isOneOf, MODEL_TYPES, PIPELINE_STAGES, type DeploymentEventType, type ModelType, type PipelineStage } from '../../shared/enums';
import type { PersonDetector } from '../inference/person-detector';
import { benchmarkDetector } from './benchmark';
import { matchBoxes, type Box } from './box-matching';
import { loadVerifiedDetector, recordLoadFailure, resolveDeployedModel } from './model-loader';
import { sha256Of } from './model-store';
import { syncModelFlags } from './production-flags';
import { freshStages, stagesFromJson, stagesToJson, type StageRecord } from './pipeline-stages';
import type { RegistryContext } from './registry-context';
import { describeError, RegistryError } from './registry-error';
import { loadSampleFrame } from './sample-frame';
import { checkModelFile } from './validate-model';
import { requireApproved } from './version-control';

export interface PromoteRequest {
  modelId: string;
  version: string;
  /** A camera id for a per-camera rollout; null or absent for every camera (the site default). */
  cameraId?: string | null;
  /** Run the stages up to and including this one (default 'production'); a later call continues. */
  through?: PipelineStage;
  /** For a site-wide rollout: the camera that runs the canary (default: the first enabled camera). */
  canaryCameraId?: string;
  /** Timed detector runs in the benchmark stage (default 5). */
  benchmarkRuns?: number;
  /** A recording to shadow-compare on, besides the sample frame. */
  shadowSource?: string;
  shadowFrames?: number;
  /** Shadow stage fails below this agreement with the current production version (default 0.5). */
  minShadowAgreement?: number;
  requestedBy?: string;
}

export interface PromoteOutcome {
  pipeline: DeploymentPipeline;
  /** The stage that failed, when one did (the pipeline row says the same). */
  failed: { stage: PipelineStage; code: string; message: string } | null;
  /** The production deployment the pipeline made, once it reached production. */
  deployment: CameraDeployment | null;
}

interface PipelineConfig {
  cameraId: string | null;
  modelType: ModelType;
  canaryCameraId: string | null;
  benchmarkRuns: number;
  shadowSource: string | null;
  shadowFrames: number;
  minShadowAgreement: number;
  requestedBy: string | null;
}

type Details = { [key: string]: JsonValue };
type StageResult = { status: 'completed' | 'skipped'; details: Details };

interface StageRun {
  ctx: RegistryContext;
  pipeline: DeploymentPipeline;
  config: PipelineConfig;
  modelId: string;
  version: string;
}

const SHADOW_CONFIDENCE = 0.25;

function configOf(p: DeploymentPipeline): PipelineConfig {
  const c = (p.deploymentConfig && typeof p.deploymentConfig === 'object' && !Array.isArray(p.deploymentConfig) ? p.deploymentConfig : {}) as Details;
  const num = (v: JsonValue | undefined, d: number): number => (typeof v === 'number' ? v : d);
  const strOrNull = (v: JsonValue | undefined): string | null => (typeof v === 'string' ? v : null);
  return {
    cameraId: strOrNull(c.cameraId),
    modelType: isOneOf(MODEL_TYPES, c.modelType) ? c.modelType : 'detection',
    canaryCameraId: strOrNull(c.canaryCameraId),
    benchmarkRuns: num(c.benchmarkRuns, 5),
    shadowSource: strOrNull(c.shadowSource),
    shadowFrames: num(c.shadowFrames, 8),
    minShadowAgreement: num(c.minShadowAgreement, 0.5),
    requestedBy: strOrNull(c.requestedBy),
  };
}

function scopeOf(config: PipelineConfig): DeploymentScope {
  return { cameraId: config.cameraId, modelType: config.modelType };
}

const isOpen = (p: DeploymentPipeline): boolean => p.pipelineStatus === 'pending' || p.pipelineStatus === 'running';

function boxesOf(detections: { length: number; xyxy: Float32Array; confidence: Float32Array }): Box[] {
  const out: Box[] = [];
  for (let i = 0; i < detections.length; i++) {
    if (detections.confidence[i]! < SHADOW_CONFIDENCE) continue;
    const o = i * 4;
    out.push([detections.xyxy[o]!, detections.xyxy[o + 1]!, detections.xyxy[o + 2]!, detections.xyxy[o + 3]!]);
  }
  return out;
}

// ---- stages ---------------------------------------------------------------------------------

/** validate: approved in review, stored file intact, loads and gives sane output on a real frame. */
async function validateStage(s: StageRun): Promise<StageResult> {
  const commit = requireApproved(s.ctx, s.modelId, s.version);
  const version = s.ctx.repos.modelVersions.find(s.modelId, s.version)!;
  const path = version.modelFilePath;
  const expected = version.modelFileChecksum;
  if (!path || !expected) throw new RegistryError('MODEL_FILE_MISSING', `${s.modelId} ${s.version} has no stored file`);
  const ref = { modelId: s.modelId, versionNumber: s.version };
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const e = new RegistryError('MODEL_FILE_MISSING', `model file ${path} cannot be read`, { cause: err });
    recordLoadFailure(s.ctx.db, ref, e, { purpose: 'validate stage', path });
    throw e;
  }
  const actual = sha256Of(bytes);
  if (actual !== expected) {
    const e = new RegistryError('CHECKSUM_MISMATCH', `model file ${path} has sha256 ${actual}, registered ${expected}: it changed after import`);
    recordLoadFailure(s.ctx.db, ref, e, { purpose: 'validate stage', path });
    throw e;
  }
  const sample = await loadSampleFrame(s.ctx.sampleImage);
  const check = await checkModelFile(path, bytes, expected, sample);
  return {
    status: 'completed',
    details: {
      sha256: expected,
      review: { status: commit.reviewStatus, reviewedBy: commit.reviewedBy, reviewedAt: commit.reviewedAt },
      sampleFrame: check.sample.source,
      persons: check.sample.persons,
      outputShape: check.probe.dims,
    },
  };
}

/** benchmark: latency and throughput on this machine, stored in model_performance_metrics. */
async function benchmarkStage(s: StageRun): Promise<StageResult> {
  const sample = await loadSampleFrame(s.ctx.sampleImage);
  const { detector } = await loadVerifiedDetector(s.ctx.db, s.modelId, s.version, {
    provider: s.ctx.provider,
    intraOpThreads: s.ctx.intraOpThreads,
    purpose: 'benchmark stage',
    cameraId: s.config.cameraId,
  });
  try {
    const b = await benchmarkDetector(detector, sample.frame, s.config.benchmarkRuns);
    const metric = s.ctx.repos.performanceMetrics.record({
      modelId: s.modelId,
      modelVersion: s.version,
      inferenceLatencyMs: Math.round(b.latencyMsMean),
      throughputFps: b.throughputFps,
      memoryUsageMb: b.memoryUsageMb,
    });
    return { status: 'completed', details: { ...b, provider: detector.info.provider, metricId: metric.id, sampleFrame: sample.source } };
  } finally {
    await detector.dispose();
  }
}

/**
 * shadow: the candidate and the version now in production for the scope see the same frames; the
 * candidate's boxes must agree with production's (IoU >= 0.5 matches, agreement = 2·matched /
 * (candidate + production boxes)). Nothing it sees is counted.
 */
async function shadowStage(s: StageRun): Promise<StageResult> {
  const baseline = resolveDeployedModel(s.ctx.db, s.config.cameraId, s.config.modelType);
  if (!baseline || (baseline.modelId === s.modelId && baseline.versionNumber === s.version)) {
    return { status: 'skipped', details: { reason: baseline ? 'already the production version of this scope' : 'no production version to compare with' } };
  }
  const opts = { provider: s.ctx.provider, intraOpThreads: s.ctx.intraOpThreads, purpose: 'shadow stage', cameraId: s.config.cameraId };
  const loaded: PersonDetector[] = [];
  try {
    const candidate = (await loadVerifiedDetector(s.ctx.db, s.modelId, s.version, opts)).detector;
    loaded.push(candidate);
    const production = (await loadVerifiedDetector(s.ctx.db, baseline.modelId, baseline.versionNumber, opts)).detector;
    loaded.push(production);
    const sample = await loadSampleFrame(s.ctx.sampleImage);
    const frames = [sample.frame];
    if (s.config.shadowSource) {
      // 2 frames a second, letterboxed to the model's input.
      const size = { width: candidate.info.inputWidth, height: candidate.info.inputHeight };
      frames.push(...(await collectFrames(sourceFromArgument(s.config.shadowSource), { ...size, fps: 2, count: s.config.shadowFrames })));
    }
    let candidateBoxes = 0;
    let productionBoxes = 0;
    let matched = 0;
    for (const frame of frames) {
      const a = boxesOf((await candidate.detect(frame)).detections);
      const b = boxesOf((await production.detect(frame)).detections);
      candidateBoxes += a.length;
      productionBoxes += b.length;
      matched += matchBoxes(a, b, 0.5);
    }
    const total = candidateBoxes + productionBoxes;
    const agreement = total === 0 ? 1 : Math.round(((2 * matched) / total) * 1000) / 1000;
    const details: Details = {
      baseline: { modelId: baseline.modelId, version: baseline.versionNumber },
      frames: frames.length,
      candidateBoxes,
      productionBoxes,
      matched,
      agreement,
      minAgreement: s.config.minShadowAgreement,
    };
    if (agreement < s.config.minShadowAgreement) {
      throw Object.assign(
        new RegistryError('SHADOW_DISAGREEMENT', `shadow agreement ${agreement} with ${baseline.modelId} ${baseline.versionNumber} is below ${s.config.minShadowAgreement}`),
        { details },
      );
    }
    return { status: 'completed', details };
  } finally {
    for (const d of loaded) await d.dispose();
  }
}

/** canary: one camera counts with the candidate before everyone does. */
async function canaryStage(s: StageRun): Promise<StageResult> {
  const cameras = s.ctx.repos.cameras;
  const chosen = s.config.cameraId ?? s.config.canaryCameraId ?? cameras.list({ enabledOnly: true })[0]?.cameraId ?? null;
  if (chosen === null) return { status: 'skipped', details: { reason: 'no cameras registered' } };
  if (!cameras.get(chosen)) throw new RegistryError('CAMERA_NOT_FOUND', `no camera "${chosen}" for the canary`);
  const previous = resolveDeployedModel(s.ctx.db, chosen, s.config.modelType);
  s.ctx.repos.transaction(() => {
    s.ctx.deployments.set({ cameraId: chosen, modelType: s.config.modelType }, 'canary', {
      modelId: s.modelId,
      versionNumber: s.version,
      pipelineId: s.pipeline.pipelineId,
    });
    s.ctx.deployments.recordEvent({
      eventType: 'canary',
      cameraId: chosen,
      modelType: s.config.modelType,
      modelId: s.modelId,
      versionNumber: s.version,
      previousModelId: previous?.modelId ?? null,
      previousVersionNumber: previous?.versionNumber ?? null,
      pipelineId: s.pipeline.pipelineId,
      stage: 'canary',
      reason: 'canary camera',
    });
  });
  return { status: 'completed', details: { cameraId: chosen, previous: previous ? { modelId: previous.modelId, version: previous.versionNumber } : null } };
}

/** production: the version becomes the scope's one production version. */
async function productionStage(s: StageRun): Promise<StageResult> {
  const scope = scopeOf(s.config);
  if (scope.cameraId !== null && !s.ctx.repos.cameras.get(scope.cameraId)) {
    throw new RegistryError('CAMERA_NOT_FOUND', `no camera "${scope.cameraId}"`);
  }
  return s.ctx.repos.transaction((): StageResult => {
    const previous = s.ctx.deployments.get(scope, 'production');
    const same = previous?.modelId === s.modelId && previous.versionNumber === s.version;
    s.ctx.deployments.set(scope, 'production', { modelId: s.modelId, versionNumber: s.version, pipelineId: s.pipeline.pipelineId });
    s.ctx.deployments.removeCanaries(s.modelId, s.version);
    if (!same) {
      s.ctx.deployments.recordEvent({
        eventType: 'promoted',
        cameraId: scope.cameraId,
        modelType: scope.modelType,
        modelId: s.modelId,
        versionNumber: s.version,
        previousModelId: previous?.modelId ?? null,
        previousVersionNumber: previous?.versionNumber ?? null,
        pipelineId: s.pipeline.pipelineId,
        stage: 'production',
        reason: s.config.requestedBy ? `promoted by ${s.config.requestedBy}` : 'promoted',
      });
    }
    // The camera row shows what the camera is pinned to (the cameras page reads it).
    if (scope.cameraId !== null) s.ctx.repos.cameras.update(scope.cameraId, { modelId: s.modelId, modelVersion: s.version });
    s.ctx.repos.deploymentPipeline.update(s.pipeline.pipelineId, {
      canRollback: previous !== undefined && !same,
      rollbackVersion: previous && !same ? previous.versionNumber : null,
    });
    if (previous && previous.modelId !== s.modelId) syncModelFlags(s.ctx, previous.modelId);
    return {
      status: 'completed',
      details: {
        scope: scope.cameraId ?? 'all cameras',
        previous: previous ? { modelId: previous.modelId, version: previous.versionNumber } : null,
        alreadyInProduction: same,
      },
    };
  });
}

const RUNNERS: Record<PipelineStage, (s: StageRun) => Promise<StageResult>> = {
  validate: validateStage,
  benchmark: benchmarkStage,
  shadow: shadowStage,
  canary: canaryStage,
  production: productionStage,
};

// ---- pipeline -------------------------------------------------------------------------------

function openPipeline(ctx: RegistryContext, r: PromoteRequest, scopeCamera: string | null): DeploymentPipeline | undefined {
  return ctx.repos.deploymentPipeline
    .listForModel(r.modelId)
    .find((p) => p.versionNumber === r.version && isOpen(p) && configOf(p).cameraId === scopeCamera);
}

function createPipeline(ctx: RegistryContext, r: PromoteRequest, modelType: ModelType): DeploymentPipeline {
  const pipelineId = `pl-${r.modelId.slice(0, 40)}-${r.version.slice(0, 20)}-${randomBytes(4).toString('hex')}`;
  return ctx.repos.deploymentPipeline.create({
    pipelineId,
    modelId: r.modelId,
    versionNumber: r.version,
    pipelineStages: stagesToJson(freshStages()),
    currentStage: 'validate',
    stageStatus: 'pending',
    pipelineStatus: 'pending',
    deploymentConfig: {
      cameraId: r.cameraId ?? null,
      modelType,
      canaryCameraId: r.canaryCameraId ?? null,
      benchmarkRuns: r.benchmarkRuns ?? 5,
      shadowSource: r.shadowSource ?? null,
      shadowFrames: r.shadowFrames ?? 8,
      minShadowAgreement: r.minShadowAgreement ?? 0.5,
      requestedBy: r.requestedBy ?? null,
    },
    environmentConfig: { provider: ctx.provider, platform: platform(), arch: arch(), node: process.versions.node },
    canRollback: true,
  });
}

/**
 * Moves a version through validate → benchmark → shadow → canary → production for one scope
 * (a camera, or every camera). Each stage's status, start and end time and findings are written to
 * pipeline_stages as it happens, along with current_stage / stage_status / pipeline_status, and
 * mirrored as model_deployment_events. A failed stage stops the pipeline (status 'failed', the
 * canary removed) and leaves production untouched. Refused up front: unknown version or camera,
 * and a version whose latest change is not approved in review.
 */
export async function promote(ctx: RegistryContext, r: PromoteRequest): Promise<PromoteOutcome> {
  const model = ctx.repos.aiModels.get(r.modelId);
  if (!model) throw new RegistryError('NOT_FOUND', `no model "${r.modelId}"`);
  if (!ctx.repos.modelVersions.find(r.modelId, r.version)) throw new RegistryError('NOT_FOUND', `model ${r.modelId} has no version ${r.version}`);
  const scopeCamera = r.cameraId ?? null;
  if (scopeCamera !== null && !ctx.repos.cameras.get(scopeCamera)) throw new RegistryError('CAMERA_NOT_FOUND', `no camera "${scopeCamera}"`);
  if (r.canaryCameraId !== undefined && !ctx.repos.cameras.get(r.canaryCameraId)) {
    throw new RegistryError('CAMERA_NOT_FOUND', `no camera "${r.canaryCameraId}" for the canary`);
  }
  requireApproved(ctx, r.modelId, r.version);
  const through = r.through ?? 'production';
  const lastIndex = PIPELINE_STAGES.indexOf(through);

  let pipeline = openPipeline(ctx, r, scopeCamera) ?? createPipeline(ctx, r, model.modelType);
  // Continuing a pipeline: options given now apply to the stages still to run.
  const overrides: Details = Object.fromEntries(
    Object.entries({
      canaryCameraId: r.canaryCameraId,
      benchmarkRuns: r.benchmarkRuns,
      shadowSource: r.shadowSource,
      shadowFrames: r.shadowFrames,
      minShadowAgreement: r.minShadowAgreement,
      requestedBy: r.requestedBy,
    }).filter((e): e is [string, string | number] => e[1] !== undefined),
  );
  if (Object.keys(overrides).length > 0) {
    const current = (pipeline.deploymentConfig ?? {}) as Details;
    pipeline = ctx.repos.deploymentPipeline.update(pipeline.pipelineId, { deploymentConfig: { ...current, ...overrides } });
  }
  const config = configOf(pipeline);
  const stages: StageRecord[] = stagesFromJson(pipeline.pipelineStages);
  const save = (patch: Parameters<typeof ctx.repos.deploymentPipeline.update>[1]): void => {
    pipeline = ctx.repos.deploymentPipeline.update(pipeline.pipelineId, { pipelineStages: stagesToJson(stages), ...patch });
  };
  const event = (type: Extract<DeploymentEventType, `stage_${string}`>, stage: PipelineStage, reason: string | null, details: Details | null): void => {
    ctx.deployments.recordEvent({
      eventType: type,
      cameraId: config.cameraId,
      modelType: config.modelType,
      modelId: r.modelId,
      versionNumber: r.version,
      pipelineId: pipeline.pipelineId,
      stage,
      reason,
      details,
    });
  };

  let failed: PromoteOutcome['failed'] = null;
  for (let i = 0; i <= lastIndex; i++) {
    const record = stages[i]!;
    if (record.status === 'completed' || record.status === 'skipped') continue;
    const startedAt = new Date().toISOString();
    Object.assign(record, { status: 'running', startedAt, completedAt: null, details: null, error: null });
    ctx.repos.transaction(() => {
      save({ currentStage: record.stage, stageStatus: 'running', pipelineStatus: 'running', pipelineStartedAt: pipeline.pipelineStartedAt ?? startedAt });
      event('stage_started', record.stage, null, null);
      syncModelFlags(ctx, r.modelId);
    });
    try {
      const result = await RUNNERS[record.stage]({ ctx, pipeline, config, modelId: r.modelId, version: r.version });
      const completedAt = new Date().toISOString();
      Object.assign(record, { status: result.status, completedAt, details: result.details });
      const finished = record.stage === 'production';
      ctx.repos.transaction(() => {
        save({
          stageStatus: 'completed',
          ...(finished ? { pipelineStatus: 'completed' as const, pipelineCompletedAt: completedAt } : {}),
        });
        event(result.status === 'skipped' ? 'stage_skipped' : 'stage_completed', record.stage, null, result.details);
        syncModelFlags(ctx, r.modelId);
      });
    } catch (err) {
      const error = describeError(err);
      const details = ((err as { details?: Details }).details ?? null) as Details | null;
      const completedAt = new Date().toISOString();
      Object.assign(record, { status: 'failed', completedAt, error, details });
      ctx.repos.transaction(() => {
        // A failed rollout must not leave its canary counting.
        ctx.deployments.removeCanaries(r.modelId, r.version);
        save({ stageStatus: 'failed', pipelineStatus: 'failed', pipelineCompletedAt: completedAt, canRollback: false });
        event('stage_failed', record.stage, `${error.code}: ${error.message}`, details);
        syncModelFlags(ctx, r.modelId);
      });
      failed = { stage: record.stage, ...error };
      break;
    }
  }
  const deployment = pipeline.pipelineStatus === 'completed' ? (ctx.deployments.get(scopeOf(config), 'production') ?? null) : null;
  return { pipeline, failed, deployment };
}
