import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { CaptureError } from '../capture/capture-error';
import { FfmpegCapture } from '../capture/ffmpeg-capture';
import { parseSourceUrl, type CameraSource } from '../capture/source';
import { migrate } from '../db/migrate';
import { openDatabase, type SqliteDatabase } from '../db/open-database';
import { ResultWriter } from '../db/result-writer';
import { PersonDetector } from '../inference/person-detector';
import { defaultModelPath } from '../paths';
import { ensureModelRegistered } from '../registry/ensure-model';
import { FrameProcessor, type CountEvent, type FrameOutcome, type LineSpec, type ModelRef, type ZoneSpec } from './frame-processor';
import { probeSource, type SourceInfo } from '../capture/probe-source';

export interface RunCountOptions {
  /** A recording's path, or an rtsp/rtsps/http/https URL. */
  source: string;
  lines: LineSpec[];
  zones?: ZoneSpec[];
  /** Model file; the bundled default when absent. */
  modelPath?: string;
  /** Where results are stored; nothing is stored when null. */
  dbPath: string | null;
  /** Frames processed per second; default the recording's own rate (max 30), 5 for live streams. */
  fps?: number;
  /** Stop after this many processed frames (live streams have no end). */
  maxFrames?: number;
  /** Stop after this many seconds of wall time. */
  maxSeconds?: number;
  signal?: AbortSignal;
  onFrame?: (outcome: FrameOutcome) => void;
  /** A detector already loaded (benchmarks and tests reuse one); the caller disposes it. */
  detector?: PersonDetector;
}

export interface RunCountResult {
  in: number;
  out: number;
  frames: number;
  events: CountEvent[];
  model: ModelRef & { path: string; sha256: string; provider: string };
  source: { width: number; height: number; fps: number };
  zones: { entries: number; exits: number; occupancy: number | null };
  timing: {
    /** From the call to the first processed frame. */
    firstFrameMs: number;
    wallMs: number;
    /** Mean per processed frame: whole loop, detector alone, model alone. */
    msPerFrame: number;
    detectMsPerFrame: number;
    inferMsPerFrame: number;
    trackMsPerFrame: number;
    droppedFrames: number;
  };
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const WINDOWS_DRIVE = /^[a-z]:[\\/]/i;

/**
 * Text without a URL scheme is a recording's path (missing → FILE_NOT_FOUND); with one, only the
 * camera schemes are accepted (file:, concat:, pipe:… are refused).
 */
export function resolveCountSource(text: string): CameraSource {
  if (existsSync(text) || !SCHEME.test(text) || WINDOWS_DRIVE.test(text)) return parseSourceUrl(text, 'file');
  return parseSourceUrl(text);
}

/** Failures a camera that serves one client at a time shows right after the probe disconnected. */
const RETRYABLE_AT_START = new Set(['refused', 'ended', 'crashed', 'timeout']);
const START_ATTEMPTS = 6;

/**
 * The `count` job: one source through capture → detect → track → count → store. Validation comes
 * first (source, model, probe) so that a bad input writes nothing to the database.
 */
export async function runCount(o: RunCountOptions): Promise<RunCountResult> {
  const t0 = performance.now();
  const source = resolveCountSource(o.source);
  const live = source.kind !== 'file';
  const detector = o.detector ?? (await PersonDetector.load(o.modelPath ?? defaultModelPath(), { confThreshold: 0.1 }));
  let db: SqliteDatabase | null = null;
  let writer: ResultWriter | null = null;
  let capture: FfmpegCapture | null = null;
  let storageError: Error | null = null;
  try {
    const info: SourceInfo = await probeSource(source);
    const fps = o.fps ?? (live ? 5 : Math.min(30, info.fps ?? 10));
    if (!(fps > 0 && fps <= 60)) throw Object.assign(new Error(`fps must be in (0, 60], got ${fps}`), { code: 'INVALID_FPS' });
    let model: ModelRef = { modelId: 'unregistered', versionNumber: '0.0.0' };
    if (o.dbPath) {
      db = openDatabase(o.dbPath);
      migrate(db);
      model = ensureModelRegistered(db, detector.info);
      // A write the database refuses (disk full, I/O error) stops the run with a clear error;
      // everything committed before it stays intact (each batch is one transaction).
      writer = new ResultWriter(db, { onError: (err) => (storageError ??= err) });
    }
    const runId = `${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
    const processor = new FrameProcessor({
      cameraId: null,
      runId,
      sourceWidth: info.width,
      sourceHeight: info.height,
      fps,
      lines: o.lines,
      zones: o.zones ?? [],
      detector,
      model,
      writer,
      startedAt: new Date(),
      live,
    });
    const size = processor.inputSize;
    const openCapture = (): FfmpegCapture => {
      const c = new FfmpegCapture({ source, width: size.width, height: size.height, fps, queueCapacity: 2 });
      c.start();
      return c;
    };
    capture = openCapture();

    const events: CountEvent[] = [];
    let firstFrameMs = -1;
    let detectMs = 0;
    let inferMs = 0;
    let trackMs = 0;
    let zoneEntries = 0;
    let zoneExits = 0;
    let startAttempts = 0;
    const loopStart = performance.now();
    const deadline = o.maxSeconds ? loopStart + o.maxSeconds * 1000 : Infinity;
    for (;;) {
      if (o.signal?.aborted || storageError) break;
      if (o.maxFrames !== undefined && processor.processedFrames >= o.maxFrames) break;
      if (performance.now() > deadline) break;
      let frame;
      try {
        frame = await capture.nextFrame(o.signal);
      } catch (err) {
        // The probe's connection may still hold a single-client camera (ESP32-CAM, ffmpeg -listen):
        // retry the first connection of a live source briefly before giving up.
        if (!(live && processor.processedFrames === 0 && startAttempts < START_ATTEMPTS && err instanceof CaptureError && RETRYABLE_AT_START.has(err.reason))) throw err;
        startAttempts++;
        await capture.stop();
        await new Promise((r) => setTimeout(r, 250 * startAttempts));
        capture = openCapture();
        continue;
      }
      if (!frame) {
        if (live && processor.processedFrames === 0 && startAttempts < START_ATTEMPTS) {
          startAttempts++;
          await capture.stop();
          await new Promise((r) => setTimeout(r, 250 * startAttempts));
          capture = openCapture();
          continue;
        }
        break;
      }
      const outcome = await processor.process(frame);
      capture.release(frame);
      if (firstFrameMs < 0) firstFrameMs = performance.now() - t0;
      detectMs += outcome.ms.detect;
      inferMs += outcome.ms.infer;
      trackMs += outcome.ms.track;
      zoneEntries += outcome.zoneEntries;
      zoneExits += outcome.zoneExits;
      for (const e of outcome.events) events.push(e);
      o.onFrame?.(outcome);
    }
    const dropped = capture.stats().framesDropped;
    await capture.stop();
    capture = null;
    try {
      writer?.close();
    } catch (err) {
      storageError ??= err instanceof Error ? err : new Error(String(err));
    }
    writer = null;
    if (storageError) {
      throw Object.assign(
        new Error(`results could not be stored after ${processor.processedFrames} frames: ${oneLineOf(storageError)} (what was stored before is intact)`),
        { code: 'STORAGE_FAILED' },
      );
    }
    const frames = processor.processedFrames;
    const totals = processor.lineCounts().reduce((s, l) => ({ in: s.in + l.in, out: s.out + l.out }), { in: 0, out: 0 });
    const wallMs = performance.now() - t0;
    return {
      in: totals.in,
      out: totals.out,
      frames,
      events,
      model: { ...processor.currentModel, path: detector.info.path, sha256: detector.info.sha256, provider: detector.info.provider },
      source: { width: info.width, height: info.height, fps },
      zones: { entries: zoneEntries, exits: zoneExits, occupancy: processor.occupancy() },
      timing: {
        firstFrameMs: Math.max(0, firstFrameMs),
        wallMs,
        msPerFrame: frames ? (performance.now() - loopStart) / frames : 0,
        detectMsPerFrame: frames ? detectMs / frames : 0,
        inferMsPerFrame: frames ? inferMs / frames : 0,
        trackMsPerFrame: frames ? trackMs / frames : 0,
        droppedFrames: dropped,
      },
    };
  } finally {
    if (capture) await capture.stop();
    // Drains queued rows even when the loop failed: what was processed is kept. A writer that
    // cannot drain (disk full) must not hide the error already on its way out.
    try {
      writer?.close();
    } catch {
      // reported by the loop's own error
    }
    db?.close();
    if (!o.detector) await detector.dispose();
  }
}

function oneLineOf(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  const text = cause instanceof Error && /full|I\/O|readonly/i.test(cause.message) ? cause.message : err.message;
  return (text.split('\n')[0] ?? '').slice(0, 300);
}
