/**
 * The deployment pipeline's orchestration: promote() checks the request, opens the scope's
 * pipeline for the version (or continues the open one), and runs validate → benchmark → shadow →
 * canary → production (stage-*.ts) in order, writing each stage's status, times and findings to
 * pipeline_stages and model_deployment_events as it happens; a failed stage fails the pipeline and
 * removes its canary. waitingCanaries() lists the canaries the CanaryMonitor continues. The
 * request types live in promote-request.ts and the stored config in pipeline-config.ts; what of
 * them callers use is re-exported here, so they keep importing this one module.
 */
import { randomBytes } from 'node:crypto';
import { arch, platform } from 'node:os';
import type { DeploymentPipeline } from '../db/repositories/deployment-pipeline-repository';
import type { CameraDeployment } from '../db/repositories/model-deployments-repository';
import { formatModelRef } from '../../shared/model-ref';
import { PIPELINE_STAGES, type DeploymentEventType, type ModelType, type PipelineStage } from '../../shared/enums';
import { resolveDeployedModel } from './model-loader';
import { configOf, continuationConfig, gateLimitsOf, initialConfig, scopeOf, type Details } from './pipeline-config';
import { syncModelFlags } from './production-flags';
import { freshStages, stagesFromJson, stagesToJson, type StageRecord } from './pipeline-stages';
import type { PromoteOptions, PromoteRequest } from './promote-request';
import type { RegistryContext } from './registry-context';
import { describeError, RegistryError } from './registry-error';
import { evaluationCheck } from './rollout-gate';
import { benchmarkStage } from './stage-benchmark';
import { canaryStage } from './stage-canary';
import { productionStage } from './stage-production';
import { refText, type StageResult, type StageRun } from './stage-run';
import { shadowStage } from './stage-shadow';
import { validateStage } from './stage-validate';
import { requireApproved } from './version-control';

export type { PromoteOptions, PromoteRequest, ShadowLine } from './promote-request';
export { ROLLOUT_DEFAULTS } from './pipeline-config';

export interface PromoteOutcome {
  pipeline: DeploymentPipeline;
  /** The stage that failed, when one did (the pipeline row says the same). */
  failed: { stage: PipelineStage; code: string; message: string } | null;
  /** The production deployment the pipeline made, once it reached production. */
  deployment: CameraDeployment | null;
}

const RUNNERS: Record<PipelineStage, (s: StageRun) => Promise<StageResult>> = {
  validate: validateStage,
  benchmark: benchmarkStage,
  shadow: shadowStage,
  canary: canaryStage,
  production: productionStage,
};

const isOpen = (p: DeploymentPipeline): boolean => p.pipelineStatus === 'pending' || p.pipelineStatus === 'running';

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
    deploymentConfig: initialConfig(ctx, r, modelType),
    environmentConfig: { provider: ctx.provider, platform: platform(), arch: arch(), node: process.versions.node },
    canRollback: true,
  });
}

/**
 * Moves a version through validate → benchmark → shadow → canary → production for one scope
 * (a camera, or every camera). Each stage's status, start and end time and findings are written to
 * pipeline_stages as it happens, along with current_stage / stage_status / pipeline_status, and
 * mirrored as model_deployment_events. A failed stage stops the pipeline (status 'failed', the
 * canary removed with a 'rolled_back' event per canary camera) and leaves production untouched.
 *
 * The canary stage waits: it puts the version on its camera(s) and returns with the pipeline
 * 'running' at 'canary'; a later call (the engine's CanaryMonitor, or the user) checks its guards
 * and, once canaryMinutes have passed with the guards held, completes it and goes on to
 * production. A breached guard fails the stage and rolls the canary back.
 *
 * Refused up front: unknown version or camera, a version whose latest change is not approved in
 * review, and — when the call would put it on a camera — a version whose evaluation fails the gate
 * without an override (GATE_FAILED).
 */
export async function promote(ctx: RegistryContext, r: PromoteRequest, options: PromoteOptions = {}): Promise<PromoteOutcome> {
  const now = options.now ?? Date.now;
  const stamp = (): string => new Date(now()).toISOString();
  const model = ctx.repos.aiModels.get(r.modelId);
  if (!model) throw new RegistryError('NOT_FOUND', `no model "${r.modelId}"`);
  const candidate = ctx.repos.modelVersions.find(r.modelId, r.version);
  if (!candidate) throw new RegistryError('NOT_FOUND', `model ${r.modelId} has no version ${r.version}`);
  const scopeCamera = r.cameraId ?? null;
  if (scopeCamera !== null && !ctx.repos.cameras.get(scopeCamera)) throw new RegistryError('CAMERA_NOT_FOUND', `no camera "${scopeCamera}"`);
  for (const id of [...(r.canaryCameraId !== undefined ? [r.canaryCameraId] : []), ...(r.canaryCameraIds ?? [])]) {
    if (!ctx.repos.cameras.get(id)) throw new RegistryError('CAMERA_NOT_FOUND', `no camera "${id}" for the canary`);
  }
  requireApproved(ctx, r.modelId, r.version);
  const through = r.through ?? 'production';
  const lastIndex = PIPELINE_STAGES.indexOf(through);

  const existing = openPipeline(ctx, r, scopeCamera);
  // The evaluation part of the gate, before the version serves counts on any camera and before
  // any row is written. (Once the canary runs, the production stage's gate judges the version
  // and records the outcome, overridden or not.)
  const existingConfig = existing ? configOf(existing) : null;
  const canaryStatus = existing ? stagesFromJson(existing.pipelineStages).find((x) => x.stage === 'canary')?.status : 'pending';
  const override = r.override ?? existingConfig?.override ?? null;
  if (lastIndex >= PIPELINE_STAGES.indexOf('canary') && canaryStatus === 'pending' && !override) {
    const production = resolveDeployedModel(ctx.db, scopeCamera, model.modelType);
    const check = evaluationCheck(
      {
        candidate: { ref: formatModelRef(r.modelId, r.version), f1: candidate.validationF1 },
        production: production ? { ref: refText(production), f1: ctx.repos.modelVersions.find(production.modelId, production.versionNumber)?.validationF1 ?? null } : null,
      },
      r.gate || !existingConfig ? gateLimitsOf(ctx, r) : existingConfig.gate,
    );
    if (!check.ok) {
      throw new RegistryError(
        'GATE_FAILED',
        `${check.message}: it cannot go to a camera. Evaluate a better version, or roll out anyway with an override (who and why), which is recorded`,
      );
    }
  }

  let pipeline = existing ?? createPipeline(ctx, r, model.modelType);
  const overrides = continuationConfig(ctx, r);
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
    // A canary already on its cameras is resumed (its guards checked), not started again.
    const resuming = record.stage === 'canary' && record.status === 'running' && typeof record.details?.canaryStartedAt === 'string';
    if (!resuming) {
      const startedAt = stamp();
      Object.assign(record, { status: 'running', startedAt, completedAt: null, details: null, error: null });
      ctx.repos.transaction(() => {
        save({ currentStage: record.stage, stageStatus: 'running', pipelineStatus: 'running', pipelineStartedAt: pipeline.pipelineStartedAt ?? startedAt });
        event('stage_started', record.stage, null, null);
        syncModelFlags(ctx, r.modelId);
      });
    }
    try {
      const result = await RUNNERS[record.stage]({ ctx, pipeline, config, modelId: r.modelId, version: r.version, record, stages, now });
      if (result.status === 'waiting') {
        // The canary proves itself on its camera(s); the pipeline stays running at this stage.
        record.details = result.details;
        ctx.repos.transaction(() => {
          save({ currentStage: record.stage, stageStatus: 'running', pipelineStatus: 'running' });
          syncModelFlags(ctx, r.modelId);
        });
        break;
      }
      const completedAt = stamp();
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
      const completedAt = stamp();
      Object.assign(record, { status: 'failed', completedAt, error, details });
      const breached = error.code === 'CANARY_GUARD_BREACHED';
      ctx.repos.transaction(() => {
        // A failed rollout must not leave its canary counting: each canary camera goes back to
        // its production version, recorded as a rollback of that camera.
        const canaries = ctx.deployments.listForVersion(r.modelId, r.version).filter((d) => d.role === 'canary');
        ctx.deployments.removeCanaries(r.modelId, r.version);
        save({
          stageStatus: 'failed',
          pipelineStatus: 'failed',
          pipelineCompletedAt: completedAt,
          canRollback: false,
          ...(breached ? { rollbackReason: error.message } : {}),
        });
        event('stage_failed', record.stage, `${error.code}: ${error.message}`, details);
        for (const c of canaries) {
          const back = resolveDeployedModel(ctx.db, c.cameraId, c.modelType);
          ctx.deployments.recordEvent({
            eventType: 'rolled_back',
            cameraId: c.cameraId,
            modelType: c.modelType,
            modelId: back?.modelId ?? null,
            versionNumber: back?.versionNumber ?? null,
            previousModelId: r.modelId,
            previousVersionNumber: r.version,
            pipelineId: pipeline.pipelineId,
            stage: 'canary',
            reason: breached ? error.message : `canary removed: the ${record.stage} stage failed (${error.code}: ${error.message})`,
            details: { automatic: true, failedStage: record.stage, code: error.code, ...(details && breached ? { checks: details.checks ?? null } : {}) },
          });
        }
        syncModelFlags(ctx, r.modelId);
      });
      failed = { stage: record.stage, ...error };
      break;
    }
  }
  const deployment = pipeline.pipelineStatus === 'completed' ? (ctx.deployments.get(scopeOf(config), 'production') ?? null) : null;
  return { pipeline, failed, deployment };
}

/** Open pipelines whose canary is on its cameras, waiting on its guards (what the CanaryMonitor watches). */
export function waitingCanaries(ctx: RegistryContext): Array<{ pipeline: DeploymentPipeline; request: PromoteRequest }> {
  return ctx.repos.deploymentPipeline.listUnfinished().flatMap((p) => {
    const canary = stagesFromJson(p.pipelineStages).find((s) => s.stage === 'canary');
    if (!p.modelId || canary?.status !== 'running' || typeof canary.details?.canaryStartedAt !== 'string') return [];
    const config = configOf(p);
    // A later call that asked only for earlier stages must not leave the canary unwatched.
    const through = PIPELINE_STAGES.indexOf(config.target) < PIPELINE_STAGES.indexOf('canary') ? 'canary' : config.target;
    return [{ pipeline: p, request: { modelId: p.modelId, version: p.versionNumber, cameraId: config.cameraId, through } }];
  });
}
