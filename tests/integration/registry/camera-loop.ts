import { FfmpegCapture } from '../../../src/engine/capture/ffmpeg-capture';
import { parseSourceUrl } from '../../../src/engine/capture/source';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { ResultWriter } from '../../../src/engine/db/result-writer';
import type { PersonDetector } from '../../../src/engine/inference/person-detector';
import { FrameProcessor, type CountEvent, type LineSpec, type ModelRef } from '../../../src/engine/pipeline/frame-processor';
import { probeSource } from '../../../src/engine/capture/probe-source';

export const DOOR: LineSpec = { id: null, name: 'door', x1: 550, y1: 150, x2: 550, y2: 500 };

export interface CameraRun {
  events: CountEvent[];
  frames: number;
  processor: FrameProcessor;
}

/**
 * What the camera engine does with a recording, in miniature: capture → FrameProcessor (detect,
 * track, count) → batched ResultWriter, with a hook between frames where a test can hot-swap the
 * model. Every frame is read (backpressure), so two runs see exactly the same frames.
 */
export async function runCamera(o: {
  db: SqliteDatabase;
  cameraId: string;
  source: string;
  detector: PersonDetector;
  model: ModelRef;
  frames: number;
  fps?: number;
  /** Awaited: a test may hold the camera at a frame until something it started is ready. */
  afterFrame?: (frameIndex: number, processor: FrameProcessor) => void | Promise<void>;
}): Promise<CameraRun> {
  const source = parseSourceUrl(o.source, 'file');
  const info = await probeSource(source);
  const fps = o.fps ?? 5;
  const writer = new ResultWriter(o.db);
  const processor = new FrameProcessor({
    cameraId: o.cameraId,
    runId: o.cameraId,
    sourceWidth: info.width,
    sourceHeight: info.height,
    fps,
    lines: [DOOR],
    detector: o.detector,
    model: o.model,
    writer,
    startedAt: new Date('2025-03-01T09:00:00.000Z'),
    live: false,
  });
  const capture = new FfmpegCapture({ source, width: processor.inputSize.width, height: processor.inputSize.height, fps, queueCapacity: 2 });
  const events: CountEvent[] = [];
  capture.start();
  try {
    while (processor.processedFrames < o.frames) {
      const frame = await capture.nextFrame();
      if (!frame) break;
      const outcome = await processor.process(frame);
      capture.release(frame);
      events.push(...outcome.events);
      await o.afterFrame?.(outcome.frameIndex, processor);
    }
  } finally {
    await capture.stop();
    writer.close();
  }
  return { events, frames: processor.processedFrames, processor };
}

export interface InferenceRowSummary {
  frame_index: number;
  model_id: string;
  model_version: string;
}

export function inferenceRows(db: SqliteDatabase, cameraId: string): InferenceRowSummary[] {
  return db
    .prepare('SELECT frame_index, model_id, model_version FROM model_inference_results WHERE camera_id = ? ORDER BY frame_index')
    .all(cameraId) as InferenceRowSummary[];
}
