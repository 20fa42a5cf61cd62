import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../open-database';
import type { CameraState } from '../../../shared/enums';
import { col, TableMapper } from '../table-mapper';
import { fieldsExcept, TableStore, type NewRow } from '../table-store';
import { clampLimit, normalizeIso, rangeBounds, type TimeRange } from './query-helpers';

export interface HealthSample {
  id: number;
  cameraId: string;
  state: CameraState;
  reason: string | null;
  inputFps: number | null;
  processedFps: number | null;
  droppedFrames: number | null;
  inferenceLatencyMs: number | null;
  reconnectCount: number | null;
  lastFrameAt: string | null;
  sampledAt: string;
}

export type NewHealthSample = NewRow<HealthSample, 'cameraId' | 'state', 'id'>;

export const healthSampleMapper = new TableMapper<HealthSample>('camera_health_samples', {
  id: col.integer('id'),
  cameraId: col.text('camera_id'),
  state: col.text('state'),
  reason: col.text('reason'),
  inputFps: col.real('input_fps'),
  processedFps: col.real('processed_fps'),
  droppedFrames: col.integer('dropped_frames'),
  inferenceLatencyMs: col.real('inference_latency_ms'),
  reconnectCount: col.integer('reconnect_count'),
  lastFrameAt: col.text('last_frame_at'),
  sampledAt: col.text('sampled_at'),
});

export class HealthSamplesRepository {
  private readonly store: TableStore<HealthSample, 'id'>;
  private readonly latest: Statement;
  private readonly forCamera: Statement;
  private readonly prune: Statement;

  constructor(db: SqliteDatabase) {
    this.store = new TableStore(db, healthSampleMapper, {
      key: 'id',
      insertable: fieldsExcept(healthSampleMapper.columns, ['id']),
      updatable: [],
    });
    // Newest sample per camera in O(cameras · log n): a recursive skip-scan walks the distinct
    // camera_ids through idx_camera_health_samples_camera_sampled instead of scanning every sample.
    this.latest = db.prepare(`
      WITH RECURSIVE cams(camera_id) AS (
        SELECT min(camera_id) FROM camera_health_samples
        UNION ALL
        SELECT (SELECT min(camera_id) FROM camera_health_samples WHERE camera_id > cams.camera_id)
        FROM cams WHERE cams.camera_id IS NOT NULL
      )
      SELECT s.* FROM cams JOIN camera_health_samples s ON s.id = (
        SELECT id FROM camera_health_samples WHERE camera_id = cams.camera_id ORDER BY sampled_at DESC, id DESC LIMIT 1)
      ORDER BY s.camera_id`);
    this.forCamera = db.prepare(`
      SELECT * FROM camera_health_samples
      WHERE camera_id = ? AND sampled_at >= ? AND sampled_at < ?
      ORDER BY sampled_at DESC, id DESC LIMIT ?`);
    this.prune = db.prepare('DELETE FROM camera_health_samples WHERE sampled_at < ?');
  }

  record(sample: NewHealthSample): HealthSample {
    return this.store.insert(sample);
  }

  /** The newest sample of every camera that has one. */
  latestPerCamera(): HealthSample[] {
    return this.latest.all().map((r) => healthSampleMapper.fromRow(r));
  }

  /** Newest first. */
  listForCamera(cameraId: string, query: TimeRange & { limit?: number } = {}): HealthSample[] {
    const [from, to] = rangeBounds(query);
    return this.forCamera.all(cameraId, from, to, clampLimit(query.limit)).map((r) => healthSampleMapper.fromRow(r));
  }

  deleteOlderThan(cutoff: string): number {
    return this.prune.run(normalizeIso(cutoff, 'cutoff')).changes;
  }
}
