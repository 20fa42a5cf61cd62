/**
 * The pipeline's last stage: the gate (rollout-gate.ts, over the evaluation, the shadow verdict and
 * the canary's guard history), then, in one transaction, the version becomes the scope's one
 * production version, its canaries are removed and a 'promoted' event records what it replaced
 * and any override. A failing gate without an override fails the stage and leaves production as
 * it was.
 */
import { formatModelRef } from '../../shared/model-ref';
import { scopeOf, type Details } from './pipeline-config';
import { syncModelFlags } from './production-flags';
import { RegistryError } from './registry-error';
import { evaluateGate } from './rollout-gate';
import { refText, stageError, type StageResult, type StageRun } from './stage-run';

/** Why the latest canary of this version was rolled back by a guard (null: none was, or this pipeline's canary has proved it since). */
function guardHistory(s: StageRun): string | null {
  const canary = s.stages.find((x) => x.stage === 'canary');
  if (canary?.status === 'completed' && canary.details?.guardsHeld === true) return null;
  const last = [...s.ctx.deployments.eventsForModel(s.modelId)]
    .reverse()
    .find((e) => e.eventType === 'rolled_back' && e.stage === 'canary' && e.previousModelId === s.modelId && e.previousVersionNumber === s.version);
  return last ? (last.reason ?? 'canary rolled back') : null;
}

/** production: the gate, then the version becomes the scope's one production version. */
export async function productionStage(s: StageRun): Promise<StageResult> {
  const scope = scopeOf(s.config);
  if (scope.cameraId !== null && !s.ctx.repos.cameras.get(scope.cameraId)) {
    throw new RegistryError('CAMERA_NOT_FOUND', `no camera "${scope.cameraId}"`);
  }
  const current = s.ctx.deployments.get(scope, 'production') ?? (scope.cameraId !== null ? s.ctx.deployments.get({ cameraId: null, modelType: scope.modelType }, 'production') : undefined);
  const shadow = s.stages.find((x) => x.stage === 'shadow');
  const gate = evaluateGate(
    {
      candidate: { ref: formatModelRef(s.modelId, s.version), f1: s.ctx.repos.modelVersions.find(s.modelId, s.version)?.validationF1 ?? null },
      production: current ? { ref: refText(current), f1: s.ctx.repos.modelVersions.find(current.modelId, current.versionNumber)?.validationF1 ?? null } : null,
      shadowAgainst: typeof shadow?.details?.against === 'string' ? shadow.details.against : null,
      guardAgainst: guardHistory(s),
    },
    s.config.gate,
  );
  const override = s.config.override;
  const gateDetails: Details = {
    ok: gate.ok,
    checks: gate.checks.map((c) => ({ check: c.check, ok: c.ok, message: c.message })),
    ...(gate.ok ? {} : { failures: gate.failures }),
    ...(!gate.ok && override ? { override: { reason: override.reason, by: override.by } } : {}),
  };
  if (!gate.ok && !override) {
    throw stageError(
      'GATE_FAILED',
      `${formatModelRef(s.modelId, s.version)} cannot reach production: ${gate.failures.join('; ')}. Rolling out anyway needs an override with a reason`,
      { gate: gateDetails },
    );
  }
  const overrideText = !gate.ok && override ? `past a failing gate (${gate.failures.join('; ')}), overridden by ${override.by ?? 'an unnamed user'}: ${override.reason}` : null;
  return s.ctx.repos.transaction((): StageResult => {
    const previous = s.ctx.deployments.get(scope, 'production');
    const same = previous?.modelId === s.modelId && previous.versionNumber === s.version;
    s.ctx.deployments.set(scope, 'production', { modelId: s.modelId, versionNumber: s.version, pipelineId: s.pipeline.pipelineId });
    s.ctx.deployments.removeCanaries(s.modelId, s.version);
    if (!same) {
      const by = s.config.requestedBy ? `promoted by ${s.config.requestedBy}` : 'promoted';
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
        reason: overrideText ? `${by} ${overrideText}` : by,
        ...(overrideText ? { details: { gate: gateDetails } } : {}),
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
        gate: gateDetails,
      },
    };
  });
}
