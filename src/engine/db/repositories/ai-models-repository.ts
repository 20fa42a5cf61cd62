import type { Statement } from 'better-sqlite3';
import type { JsonValue } from '../json-column';
import type { SqliteDatabase } from '../open-database';
import type { ModelDeploymentStatus, ModelType } from '../../../shared/enums';
import { col, TableMapper } from '../table-mapper';
import { fieldsExcept, TableStore, type NewRow } from '../table-store';

export interface AiModel {
  id: number;
  modelId: string;
  modelName: string;
  modelType: ModelType;
  modelDescription: string | null;
  modelVersion: string | null;
  modelFramework: string | null;
  modelFormat: string | null;
  modelConfig: JsonValue | null;
  modelParameters: number | null;
  modelSizeMb: number | null;
  /** Percent, 0..100 (the seed's DECIMAL(5,2)). */
  accuracyScore: number | null;
  precisionScore: number | null;
  recallScore: number | null;
  f1Score: number | null;
  isActive: boolean | null;
  isProduction: boolean | null;
  deploymentStatus: ModelDeploymentStatus | null;
  modelPath: string | null;
  modelChecksum: string | null;
  modelMetadataPath: string | null;
  licence: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export type NewAiModel = NewRow<AiModel, 'modelId' | 'modelName' | 'modelType', 'id' | 'updatedAt'>;
export type AiModelPatch = Partial<Omit<AiModel, 'id' | 'modelId' | 'createdAt' | 'updatedAt'>>;

export interface AiModelFilter {
  modelType?: ModelType;
  activeOnly?: boolean;
  productionOnly?: boolean;
}

export const aiModelMapper = new TableMapper<AiModel>('ai_models', {
  id: col.integer('id'),
  modelId: col.text('model_id'),
  modelName: col.text('model_name'),
  modelType: col.text('model_type'),
  modelDescription: col.text('model_description'),
  modelVersion: col.text('model_version'),
  modelFramework: col.text('model_framework'),
  modelFormat: col.text('model_format'),
  modelConfig: col.json('model_config'),
  modelParameters: col.integer('model_parameters'),
  modelSizeMb: col.real('model_size_mb'),
  accuracyScore: col.real('accuracy_score'),
  precisionScore: col.real('precision_score'),
  recallScore: col.real('recall_score'),
  f1Score: col.real('f1_score'),
  isActive: col.boolean('is_active'),
  isProduction: col.boolean('is_production'),
  deploymentStatus: col.text('deployment_status'),
  modelPath: col.text('model_path'),
  modelChecksum: col.text('model_checksum'),
  modelMetadataPath: col.text('model_metadata_path'),
  licence: col.text('licence'),
  createdBy: col.integer('created_by'),
  createdAt: col.text('created_at'),
  updatedAt: col.text('updated_at'),
});

export class AiModelsRepository {
  private readonly store: TableStore<AiModel, 'modelId'>;
  private readonly filtered: Statement;

  constructor(db: SqliteDatabase) {
    this.store = new TableStore(db, aiModelMapper, {
      key: 'modelId',
      insertable: fieldsExcept(aiModelMapper.columns, ['id', 'updatedAt']),
      updatable: fieldsExcept(aiModelMapper.columns, ['id', 'modelId', 'createdAt', 'updatedAt']),
    });
    // One statement for every filter combination: a NULL parameter disables its condition.
    // The `= 1` terms match the partial indexes idx_ai_models_active / idx_ai_models_production.
    this.filtered = db.prepare(`
      SELECT * FROM ai_models
      WHERE (@model_type IS NULL OR model_type = @model_type)
        AND (@active IS NULL OR is_active = 1)
        AND (@production IS NULL OR is_production = 1)
      ORDER BY model_name, model_id`);
  }

  create(model: NewAiModel): AiModel {
    return this.store.insert(model);
  }

  get(modelId: string): AiModel | undefined {
    return this.store.get(modelId);
  }

  require(modelId: string): AiModel {
    return this.store.require(modelId);
  }

  list(filter: AiModelFilter = {}): AiModel[] {
    return this.filtered
      .all({
        model_type: filter.modelType ?? null,
        active: filter.activeOnly ? 1 : null,
        production: filter.productionOnly ? 1 : null,
      })
      .map((r) => aiModelMapper.fromRow(r));
  }

  update(modelId: string, patch: AiModelPatch): AiModel {
    return this.store.update(modelId, patch);
  }

  delete(modelId: string): boolean {
    return this.store.delete(modelId);
  }
}
