import { AppError } from '../../shared/result';
import type { CameraDeployment, DeploymentEvent, DeploymentScope } from '../db/repositories/model-deployments-repository';
import type { ModelType } from '../../shared/enums';
import type { ModelRef } from '../pipeline/frame-processor';
import { recordLoadFailure, verifyVersionFile } from './model-loader';
import { syncModelFlags } from './production-flags';
import type { RegistryContext } from './registry-context';
import { RegistryError } from './registry-error';

export interface RollbackRequest {
  modelType?: ModelType;
  /** The camera whose own production version is rolled back; null/absent for the site default. */
  cameraId?: string | null;
  reason: string;
  requestedBy?: string;
}

export interface RollbackOutcome {
  scope: DeploymentScope;
  from: ModelRef;
  to: ModelRef;
  reason: string;
  deployment: CameraDeployment;
  event: DeploymentEvent;
}

interface StackEntry extends ModelRef {
  pipelineId: string | null;
}

/**
 * The scope's production history as a stack: every 'promoted' event pushes its version, every
 * 'rolled_back' pops the version it removed. The top is what runs now; the entry below it is
 * "the previous production version", so rolling back twice walks back two promotions.
 */
export function productionStack(ctx: RegistryContext, scope: DeploymentScope): StackEntry[] {
  const stack: StackEntry[] = [];
  for (const e of ctx.deployments.productionHistory(scope)) {
    if (e.eventType === 'promoted' && e.modelId && e.versionNumber) {
      stack.push({ modelId: e.modelId, versionNumber: e.versionNumber, pipelineId: e.pipelineId });
    } else if (e.eventType === 'rolled_back') {
      stack.pop();
    }
  }
  return stack;
}

/**
 * Puts the scope's previous production version back, with a reason. The previous version's file is
 * re-hashed first: rolling back onto a file that changed on disk would swap one problem for
 * another, so that is refused (and recorded). The pipeline that deployed the removed version keeps
 * the story: rollback_version, rollback_reason, can_rollback = false.
 */
export async function rollback(ctx: RegistryContext, r: RollbackRequest): Promise<RollbackOutcome> {
  const scope: DeploymentScope = { cameraId: r.cameraId ?? null, modelType: r.modelType ?? 'detection' };
  if (!r.reason.trim()) throw new AppError('VALIDATION', 'a rollback needs a reason');
  const current = ctx.deployments.get(scope, 'production');
  const where = scope.cameraId === null ? 'every camera' : `camera ${scope.cameraId}`;
  if (!current) throw new RegistryError('NO_PREVIOUS_VERSION', `no ${scope.modelType} model is in production for ${where}`);
  const stack = productionStack(ctx, scope);
  const top = stack[stack.length - 1];
  const target = stack[stack.length - 2];
  if (!top || top.modelId !== current.modelId || top.versionNumber !== current.versionNumber || !target) {
    throw new RegistryError('NO_PREVIOUS_VERSION', `${current.modelId} ${current.versionNumber} has no previous production version for ${where}`);
  }
  const check = await verifyVersionFile(ctx.db, target.modelId, target.versionNumber);
  if (!check.ok) {
    const err = new RegistryError(
      'CHECKSUM_MISMATCH',
      `cannot roll back to ${target.modelId} ${target.versionNumber}: its file ${check.path} ${check.actual ? 'changed after import' : 'is missing'}`,
    );
    recordLoadFailure(ctx.db, target, err, { cameraId: scope.cameraId, purpose: 'rollback target', path: check.path });
    throw err;
  }
  return ctx.repos.transaction((): RollbackOutcome => {
    const deployment = ctx.deployments.set(scope, 'production', target);
    const event = ctx.deployments.recordEvent({
      eventType: 'rolled_back',
      cameraId: scope.cameraId,
      modelType: scope.modelType,
      modelId: target.modelId,
      versionNumber: target.versionNumber,
      previousModelId: current.modelId,
      previousVersionNumber: current.versionNumber,
      pipelineId: current.pipelineId,
      reason: r.requestedBy ? `${r.reason} (by ${r.requestedBy})` : r.reason,
    });
    if (current.pipelineId && ctx.repos.deploymentPipeline.get(current.pipelineId)) {
      ctx.repos.deploymentPipeline.update(current.pipelineId, {
        rollbackVersion: target.versionNumber,
        rollbackReason: r.reason,
        canRollback: false,
      });
    }
    if (scope.cameraId !== null && ctx.repos.cameras.get(scope.cameraId)) {
      ctx.repos.cameras.update(scope.cameraId, { modelId: target.modelId, modelVersion: target.versionNumber });
    }
    syncModelFlags(ctx, current.modelId);
    if (target.modelId !== current.modelId) syncModelFlags(ctx, target.modelId);
    return {
      scope,
      from: { modelId: current.modelId, versionNumber: current.versionNumber },
      to: { modelId: target.modelId, versionNumber: target.versionNumber },
      reason: r.reason,
      deployment,
      event,
    };
  });
}
