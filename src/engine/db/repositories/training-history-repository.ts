import type { Statement } from 'better-sqlite3';
import type { JsonValue } from '../json-column';
import type { SqliteDatabase } from '../open-database';
import type { TrainingStatus } from '../../../shared/enums';
import { col, TableMapper } from '../table-mapper';
import { fieldsExcept, TableStore, type NewRow } from '../table-store';

export interface TrainingRun {
  id: number;
  modelId: string | null;
  trainingRunId: string;
  trainingConfig: JsonValue | null;
  datasetConfig: JsonValue | null;
  trainingAccuracy: number | null;
  trainingLoss: number | null;
  validationAccuracy: number | null;
  validationLoss: number | null;
  epochsCompleted: number | null;
  totalEpochs: number | null;
  trainingDurationHours: number | null;
  trainingStatus: TrainingStatus | null;
  errorMessage: string | null;
  gpuUsagePercent: number | null;
  memoryUsageGb: number | null;
  cpuUsagePercent: number | null;
  startedAt: string;
  completedAt: string | null;
  createdAt: string;
}

export type NewTrainingRun = NewRow<TrainingRun, 'modelId' | 'trainingRunId', 'id'>;
export type TrainingRunPatch = Partial<Omit<TrainingRun, 'id' | 'modelId' | 'trainingRunId' | 'createdAt'>>;

export const trainingRunMapper = new TableMapper<TrainingRun>('model_training_history', {
  id: col.integer('id'),
  modelId: col.text('model_id'),
  trainingRunId: col.text('training_run_id'),
  trainingConfig: col.json('training_config'),
  datasetConfig: col.json('dataset_config'),
  trainingAccuracy: col.real('training_accuracy'),
  trainingLoss: col.real('training_loss'),
  validationAccuracy: col.real('validation_accuracy'),
  validationLoss: col.real('validation_loss'),
  epochsCompleted: col.integer('epochs_completed'),
  totalEpochs: col.integer('total_epochs'),
  trainingDurationHours: col.real('training_duration_hours'),
  trainingStatus: col.text('training_status'),
  errorMessage: col.text('error_message'),
  gpuUsagePercent: col.real('gpu_usage_percent'),
  memoryUsageGb: col.real('memory_usage_gb'),
  cpuUsagePercent: col.real('cpu_usage_percent'),
  startedAt: col.text('started_at'),
  completedAt: col.text('completed_at'),
  createdAt: col.text('created_at'),
});

export class TrainingHistoryRepository {
  private readonly store: TableStore<TrainingRun, 'trainingRunId'>;
  private readonly forModel: Statement;

  constructor(db: SqliteDatabase) {
    this.store = new TableStore(db, trainingRunMapper, {
      key: 'trainingRunId',
      insertable: fieldsExcept(trainingRunMapper.columns, ['id']),
      updatable: fieldsExcept(trainingRunMapper.columns, ['id', 'modelId', 'trainingRunId', 'createdAt']),
    });
    this.forModel = db.prepare('SELECT * FROM model_training_history WHERE model_id = ? ORDER BY started_at DESC, id DESC');
  }

  create(run: NewTrainingRun): TrainingRun {
    return this.store.insert(run);
  }

  get(trainingRunId: string): TrainingRun | undefined {
    return this.store.get(trainingRunId);
  }

  /** Newest first. */
  listForModel(modelId: string): TrainingRun[] {
    return this.forModel.all(modelId).map((r) => trainingRunMapper.fromRow(r));
  }

  update(trainingRunId: string, patch: TrainingRunPatch): TrainingRun {
    return this.store.update(trainingRunId, patch);
  }
}
