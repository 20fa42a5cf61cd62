import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../open-database';
import { detectionMapper, inferenceMapper, trackingMapper } from '../result-row-mappers';
import type { FrameResult, StoredDetection, StoredInference, StoredTracking } from '../result-rows';
import { ResultWriter } from '../result-writer';
import { clampLimit, rangeBounds, type TimeRange } from './query-helpers';

export interface InferenceQuery extends TimeRange {
  limit?: number;
}

/**
 * Reads of per-frame results (inference, detections, tracks). The pipeline writes through the
 * batched ResultWriter; writeFrame() is for one-off results (e.g. `detect --image`) that must be
 * stored before the call returns.
 */
export class InferenceResultsRepository {
  private readonly writer: ResultWriter;
  private readonly byId: Statement;
  private readonly forCamera: Statement;
  private readonly forModel: Statement;
  private readonly detections: Statement;
  private readonly tracks: Statement;
  private readonly trackHistory: Statement;

  constructor(db: SqliteDatabase) {
    this.writer = new ResultWriter(db);
    this.byId = db.prepare('SELECT * FROM model_inference_results WHERE inference_id = ?');
    this.forCamera = db.prepare(`
      SELECT * FROM model_inference_results
      WHERE camera_id = ? AND input_timestamp >= ? AND input_timestamp < ?
      ORDER BY input_timestamp DESC, id DESC LIMIT ?`);
    this.forModel = db.prepare(`
      SELECT * FROM model_inference_results
      WHERE model_id = ? AND input_timestamp >= ? AND input_timestamp < ?
      ORDER BY input_timestamp DESC LIMIT ?`);
    this.detections = db.prepare('SELECT * FROM detection_results WHERE inference_id = ? ORDER BY id');
    this.tracks = db.prepare('SELECT * FROM tracking_results WHERE inference_id = ? ORDER BY id');
    this.trackHistory = db.prepare('SELECT * FROM tracking_results WHERE track_id = ? ORDER BY created_at DESC, id DESC LIMIT ?');
  }

  /** Stores one frame's rows in one transaction, synchronously. */
  writeFrame(frame: FrameResult): void {
    this.writer.enqueue(frame);
    this.writer.flush();
  }

  get(inferenceId: string): StoredInference | undefined {
    const row = this.byId.get(inferenceId);
    return row === undefined ? undefined : inferenceMapper.fromRow(row);
  }

  /** Newest first, by input_timestamp (the frame's time; idx_inference_results_input_timestamp). */
  listForCamera(cameraId: string, query: InferenceQuery = {}): StoredInference[] {
    const [from, to] = rangeBounds(query);
    return this.forCamera.all(cameraId, from, to, clampLimit(query.limit)).map((r) => inferenceMapper.fromRow(r));
  }

  /** Newest first, by input_timestamp (idx_inference_results_input_timestamp). */
  listForModel(modelId: string, query: InferenceQuery = {}): StoredInference[] {
    const [from, to] = rangeBounds(query);
    return this.forModel.all(modelId, from, to, clampLimit(query.limit)).map((r) => inferenceMapper.fromRow(r));
  }

  detectionsFor(inferenceId: string): StoredDetection[] {
    return this.detections.all(inferenceId).map((r) => detectionMapper.fromRow(r));
  }

  tracksFor(inferenceId: string): StoredTracking[] {
    return this.tracks.all(inferenceId).map((r) => trackingMapper.fromRow(r));
  }

  /** The latest positions of one track, newest first. */
  trackHistoryOf(trackId: string, limit?: number): StoredTracking[] {
    return this.trackHistory.all(trackId, clampLimit(limit)).map((r) => trackingMapper.fromRow(r));
  }
}
