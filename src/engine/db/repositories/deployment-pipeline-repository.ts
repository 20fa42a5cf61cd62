import type { Statement } from 'better-sqlite3';
import type { JsonValue } from '../json-column';
import type { SqliteDatabase } from '../open-database';
import type { PipelineStatus } from '../../../shared/enums';
import { col, TableMapper } from '../table-mapper';
import { fieldsExcept, TableStore, type NewRow } from '../table-store';

export interface DeploymentPipeline {
  id: number;
  pipelineId: string;
  modelId: string | null;
  versionNumber: string;
  /** The seed's "array of pipeline stages". */
  pipelineStages: JsonValue[] | null;
  currentStage: string | null;
  stageStatus: PipelineStatus | null;
  deploymentConfig: JsonValue | null;
  environmentConfig: JsonValue | null;
  pipelineStatus: PipelineStatus | null;
  pipelineStartedAt: string | null;
  pipelineCompletedAt: string | null;
  canRollback: boolean | null;
  rollbackVersion: string | null;
  rollbackReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewDeploymentPipeline = NewRow<DeploymentPipeline, 'pipelineId' | 'modelId' | 'versionNumber', 'id' | 'updatedAt'>;
export type DeploymentPipelinePatch = Partial<Omit<DeploymentPipeline, 'id' | 'pipelineId' | 'createdAt' | 'updatedAt'>>;

const mustBeArray = (value: unknown): string | null => (Array.isArray(value) ? null : 'must be a JSON array of stages');

export const deploymentPipelineMapper = new TableMapper<DeploymentPipeline>('model_deployment_pipeline', {
  id: col.integer('id'),
  pipelineId: col.text('pipeline_id'),
  modelId: col.text('model_id'),
  versionNumber: col.text('version_number'),
  pipelineStages: col.json('pipeline_stages', mustBeArray),
  currentStage: col.text('current_stage'),
  stageStatus: col.text('stage_status'),
  deploymentConfig: col.json('deployment_config'),
  environmentConfig: col.json('environment_config'),
  pipelineStatus: col.text('pipeline_status'),
  pipelineStartedAt: col.text('pipeline_started_at'),
  pipelineCompletedAt: col.text('pipeline_completed_at'),
  canRollback: col.boolean('can_rollback'),
  rollbackVersion: col.text('rollback_version'),
  rollbackReason: col.text('rollback_reason'),
  createdAt: col.text('created_at'),
  updatedAt: col.text('updated_at'),
});

export class DeploymentPipelineRepository {
  private readonly store: TableStore<DeploymentPipeline, 'pipelineId'>;
  private readonly forModel: Statement;
  private readonly unfinished: Statement;

  constructor(db: SqliteDatabase) {
    this.store = new TableStore(db, deploymentPipelineMapper, {
      key: 'pipelineId',
      insertable: fieldsExcept(deploymentPipelineMapper.columns, ['id', 'updatedAt']),
      updatable: fieldsExcept(deploymentPipelineMapper.columns, ['id', 'pipelineId', 'createdAt', 'updatedAt']),
    });
    this.forModel = db.prepare('SELECT * FROM model_deployment_pipeline WHERE model_id = ? ORDER BY created_at DESC, id DESC');
    this.unfinished = db.prepare("SELECT * FROM model_deployment_pipeline WHERE pipeline_status IN ('pending', 'running') ORDER BY created_at, id");
  }

  create(pipeline: NewDeploymentPipeline): DeploymentPipeline {
    return this.store.insert(pipeline);
  }

  get(pipelineId: string): DeploymentPipeline | undefined {
    return this.store.get(pipelineId);
  }

  /** Newest first. */
  listForModel(modelId: string): DeploymentPipeline[] {
    return this.forModel.all(modelId).map((r) => deploymentPipelineMapper.fromRow(r));
  }

  /** Pending or running pipelines, oldest first (e.g. to resume after a restart). */
  listUnfinished(): DeploymentPipeline[] {
    return this.unfinished.all().map((r) => deploymentPipelineMapper.fromRow(r));
  }

  update(pipelineId: string, patch: DeploymentPipelinePatch): DeploymentPipeline {
    return this.store.update(pipelineId, patch);
  }
}
