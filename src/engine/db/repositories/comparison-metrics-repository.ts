import type { Statement } from 'better-sqlite3';
import type { JsonValue } from '../json-column';
import type { SqliteDatabase } from '../open-database';
import type { ComparisonStatus } from '../../../shared/enums';
import { col, TableMapper } from '../table-mapper';
import { fieldsExcept, TableStore, type NewRow } from '../table-store';

export interface ModelComparison {
  id: number;
  comparisonId: string;
  baselineModelId: string | null;
  challengerModelId: string | null;
  /** Percentage points, -100..100 (negative: the challenger is worse). */
  accuracyImprovement: number | null;
  precisionImprovement: number | null;
  recallImprovement: number | null;
  f1Improvement: number | null;
  /** Relative change in percent, unbounded. */
  latencyImprovementPercent: number | null;
  throughputImprovementPercent: number | null;
  costImprovementPercent: number | null;
  isStatisticallySignificant: boolean | null;
  pValue: number | null;
  confidenceInterval: JsonValue | null;
  comparisonStatus: ComparisonStatus | null;
  winnerModelId: string | null;
  createdAt: string;
  completedAt: string | null;
}

export type NewModelComparison = NewRow<ModelComparison, 'comparisonId' | 'baselineModelId' | 'challengerModelId', 'id'>;
export type ModelComparisonPatch = Partial<Omit<ModelComparison, 'id' | 'comparisonId' | 'createdAt'>>;

export const modelComparisonMapper = new TableMapper<ModelComparison>('model_comparison_metrics', {
  id: col.integer('id'),
  comparisonId: col.text('comparison_id'),
  baselineModelId: col.text('baseline_model_id'),
  challengerModelId: col.text('challenger_model_id'),
  accuracyImprovement: col.real('accuracy_improvement'),
  precisionImprovement: col.real('precision_improvement'),
  recallImprovement: col.real('recall_improvement'),
  f1Improvement: col.real('f1_improvement'),
  latencyImprovementPercent: col.real('latency_improvement_percent'),
  throughputImprovementPercent: col.real('throughput_improvement_percent'),
  costImprovementPercent: col.real('cost_improvement_percent'),
  isStatisticallySignificant: col.boolean('is_statistically_significant'),
  pValue: col.real('p_value'),
  confidenceInterval: col.json('confidence_interval'),
  comparisonStatus: col.text('comparison_status'),
  winnerModelId: col.text('winner_model_id'),
  createdAt: col.text('created_at'),
  completedAt: col.text('completed_at'),
});

export class ComparisonMetricsRepository {
  private readonly store: TableStore<ModelComparison, 'comparisonId'>;
  private readonly forModel: Statement;

  constructor(db: SqliteDatabase) {
    this.store = new TableStore(db, modelComparisonMapper, {
      key: 'comparisonId',
      insertable: fieldsExcept(modelComparisonMapper.columns, ['id']),
      updatable: fieldsExcept(modelComparisonMapper.columns, ['id', 'comparisonId', 'createdAt']),
    });
    this.forModel = db.prepare(`
      SELECT * FROM model_comparison_metrics
      WHERE baseline_model_id = @model_id OR challenger_model_id = @model_id
      ORDER BY created_at DESC, id DESC`);
  }

  create(comparison: NewModelComparison): ModelComparison {
    return this.store.insert(comparison);
  }

  get(comparisonId: string): ModelComparison | undefined {
    return this.store.get(comparisonId);
  }

  /** Comparisons where the model is baseline or challenger, newest first. */
  listForModel(modelId: string): ModelComparison[] {
    return this.forModel.all({ model_id: modelId }).map((r) => modelComparisonMapper.fromRow(r));
  }

  update(comparisonId: string, patch: ModelComparisonPatch): ModelComparison {
    return this.store.update(comparisonId, patch);
  }
}
