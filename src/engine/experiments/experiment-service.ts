/**
 * Experiments as the app, the server and the CLI use them (issue 9): create, start, stop, run
 * over a recording, status, conclude. Returns contract DTOs (src/shared/dto-experiments.ts).
 * Live cameras pick running shadow experiments up through LiveShadowSupervisor.
 */
import type { ExperimentConcludeDto, ExperimentDesignDto, ExperimentRunDto, ExperimentStatusDto } from '../../shared/dto-experiments';
import type { RegistryContext } from '../registry/registry-context';
import { concludeExperiment, type ConcludeRequest } from './conclude-experiment';
import { createExperiment, requireServable, type CreateExperimentRequest } from './create-experiment';
import { ExperimentError } from './experiment-error';
import { experimentStatus, toDesignDto } from './experiment-status';
import { runExperimentOffline, type OfflineRunRequest } from './run-offline';

export class ExperimentService {
  constructor(readonly ctx: RegistryContext) {}

  create(r: CreateExperimentRequest): ExperimentDesignDto {
    const { experiment, design } = createExperiment(this.ctx, r);
    return toDesignDto(experiment, design);
  }

  design(experimentId: string): ExperimentDesignDto {
    const ab = this.ctx.repos.abExperiments;
    const e = ab.getExperiment(experimentId);
    const d = ab.getDesign(experimentId);
    if (!e || !d) throw new ExperimentError('EXPERIMENT_NOT_FOUND', `no experiment "${experimentId}"`);
    return toDesignDto(e, d);
  }

  status(experimentId: string): ExperimentStatusDto {
    return experimentStatus(this.ctx.repos, experimentId);
  }

  /** draft → running: live cameras that count with the baseline (or are named) start shadowing it. */
  start(experimentId: string): ExperimentDesignDto {
    const current = this.design(experimentId);
    if (current.status === 'running') return current;
    if (current.status !== 'draft') throw new ExperimentError('EXPERIMENT_STATE', `experiment "${current.name}" is ${current.status}; only a draft can start`);
    if (current.mode === 'ab') {
      // Live cameras take part in shadow experiments only; a split serves real counts, which this
      // version does over recordings (experiments run) — refused in words rather than ignored.
      const ab = this.ctx.repos.abExperiments;
      requireServable(this.ctx, ab.getExperiment(experimentId)!.challengerModelId!, current.challengerRef.slice(current.challengerRef.lastIndexOf('@') + 1));
      throw new ExperimentError(
        'EXPERIMENT_STATE',
        `"${current.name}" is an ab experiment: run it over a recording of the shop's footage (experiments run); live cameras run shadow experiments`,
      );
    }
    this.ctx.repos.abExperiments.updateExperiment(experimentId, { experimentStatus: 'running', startDate: new Date().toISOString() });
    return this.design(experimentId);
  }

  /** running (or draft) → stopped; what was measured stays and can still be concluded. */
  stop(experimentId: string): ExperimentDesignDto {
    const current = this.design(experimentId);
    if (current.status === 'stopped') return current;
    if (current.status === 'completed') throw new ExperimentError('EXPERIMENT_STATE', `experiment "${current.name}" is already completed`);
    this.ctx.repos.abExperiments.updateExperiment(experimentId, { experimentStatus: 'stopped', endDate: new Date().toISOString() });
    return this.design(experimentId);
  }

  async run(r: OfflineRunRequest): Promise<ExperimentRunDto> {
    const result = await runExperimentOffline(this.ctx, r);
    return { experimentId: r.experimentId, runId: result.runId, frames: result.frames, intervals: result.intervals, status: this.status(r.experimentId) };
  }

  async conclude(r: ConcludeRequest): Promise<ExperimentConcludeDto> {
    const o = await concludeExperiment(this.ctx, r);
    return {
      ...o.conclusion,
      pipeline: o.rollout ? { pipelineId: o.rollout.pipeline.pipelineId, status: o.rollout.pipeline.pipelineStatus ?? 'pending', failed: o.rollout.failed } : null,
    };
  }
}
