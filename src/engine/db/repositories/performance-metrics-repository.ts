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
  // --- issue 13 (live performance, migration 0015): set on the sampler's rows only; a row with
  // cameraId null is an offline measurement (evaluation, benchmark).
  cameraId: string | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  cpuUtilizationPercent: number | null;
  framesProcessed: number | null;
  framesDropped: number | null;
  sampleIntervalS: number | null;
  executionProvider: 'cpu' | 'cuda' | null;
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
  cameraId: col.text('camera_id'),
  latencyP50Ms: col.real('latency_p50_ms'),
  latencyP95Ms: col.real('latency_p95_ms'),
  cpuUtilizationPercent: col.real('cpu_utilization_percent'),
  framesProcessed: col.integer('frames_processed'),
  framesDropped: col.integer('frames_dropped'),
  sampleIntervalS: col.real('sample_interval_s'),
  executionProvider: col.text('execution_provider'),
});

/**
 * Append-only time series; the nightly retention job archives rows older than a year. Two kinds
 * of row: offline measurements (evaluations, benchmarks; camera_id NULL), which listForModel,
 * latest and recent return, and the live sampler's rows (src/engine/performance/), read with
 * liveSeries. Each kind has its own partial index (0015), so neither query scans the other's rows.
 */
export class PerformanceMetricsRepository {
  private readonly store: TableStore<PerformanceMetric, 'id'>;
  private readonly forModel: Statement;
  private readonly recentAll: Statement;
  private readonly live: Statement;

  constructor(db: SqliteDatabase) {
    this.store = new TableStore(db, performanceMetricMapper, {
      key: 'id',
      insertable: fieldsExcept(performanceMetricMapper.columns, ['id']),
      updatable: [],
    });
    this.forModel = db.prepare(`
      SELECT * FROM model_performance_metrics
      WHERE model_id = ? AND metric_timestamp >= ? AND metric_timestamp < ? AND camera_id IS NULL
      ORDER BY metric_timestamp DESC LIMIT ?`);
    this.recentAll = db.prepare('SELECT * FROM model_performance_metrics WHERE camera_id IS NULL ORDER BY metric_timestamp DESC, id DESC LIMIT ?');
    this.live = db.prepare(`
      SELECT * FROM model_performance_metrics
      WHERE camera_id IS NOT NULL AND sample_interval_s IS NOT NULL AND metric_timestamp >= @from AND metric_timestamp < @to AND (@camera IS NULL OR camera_id = @camera)
      ORDER BY metric_timestamp, id LIMIT @limit`);
  }

  record(metric: NewPerformanceMetric): PerformanceMetric {
    return this.store.insert(metric);
  }

  get(id: number): PerformanceMetric | undefined {
    return this.store.get(id);
  }

  /** Offline measurements of a model, newest first (idx_performance_metrics_offline). */
  listForModel(modelId: string, query: TimeRange & { limit?: number } = {}): PerformanceMetric[] {
    const [from, to] = rangeBounds(query);
    return this.forModel.all(modelId, from, to, clampLimit(query.limit)).map((r) => performanceMetricMapper.fromRow(r));
  }

  latest(modelId: string): PerformanceMetric | undefined {
    return this.listForModel(modelId, { limit: 1 })[0];
  }

  /** Offline measurements, newest first, across all models (the Health page's model latency). */
  recent(limit?: number): PerformanceMetric[] {
    return this.recentAll.all(clampLimit(limit)).map((r) => performanceMetricMapper.fromRow(r));
  }

  /** The live sampler's rows in [from, to), oldest first, optionally of one camera (idx_performance_metrics_live). */
  liveSeries(query: TimeRange & { cameraId?: string; limit?: number } = {}): PerformanceMetric[] {
    const [from, to] = rangeBounds(query);
    return this.live
      .all({ from, to, camera: query.cameraId ?? null, limit: Math.max(1, Math.min(query.limit ?? 5000, 20_000)) })
      .map((r) => performanceMetricMapper.fromRow(r));
  }
}
