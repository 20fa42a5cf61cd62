import type { Statement } from 'better-sqlite3';
import type { JsonValue } from '../json-column';
import type { SqliteDatabase } from '../open-database';
import type { DeploymentEventType, DeploymentRole, ModelType, PipelineStage } from '../../../shared/enums';
import { col, TableMapper } from '../table-mapper';
import { fieldsExcept, TableStore, type NewRow } from '../table-store';

// camera_model_deployments and model_deployment_events (migration 0008). Not part of the seed:
// see the migration for why per-camera deployments need their own table.

export interface CameraDeployment {
  id: number;
  /** null: every camera (the site default). */
  cameraId: string | null;
  modelType: ModelType;
  role: DeploymentRole;
  modelId: string;
  versionNumber: string;
  pipelineId: string | null;
  deployedAt: string;
}

export interface DeploymentEvent {
  id: number;
  eventType: DeploymentEventType;
  cameraId: string | null;
  modelType: ModelType | null;
  modelId: string | null;
  versionNumber: string | null;
  previousModelId: string | null;
  previousVersionNumber: string | null;
  pipelineId: string | null;
  stage: PipelineStage | null;
  reason: string | null;
  details: JsonValue | null;
  createdAt: string;
}

export type NewDeploymentEvent = NewRow<DeploymentEvent, 'eventType', 'id'>;

export const cameraDeploymentMapper = new TableMapper<CameraDeployment>('camera_model_deployments', {
  id: col.integer('id'),
  cameraId: col.text('camera_id'),
  modelType: col.text('model_type'),
  role: col.text('role'),
  modelId: col.text('model_id'),
  versionNumber: col.text('version_number'),
  pipelineId: col.text('pipeline_id'),
  deployedAt: col.text('deployed_at'),
});

export const deploymentEventMapper = new TableMapper<DeploymentEvent>('model_deployment_events', {
  id: col.integer('id'),
  eventType: col.text('event_type'),
  cameraId: col.text('camera_id'),
  modelType: col.text('model_type'),
  modelId: col.text('model_id'),
  versionNumber: col.text('version_number'),
  previousModelId: col.text('previous_model_id'),
  previousVersionNumber: col.text('previous_version_number'),
  pipelineId: col.text('pipeline_id'),
  stage: col.text('stage'),
  reason: col.text('reason'),
  details: col.json('details'),
  createdAt: col.text('created_at'),
});

export interface DeploymentScope {
  cameraId: string | null;
  modelType: ModelType;
}

export class ModelDeploymentsRepository {
  private readonly events: TableStore<DeploymentEvent, 'id'>;
  private readonly byScope: Statement;
  private readonly upsert: Statement;
  private readonly byId: Statement;
  private readonly removeScope: Statement;
  private readonly removeCanariesOf: Statement;
  private readonly all: Statement;
  private readonly ofVersion: Statement;
  private readonly ofModel: Statement;
  private readonly eventsOfScope: Statement;
  private readonly eventsOfModel: Statement;
  private readonly eventsOfPipeline: Statement;
  private readonly eventsAll: Statement;

  constructor(db: SqliteDatabase) {
    this.events = new TableStore(db, deploymentEventMapper, {
      key: 'id',
      insertable: fieldsExcept(deploymentEventMapper.columns, ['id']),
      updatable: [],
    });
    this.byScope = db.prepare(
      "SELECT * FROM camera_model_deployments WHERE ifnull(camera_id, '') = ifnull(@camera_id, '') AND model_type = @model_type AND role = @role",
    );
    // Replaces the scope's row in place: the unique index guarantees one row per scope and role.
    this.upsert = db.prepare(`
      INSERT INTO camera_model_deployments (camera_id, model_type, role, model_id, version_number, pipeline_id, deployed_at)
      VALUES (@camera_id, @model_type, @role, @model_id, @version_number, @pipeline_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      ON CONFLICT (ifnull(camera_id, ''), model_type, role) DO UPDATE SET
        model_id = excluded.model_id, version_number = excluded.version_number,
        pipeline_id = excluded.pipeline_id, deployed_at = excluded.deployed_at
      RETURNING id`);
    this.byId = db.prepare('SELECT * FROM camera_model_deployments WHERE id = ?');
    this.removeScope = db.prepare(
      "DELETE FROM camera_model_deployments WHERE ifnull(camera_id, '') = ifnull(@camera_id, '') AND model_type = @model_type AND role = @role",
    );
    this.removeCanariesOf = db.prepare("DELETE FROM camera_model_deployments WHERE role = 'canary' AND model_id = ? AND version_number = ?");
    this.all = db.prepare("SELECT * FROM camera_model_deployments ORDER BY model_type, ifnull(camera_id, ''), role DESC");
    this.ofVersion = db.prepare('SELECT * FROM camera_model_deployments WHERE model_id = ? AND version_number = ? ORDER BY id');
    this.ofModel = db.prepare('SELECT * FROM camera_model_deployments WHERE model_id = ? ORDER BY id');
    this.eventsOfScope = db.prepare(`
      SELECT * FROM model_deployment_events
      WHERE model_type = @model_type AND ifnull(camera_id, '') = ifnull(@camera_id, '') AND event_type IN ('promoted', 'rolled_back')
        AND NOT (event_type = 'rolled_back' AND stage IS 'canary')
      ORDER BY id`);
    this.eventsOfModel = db.prepare('SELECT * FROM model_deployment_events WHERE model_id = ? OR previous_model_id = ? ORDER BY id');
    this.eventsOfPipeline = db.prepare('SELECT * FROM model_deployment_events WHERE pipeline_id = ? ORDER BY id');
    this.eventsAll = db.prepare('SELECT * FROM model_deployment_events ORDER BY id DESC LIMIT ?');
  }

  get(scope: DeploymentScope, role: DeploymentRole = 'production'): CameraDeployment | undefined {
    const row = this.byScope.get({ camera_id: scope.cameraId, model_type: scope.modelType, role });
    return row === undefined ? undefined : cameraDeploymentMapper.fromRow(row);
  }

  set(scope: DeploymentScope, role: DeploymentRole, ref: { modelId: string; versionNumber: string; pipelineId: string | null }): CameraDeployment {
    const { id } = this.upsert.get({
      camera_id: scope.cameraId,
      model_type: scope.modelType,
      role,
      model_id: ref.modelId,
      version_number: ref.versionNumber,
      pipeline_id: ref.pipelineId,
    }) as { id: number };
    return cameraDeploymentMapper.fromRow(this.byId.get(id));
  }

  remove(scope: DeploymentScope, role: DeploymentRole): boolean {
    return this.removeScope.run({ camera_id: scope.cameraId, model_type: scope.modelType, role }).changes > 0;
  }

  removeCanaries(modelId: string, versionNumber: string): number {
    return this.removeCanariesOf.run(modelId, versionNumber).changes;
  }

  list(): CameraDeployment[] {
    return this.all.all().map((r) => cameraDeploymentMapper.fromRow(r));
  }

  listForVersion(modelId: string, versionNumber: string): CameraDeployment[] {
    return this.ofVersion.all(modelId, versionNumber).map((r) => cameraDeploymentMapper.fromRow(r));
  }

  listForModel(modelId: string): CameraDeployment[] {
    return this.ofModel.all(modelId).map((r) => cameraDeploymentMapper.fromRow(r));
  }

  recordEvent(event: NewDeploymentEvent): DeploymentEvent {
    return this.events.insert(event);
  }

  /**
   * 'promoted' and 'rolled_back' events of one scope, oldest first (the rollback stack). A canary
   * taken off a camera ('rolled_back' at stage 'canary') never changed its production version, so
   * it is not part of the stack.
   */
  productionHistory(scope: DeploymentScope): DeploymentEvent[] {
    return this.eventsOfScope.all({ camera_id: scope.cameraId, model_type: scope.modelType }).map((r) => deploymentEventMapper.fromRow(r));
  }

  /** Oldest first. */
  eventsForModel(modelId: string): DeploymentEvent[] {
    return this.eventsOfModel.all(modelId, modelId).map((r) => deploymentEventMapper.fromRow(r));
  }

  /** Oldest first. */
  eventsForPipeline(pipelineId: string): DeploymentEvent[] {
    return this.eventsOfPipeline.all(pipelineId).map((r) => deploymentEventMapper.fromRow(r));
  }

  /** Newest first. */
  recentEvents(limit = 100): DeploymentEvent[] {
    return this.eventsAll.all(limit).map((r) => deploymentEventMapper.fromRow(r));
  }
}
