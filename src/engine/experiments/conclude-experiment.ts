/**
 * Records an experiment's verdict (ab_testing_conclusions) and, when asked, acts on it: a
 * deploy_challenger verdict starts the registry's deployment pipeline for the challenger with the
 * verdict's strategy (immediate: no wait at the canary; canary: the configured guarded canary;
 * gradual: a two-hour guarded canary), whose shadow stage reuses this experiment's evidence.
 * Rolling out against the verdict needs an override with a
 * reason, which is recorded with the conclusion and the pipeline.
 */
import type { ExperimentConclusionDto } from '../../shared/dto-experiments';
import type { DeploymentStrategy } from '../../shared/enums';
import { promote, type PromoteOutcome } from '../registry/deployment-pipeline';
import type { RegistryContext } from '../registry/registry-context';
import { reviewerId } from '../registry/version-control';
import { ExperimentError } from './experiment-error';
import { experimentStatus } from './experiment-status';

export interface ConcludeRequest {
  experimentId: string;
  rollout?: boolean;
  strategy?: DeploymentStrategy;
  canaryCameraId?: string;
  override?: { reason: string };
  notes?: string;
  by?: string;
}

export interface ConcludeOutcome {
  conclusion: ExperimentConclusionDto;
  rollout: PromoteOutcome | null;
}

export async function concludeExperiment(ctx: RegistryContext, r: ConcludeRequest): Promise<ConcludeOutcome> {
  const ab = ctx.repos.abExperiments;
  const status = experimentStatus(ctx.repos, r.experimentId);
  const experiment = ab.getExperiment(r.experimentId)!;
  const design = ab.getDesign(r.experimentId)!;
  if (status.status === 'draft' && status.samples.intervals === 0) {
    throw new ExperimentError('EXPERIMENT_STATE', `experiment "${status.name}" has no results yet: run it first (experiments run, or start it on cameras)`);
  }
  const strategy = r.strategy ?? status.strategy;
  const againstVerdict = status.recommendation !== 'deploy_challenger';
  if (r.rollout && againstVerdict && !r.override) {
    throw new ExperimentError(
      'VERDICT_BLOCKS_ROLLOUT',
      `the verdict is ${status.recommendation} (${status.reason}); rolling out the challenger anyway needs an override with a reason`,
    );
  }
  const final = status.recommendation !== 'run_longer' || r.rollout === true;
  const notes = [r.notes, r.override ? `override: ${r.override.reason}` : null].filter((x): x is string => !!x);
  const conclusion = ctx.repos.transaction(() => {
    const row = ab.conclude({
      experimentId: r.experimentId,
      winnerModelId:
        status.recommendation === 'deploy_challenger' ? experiment.challengerModelId : status.recommendation === 'keep_baseline' ? experiment.baselineModelId : null,
      conclusionReason: status.reason,
      recommendation: status.recommendation,
      expectedImprovementPercent: status.expectedImprovementPercent,
      confidenceLevel: experiment.confidenceLevel,
      riskAssessment: status.risk,
      deploymentStrategy: strategy,
      deploymentTimelineDays: strategy === 'immediate' ? 0 : strategy === 'canary' ? 1 : 7,
      reviewedBy: r.by ? reviewerId(ctx, r.by) : null,
      reviewedAt: new Date().toISOString(),
      reviewNotes: notes.length ? notes.join('; ') : null,
    });
    if (final) ab.updateExperiment(r.experimentId, { experimentStatus: 'completed', endDate: new Date().toISOString() });
    return row;
  });
  let rollout: PromoteOutcome | null = null;
  if (r.rollout) {
    rollout = await promote(ctx, {
      modelId: experiment.challengerModelId!,
      version: design.challengerVersion,
      // Every strategy goes all the way: canary and gradual wait at a guarded canary (the canary
      // monitor continues to production, or rolls back); immediate skips the canary's wait.
      through: 'production',
      ...(strategy === 'immediate' ? { canaryMinutes: 0 } : strategy === 'gradual' ? { canaryMinutes: 120 } : {}),
      ...(r.canaryCameraId ? { canaryCameraId: r.canaryCameraId } : {}),
      ...(r.by ? { requestedBy: r.by } : {}),
      experimentId: r.experimentId,
      ...(r.override ? { override: { reason: r.override.reason, by: r.by ?? null } } : {}),
    });
    ab.annotateConclusion(conclusion.id, `pipeline ${rollout.pipeline.pipelineId}`);
  }
  const fresh = experimentStatus(ctx.repos, r.experimentId).conclusions.find((c) => c.id === conclusion.id)!;
  return { conclusion: fresh, rollout };
}
