import type { Statement } from 'better-sqlite3';
import { nowIso } from '../../../shared/timestamps';
import type { JsonValue } from '../json-column';
import type { SqliteDatabase } from '../open-database';
import type { DeploymentEnvironment } from '../../../shared/enums';
import { col, TableMapper } from '../table-mapper';
import { fieldsExcept, TableStore, type NewRow } from '../table-store';

export interface ModelVersion {
  id: number;
  modelId: string | null;
  versionNumber: string;
  versionDescription: string | null;
  versionChanges: string | null;
  versionCommitHash: string | null;
  modelFilePath: string | null;
  modelFileSizeMb: number | null;
  modelFileChecksum: string | null;
  trainingDataset: string | null;
  trainingMetrics: JsonValue | null;
  trainingDurationHours: number | null;
  validationAccuracy: number | null;
  validationPrecision: number | null;
  validationRecall: number | null;
  validationF1: number | null;
  deploymentTimestamp: string | null;
  deploymentEnvironment: DeploymentEnvironment | null;
  /** Free text in the seed (default 'not_deployed'). */
  deploymentStatus: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewModelVersion = NewRow<ModelVersion, 'modelId' | 'versionNumber', 'id' | 'updatedAt'>;
export type ModelVersionPatch = Partial<Omit<ModelVersion, 'id' | 'modelId' | 'versionNumber' | 'createdAt' | 'updatedAt'>>;

export const modelVersionMapper = new TableMapper<ModelVersion>('model_versions', {
  id: col.integer('id'),
  modelId: col.text('model_id'),
  versionNumber: col.text('version_number'),
  versionDescription: col.text('version_description'),
  versionChanges: col.text('version_changes'),
  versionCommitHash: col.text('version_commit_hash'),
  modelFilePath: col.text('model_file_path'),
  modelFileSizeMb: col.real('model_file_size_mb'),
  modelFileChecksum: col.text('model_file_checksum'),
  trainingDataset: col.text('training_dataset'),
  trainingMetrics: col.json('training_metrics'),
  trainingDurationHours: col.real('training_duration_hours'),
  validationAccuracy: col.real('validation_accuracy'),
  validationPrecision: col.real('validation_precision'),
  validationRecall: col.real('validation_recall'),
  validationF1: col.real('validation_f1'),
  deploymentTimestamp: col.text('deployment_timestamp'),
  deploymentEnvironment: col.text('deployment_environment'),
  deploymentStatus: col.text('deployment_status'),
  createdAt: col.text('created_at'),
  updatedAt: col.text('updated_at'),
});

export class ModelVersionsRepository {
  private readonly store: TableStore<ModelVersion, 'id'>;
  private readonly byModelVersion: Statement;
  private readonly forModel: Statement;
  private readonly byChecksum: Statement;

  constructor(db: SqliteDatabase) {
    this.store = new TableStore(db, modelVersionMapper, {
      key: 'id',
      insertable: fieldsExcept(modelVersionMapper.columns, ['id', 'updatedAt']),
      updatable: fieldsExcept(modelVersionMapper.columns, ['id', 'modelId', 'versionNumber', 'createdAt', 'updatedAt']),
    });
    this.byModelVersion = db.prepare('SELECT * FROM model_versions WHERE model_id = ? AND version_number = ?');
    this.forModel = db.prepare('SELECT * FROM model_versions WHERE model_id = ? ORDER BY created_at DESC, id DESC');
    this.byChecksum = db.prepare('SELECT * FROM model_versions WHERE model_file_checksum = ? ORDER BY id LIMIT 1');
  }

  create(version: NewModelVersion): ModelVersion {
    return this.store.insert(version);
  }

  get(id: number): ModelVersion | undefined {
    return this.store.get(id);
  }

  find(modelId: string, versionNumber: string): ModelVersion | undefined {
    const row = this.byModelVersion.get(modelId, versionNumber);
    return row === undefined ? undefined : modelVersionMapper.fromRow(row);
  }

  /** The first version registered with this file checksum (a re-import of the same bytes). */
  findByChecksum(sha256: string): ModelVersion | undefined {
    const row = this.byChecksum.get(sha256);
    return row === undefined ? undefined : modelVersionMapper.fromRow(row);
  }

  /** Newest first. */
  listForModel(modelId: string): ModelVersion[] {
    return this.forModel.all(modelId).map((r) => modelVersionMapper.fromRow(r));
  }

  update(id: number, patch: ModelVersionPatch): ModelVersion {
    return this.store.update(id, patch);
  }

  markDeployed(id: number, environment: DeploymentEnvironment, at: string = nowIso()): ModelVersion {
    return this.store.update(id, { deploymentEnvironment: environment, deploymentStatus: 'deployed', deploymentTimestamp: at });
  }

  delete(id: number): boolean {
    return this.store.delete(id);
  }
}
