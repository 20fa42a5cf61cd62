import { toIso } from '../../shared/timestamps';
import { openMigratedDatabase } from './open-migrated-database';
import { ResultWriter } from './result-writer';
import type { FrameResult } from './result-rows';

export interface WriterThroughput {
  /** Detection rows per second, end to end (conversion, queueing and writing). */
  rowsPerSecond: number;
  detectionRows: number;
  /** All rows written: inferences, detections, tracks and counting events. */
  totalRows: number;
  totalRowsPerSecond: number;
  seconds: number;
}

const DETECTIONS_PER_FRAME = 20;
const BENCH_MODEL = 'bench-yolov8n';
const MAX_BATCH_ROWS = 2000;

export interface ThroughputOptions {
  /**
   * Also write a track per detection and a counting event every tenth frame (the full pipeline
   * output). Off by default: the figure of merit is detection rows per second.
   */
  withTracks?: boolean;
}

function benchFrame(frame: number, start: number, withTracks: boolean): FrameResult {
  const inferenceId = `bench:${frame}`;
  const at = toIso(new Date(start + frame * 100));
  const detections = Array.from({ length: DETECTIONS_PER_FRAME }, (_, i) => ({
    detectionId: `${inferenceId}:${i}`,
    objectClass: 'person',
    confidenceScore: 0.5 + (i % 50) / 100,
    bboxX: 10 + i * 30,
    bboxY: 40 + (frame % 100),
    bboxWidth: 48.6,
    bboxHeight: 120.2,
  }));
  const tracks = detections.map((d, i) => ({
    trackId: `t${i}`,
    detectionId: d.detectionId,
    positionX: d.bboxX + 24,
    positionY: d.bboxY + 120,
  }));
  const crossing: FrameResult['counts'][number] = {
    countingEventId: `${inferenceId}:c`,
    eventType: 'cross_line',
    direction: 'in',
    trackId: 't0',
    detectionId: `${inferenceId}:0`,
  };
  return {
    inference: {
      inferenceId,
      modelId: BENCH_MODEL,
      modelVersion: '1.0.0',
      inputTimestamp: at,
      createdAt: at,
      inferenceResults: { people: DETECTIONS_PER_FRAME },
      processingTimeMs: 12,
      cameraId: 'bench-cam',
      frameIndex: frame,
    },
    detections,
    tracks: withTracks ? tracks : [],
    counts: withTracks && frame % 10 === 0 ? [crossing] : [],
  };
}

/**
 * Writes at least `rows` detection rows (20 per frame) into a fresh schema in `file` through a
 * ResultWriter with its default options and reports the rate, end to end. It flushes whenever a
 * batch is full, as the writer's setImmediate would between frames of a real pipeline.
 */
export function measureWriterThroughput(file: string, rows: number, opts: ThroughputOptions = {}): WriterThroughput {
  const db = openMigratedDatabase(file);
  try {
    db.prepare("INSERT OR IGNORE INTO ai_models (model_id, model_name, model_type) VALUES (?, 'Benchmark', 'detection')").run(BENCH_MODEL);
    const writer = new ResultWriter(db, { maxBatchRows: MAX_BATCH_ROWS });
    const frames = Math.max(1, Math.ceil(rows / DETECTIONS_PER_FRAME));
    const start = Date.now();
    const began = performance.now();
    for (let f = 0; f < frames; f++) {
      writer.enqueue(benchFrame(f, start, opts.withTracks === true));
      if (writer.stats().queuedRows >= MAX_BATCH_ROWS) writer.flush();
    }
    writer.close();
    const seconds = (performance.now() - began) / 1000;
    const detectionRows = frames * DETECTIONS_PER_FRAME;
    const totalRows = writer.stats().writtenRows;
    return {
      rowsPerSecond: Math.round(detectionRows / seconds),
      detectionRows,
      totalRows,
      totalRowsPerSecond: Math.round(totalRows / seconds),
      seconds,
    };
  } finally {
    db.close();
  }
}
