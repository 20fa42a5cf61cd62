/**
 * What every stage of the deployment pipeline is given (StageRun) and gives back (StageResult),
 * and how it fails with its findings (stageError). Shared by the stage-*.ts files and the
 * orchestration in deployment-pipeline.ts, which runs the stages in order and writes each result
 * to pipeline_stages; kept apart so a stage file needs nothing of the orchestration.
 */
import type { DeploymentPipeline } from '../db/repositories/deployment-pipeline-repository';
import { formatModelRef } from '../../shared/model-ref';
import type { Details, PipelineConfig } from './pipeline-config';
import type { StageRecord } from './pipeline-stages';
import type { RegistryContext } from './registry-context';
import { RegistryError } from './registry-error';

export type StageResult = { status: 'completed' | 'skipped' | 'waiting'; details: Details };

export interface StageRun {
  ctx: RegistryContext;
  pipeline: DeploymentPipeline;
  config: PipelineConfig;
  modelId: string;
  version: string;
  record: StageRecord;
  stages: StageRecord[];
  now: () => number;
}

export const refText = (r: { modelId: string; versionNumber: string }): string => formatModelRef(r.modelId, r.versionNumber);

/** A stage failure with its findings (they go to the stage's details). */
export function stageError(code: ConstructorParameters<typeof RegistryError>[0], message: string, details: Details): RegistryError {
  return Object.assign(new RegistryError(code, message), { details });
}
