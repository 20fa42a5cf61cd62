import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../open-database';
import { col, TableMapper } from '../table-mapper';
import { fieldsExcept, TableStore, type NewRow } from '../table-store';
import { clampLimit, rangeBounds, type TimeRange } from './query-helpers';

export interface PerformanceMetric {
  id: number;
  modelId: string | null;
  modelVersion: string;
  metricTimestamp: string;
  accuracyScore: number | null;
  precisionScore: number | null;
  recallScore: number | null;
  f1Score: number | null;
  inferenceLatencyMs: number | null;
  throughputFps: number | null;
  gpuUtilizationPercent: number | null;
  memoryUsageMb: number | null;
  falsePositiveRate: number | null;
  falseNegativeRate: number | null;
  detectionRate: number | null;
  costPerInference: number | null;
  revenuePerInference: number | null;
  roiPercentage: number | null;
  createdAt: string;
}

export type NewPerformanceMetric = NewRow<PerformanceMetric, 'modelId' | 'modelVersion', 'id'>;

export const performanceMetricMapper = new TableMapper<PerformanceMetric>('model_performance_metrics', {
  id: col.integer('id'),
  modelId: col.text('model_id'),
  modelVersion: col.text('model_version'),
  metricTimestamp: col.text('metric_timestamp'),
  accuracyScore: col.real('accuracy_score'),
  precisionScore: col.real('precision_score'),
  recallScore: col.real('recall_score'),
  f1Score: col.real('f1_score'),
  inferenceLatencyMs: col.integer('inference_latency_ms'),
  throughputFps: col.real('throughput_fps'),
  gpuUtilizationPercent: col.real('gpu_utilization_percent'),
  memoryUsageMb: col.real('memory_usage_mb'),
  falsePositiveRate: col.real('false_positive_rate'),
  falseNegativeRate: col.real('false_negative_rate'),
  detectionRate: col.real('detection_rate'),
  costPerInference: col.real('cost_per_inference'),
  revenuePerInference: col.real('revenue_per_inference'),
  roiPercentage: col.real('roi_percentage'),
  createdAt: col.text('created_at'),
});

/** Append-only time series; the nightly retention job archives rows older than a year. */
export class PerformanceMetricsRepository {
  private readonly store: TableStore<PerformanceMetric, 'id'>;
  private readonly forModel: Statement;
  private readonly recentAll: Statement;

  constructor(db: SqliteDatabase) {
    this.store = new TableStore(db, performanceMetricMapper, {
      key: 'id',
      insertable: fieldsExcept(performanceMetricMapper.columns, ['id']),
      updatable: [],
    });
    this.forModel = db.prepare(`
      SELECT * FROM model_performance_metrics
      WHERE model_id = ? AND metric_timestamp >= ? AND metric_timestamp < ?
      ORDER BY metric_timestamp DESC LIMIT ?`);
    this.recentAll = db.prepare('SELECT * FROM model_performance_metrics ORDER BY metric_timestamp DESC, id DESC LIMIT ?');
  }

  record(metric: NewPerformanceMetric): PerformanceMetric {
    return this.store.insert(metric);
  }

  get(id: number): PerformanceMetric | undefined {
    return this.store.get(id);
  }

  /** Newest first (uses idx_performance_metrics_model_timestamp). */
  listForModel(modelId: string, query: TimeRange & { limit?: number } = {}): PerformanceMetric[] {
    const [from, to] = rangeBounds(query);
    return this.forModel.all(modelId, from, to, clampLimit(query.limit)).map((r) => performanceMetricMapper.fromRow(r));
  }

  latest(modelId: string): PerformanceMetric | undefined {
    return this.listForModel(modelId, { limit: 1 })[0];
  }

  /** Newest first, across all models (the Health page). */
  recent(limit?: number): PerformanceMetric[] {
    return this.recentAll.all(clampLimit(limit)).map((r) => performanceMetricMapper.fromRow(r));
  }
}
