import type { Statement } from 'better-sqlite3';
import type { JsonValue } from '../json-column';
import type { SqliteDatabase } from '../open-database';
import type { DriftSeverity, DriftType } from '../../../shared/enums';
import { col, TableMapper } from '../table-mapper';
import { fieldsExcept, TableStore, type NewRow } from '../table-store';
import { clampLimit } from './query-helpers';

export interface DriftMetric {
  id: number;
  modelId: string | null;
  driftTimestamp: string;
  /** 0..1 */
  dataDriftScore: number | null;
  conceptDriftScore: number | null;
  modelDriftScore: number | null;
  driftType: DriftType | null;
  driftSeverity: DriftSeverity | null;
  driftFeatures: JsonValue | null;
  isAlerted: boolean | null;
  alertThreshold: number | null;
  createdAt: string;
}

export type NewDriftMetric = NewRow<DriftMetric, 'modelId', 'id'>;

export const driftMetricMapper = new TableMapper<DriftMetric>('model_drift_metrics', {
  id: col.integer('id'),
  modelId: col.text('model_id'),
  driftTimestamp: col.text('drift_timestamp'),
  dataDriftScore: col.real('data_drift_score'),
  conceptDriftScore: col.real('concept_drift_score'),
  modelDriftScore: col.real('model_drift_score'),
  driftType: col.text('drift_type'),
  driftSeverity: col.text('drift_severity'),
  driftFeatures: col.json('drift_features'),
  isAlerted: col.boolean('is_alerted'),
  alertThreshold: col.real('alert_threshold'),
  createdAt: col.text('created_at'),
});

export class DriftMetricsRepository {
  private readonly store: TableStore<DriftMetric, 'id'>;
  private readonly forModel: Statement;
  private readonly pending: Statement;

  constructor(db: SqliteDatabase) {
    this.store = new TableStore(db, driftMetricMapper, {
      key: 'id',
      insertable: fieldsExcept(driftMetricMapper.columns, ['id']),
      updatable: ['isAlerted'],
    });
    this.forModel = db.prepare('SELECT * FROM model_drift_metrics WHERE model_id = ? ORDER BY drift_timestamp DESC LIMIT ?');
    // Scalar max() is NULL when any argument is NULL; coalesce keeps a partly measured row comparable.
    this.pending = db.prepare(`
      SELECT * FROM model_drift_metrics
      WHERE coalesce(is_alerted, 0) = 0
        AND max(coalesce(data_drift_score, 0), coalesce(concept_drift_score, 0), coalesce(model_drift_score, 0))
            >= coalesce(alert_threshold, 0.8)
      ORDER BY drift_timestamp`);
  }

  record(metric: NewDriftMetric): DriftMetric {
    return this.store.insert(metric);
  }

  /** Newest first (uses idx_drift_metrics_model_timestamp). */
  listForModel(modelId: string, limit?: number): DriftMetric[] {
    return this.forModel.all(modelId, clampLimit(limit)).map((r) => driftMetricMapper.fromRow(r));
  }

  /** Measurements at or above their threshold that nobody has been alerted about yet. */
  listPendingAlerts(): DriftMetric[] {
    return this.pending.all().map((r) => driftMetricMapper.fromRow(r));
  }

  markAlerted(id: number): DriftMetric {
    return this.store.update(id, { isAlerted: true });
  }
}
