/**
 * The `count` job (also evaluation's and the benchmark's run): one source through the one frame
 * loop, behaving like a camera — a live stream gets the watchdog and the reconnect ladder, a
 * recording is read with back-pressure (every frame counted once). Validation comes first (source,
 * model, probe) so that a bad input writes nothing to the database.
 */
import { randomBytes } from 'node:crypto';
import { recordingCamera } from '../cameras/recording-camera';
import type { StateChange } from '../capture/camera-supervisor';
import { probeSource, type SourceInfo } from '../capture/probe-source';
import { sourceFromArgument } from '../capture/source-argument';
import type { SqliteDatabase } from '../db/open-database';
import { evidenceSetting } from '../db/evidence-setting';
import { openMigratedDatabase } from '../db/open-migrated-database';
import { repositoriesFor } from '../db/repositories';
import { ResultWriter } from '../db/result-writer';
import { PersonDetector } from '../inference/person-detector';
import { defaultModelPath } from '../paths';
import { ensureModelRegistered } from '../registry/ensure-model';
import { PIPELINE_DETECTOR_OPTIONS } from '../registry/model-loader';
import type { EvidenceLevel } from '../../shared/enums';
import type { RgbFrame } from '../vision/detections';
import type { FrameDetector } from '../vision/frame-detector';
import { FrameLoop, type SupervisorTunables } from './frame-loop';
import { attachAuditCapture } from '../audits/audit-capture';
import { FrameProcessor, type CountEvent, type FrameOutcome, type LineSpec, type ModelRef, type ZoneSpec } from './frame-processor';

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
  /** A live source that delivers no frame for this long is given up (default 60 s). */
  giveUpS?: number;
  /** Store the run under this camera (created as a recording camera when missing). Needs dbPath. */
  camera?: string;
  /** A recording's frame 0 in wall-clock time (default: now). Live frames carry their own time. */
  startedAt?: Date;
  /** Ends the run like the stream's end: what was counted is flushed and returned. */
  signal?: AbortSignal;
  /** Each processed frame (evaluation scores boxes here); the frame itself is not kept. */
  onFrame?: (outcome: FrameOutcome) => void;
  /**
   * Awaited after each frame, before the next is taken (tests hold a run at a frame; a shadow
   * model runs on the same frame here). The frame is valid until the hook settles.
   */
  afterFrame?: (outcome: FrameOutcome, loop: FrameLoop, frame: RgbFrame) => void | Promise<void>;
  /** Each reconnect of a live source, with its reason in words. */
  onReconnect?: (message: string) => void;
  /** About once a second: progress of a long run. */
  onProgress?: (p: RunProgress) => void;
  /**
   * A detector already loaded (benchmarks and tests reuse one; experiments pass a metered or a
   * split one); the caller disposes it.
   */
  detector?: LoadedDetector;
  /** Watchdog and back-off settings (tests shorten them). */
  supervisor?: SupervisorTunables;
  /** Per-frame detail stored (default: the database's `storage.evidence` setting, itself `events`). */
  evidence?: EvidenceLevel;
}

/** A frame detector that knows which model file it runs (what the registry records). */
export type LoadedDetector = FrameDetector & { readonly info: PersonDetector['info'] };

export interface RunProgress {
  frames: number;
  /** Frames the recording holds at this rate; null for a live stream. */
  total: number | null;
  fps: number;
  in: number;
  out: number;
}

/** Why the run ended. */
export type RunEnd = 'end_of_stream' | 'max_frames' | 'max_seconds' | 'interrupted' | 'gave_up' | 'failed';

export interface RunCountResult {
  /** Crossings counted by this run. */
  in: number;
  out: number;
  frames: number;
  events: CountEvent[];
  ended: RunEnd;
  /** Set when the run ended on a failure (gave_up, failed): the reason in words. */
  error: { code: string; message: string } | null;
  reconnects: number;
  camera: { cameraId: string; name: string; created: boolean } | null;
  model: ModelRef & { path: string; sha256: string; provider: string };
  source: { width: number; height: number; fps: number };
  zones: { entries: number; exits: number; occupancy: number | null };
  /** The evidence level the rows were stored at; null when nothing was stored. */
  evidence: EvidenceLevel | null;
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

const DEFAULT_GIVE_UP_S = 60;
const LIVE_DEFAULT_FPS = 5;
const PROGRESS_MS = 1000;

export async function runCount(o: RunCountOptions): Promise<RunCountResult> {
  const t0 = performance.now();
  const source = sourceFromArgument(o.source);
  const live = source.kind !== 'file';
  if (o.camera !== undefined && !o.dbPath) throw Object.assign(new Error('--camera needs --db: the run is stored under that camera'), { code: 'INVALID_OPTIONS' });
  const giveUpMs = (o.giveUpS ?? DEFAULT_GIVE_UP_S) * 1000;
  if (!(giveUpMs > 0)) throw Object.assign(new Error(`--give-up must be a positive number of seconds, got ${o.giveUpS}`), { code: 'INVALID_OPTIONS' });
  const owned = o.detector ? null : await PersonDetector.load(o.modelPath ?? defaultModelPath(), PIPELINE_DETECTOR_OPTIONS);
  const detector: LoadedDetector = o.detector ?? owned!;
  let db: SqliteDatabase | null = null;
  let writer: ResultWriter | null = null;
  let loop: FrameLoop | null = null;
  let storageError: Error | null = null;
  let evidence: EvidenceLevel | null = null;
  try {
    const info: SourceInfo = await probeSource(source);
    const fps = o.fps ?? (live ? LIVE_DEFAULT_FPS : Math.min(30, info.fps ?? 10));
    if (!(fps > 0 && fps <= 60)) throw Object.assign(new Error(`fps must be in (0, 60], got ${fps}`), { code: 'INVALID_FPS' });
    let model: ModelRef = { modelId: 'unregistered', versionNumber: '0.0.0' };
    let lines = o.lines;
    let zones = o.zones ?? [];
    let camera: RunCountResult['camera'] = null;
    if (o.dbPath) {
      db = openMigratedDatabase(o.dbPath);
      evidence = o.evidence ?? evidenceSetting(db);
      model = ensureModelRegistered(db, detector.info);
      if (o.camera !== undefined) {
        const rc = recordingCamera(repositoriesFor(db), { name: o.camera, source, frameWidth: info.width, frameHeight: info.height, lines, zones });
        camera = { cameraId: rc.cameraId, name: rc.name, created: rc.created };
        // Each import's running totals are its own recording's (the dashboard sums events).
        lines = rc.lines;
        zones = rc.zones;
      }
      // A write the database refuses (disk full, I/O error) stops the run with a clear error;
      // everything committed before it stays intact (each batch is one transaction).
      writer = new ResultWriter(db, { onError: (err) => (storageError ??= err) });
    }
    if (lines.length === 0 && zones.length === 0 && o.onFrame === undefined) {
      throw Object.assign(new Error('nothing to count: give a --line or a --zone'), { code: 'INVALID_GEOMETRY' });
    }
    const processor = new FrameProcessor({
      sourceWidth: info.width,
      sourceHeight: info.height,
      fps,
      lines,
      zones,
      detector,
      model,
    });
    // Short (it is in every row id of the run) and unique: the start in base 36, then 16 random bits.
    const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    const activeLoop = new FrameLoop({
      source,
      fps,
      inputSize: processor.inputSize,
      processor,
      storage: writer
        ? { writer, runId, cameraId: camera?.cameraId ?? null, timeZero: live ? 'live' : (o.startedAt ?? new Date()), evidence: evidence ?? undefined }
        : null,
      // A live stream that ends on purpose (RTSP BYE) ends the run; a dropped one is reconnected.
      supervisor: { detectStreamEnd: true, ...o.supervisor },
    });
    loop = activeLoop;
    // issue 13 (audits): evidence pictures of the run's crossings while the db's audit.enabled is on.
    if (db && camera) attachAuditCapture(activeLoop, { db, settings: repositoriesFor(db).settings, cameraId: camera.cameraId, runId, timeZero: live ? 'live' : (o.startedAt ?? new Date()) });
    const total = live || !info.durationS ? null : Math.floor(info.durationS * fps);
    const outcome = await pump(activeLoop, o, { live, giveUpMs, total, fps, writerFailed: () => storageError !== null, loopStart: performance.now(), t0 });
    await activeLoop.stop();
    const stats = activeLoop.stats();
    loop = null;
    try {
      writer?.close();
    } catch (err) {
      storageError ??= err instanceof Error ? err : new Error(String(err));
    }
    writer = null;
    if (storageError) {
      throw Object.assign(
        new Error(
          `results could not be stored after ${processor.processedFrames} frames: ${storageReason(storageError)} (what was stored before is intact)`,
        ),
        { code: 'STORAGE_FAILED' },
      );
    }
    const frames = processor.processedFrames;
    const wallMs = performance.now() - t0;
    const per = (v: number): number => (frames ? v / frames : 0);
    return {
      in: outcome.events.filter((e) => e.direction === 'in').length,
      out: outcome.events.filter((e) => e.direction === 'out').length,
      frames,
      events: outcome.events,
      ended: outcome.ended,
      error: outcome.error,
      reconnects: stats.reconnects,
      camera,
      model: { ...processor.currentModel, path: detector.info.path, sha256: detector.info.sha256, provider: detector.info.provider },
      source: { width: info.width, height: info.height, fps },
      zones: { entries: outcome.zoneEntries, exits: outcome.zoneExits, occupancy: processor.occupancy() },
      evidence,
      timing: {
        firstFrameMs: Math.max(0, outcome.firstFrameMs),
        wallMs,
        msPerFrame: per(outcome.loopMs),
        detectMsPerFrame: per(outcome.detectMs),
        inferMsPerFrame: per(outcome.inferMs),
        trackMsPerFrame: per(outcome.trackMs),
        droppedFrames: stats.framesDropped,
      },
    };
  } finally {
    if (loop) await loop.stop();
    // Drains queued rows even when the run failed: what was processed is kept. A writer that
    // cannot drain (disk full) must not hide the error already on its way out.
    try {
      writer?.close();
    } catch {
      // reported by the run's own error
    }
    db?.close();
    await owned?.dispose();
  }
}

/**
 * The writer's words for a full disk promise to hold counts until space returns — true for the
 * cameras, not for a `count` run, which stops here.
 */
function storageReason(err: Error): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'DISK_FULL') return 'the disk is full';
  if (code === 'DISK_WRITE_FAILED') return 'the disk refused the write';
  return oneLineOf(err);
}

interface PumpResult {
  events: CountEvent[];
  ended: RunEnd;
  error: { code: string; message: string } | null;
  zoneEntries: number;
  zoneExits: number;
  firstFrameMs: number;
  loopMs: number;
  detectMs: number;
  inferMs: number;
  trackMs: number;
}

/** Runs the loop until one of the ends of a count; collects what the CLI prints. */
function pump(
  loop: FrameLoop,
  o: RunCountOptions,
  c: { live: boolean; giveUpMs: number; total: number | null; fps: number; writerFailed: () => boolean; loopStart: number; t0: number },
): Promise<PumpResult> {
  const r: PumpResult = { events: [], ended: 'end_of_stream', error: null, zoneEntries: 0, zoneExits: 0, firstFrameMs: -1, loopMs: 0, detectMs: 0, inferMs: 0, trackMs: 0 };
  let lastFrameAt = Date.now();
  let lastProgressAt = 0;
  let counted = { in: 0, out: 0 };
  return new Promise<PumpResult>((resolve) => {
    const timers: NodeJS.Timeout[] = [];
    let done = false;
    const finish = (ended: RunEnd, error: PumpResult['error'] = null): void => {
      if (done) return;
      done = true;
      r.ended = ended;
      r.error = error;
      r.loopMs = performance.now() - c.loopStart;
      for (const t of timers) clearInterval(t);
      o.signal?.removeEventListener('abort', onAbort);
      // No frame after this one is processed: stop() marks the loop stopped at once.
      void loop.stop();
      resolve(r);
    };
    const onAbort = (): void => finish('interrupted');
    if (o.signal?.aborted) return finish('interrupted');
    o.signal?.addEventListener('abort', onAbort, { once: true });

    loop.on('outcome', (outcome) => {
      lastFrameAt = Date.now();
      if (r.firstFrameMs < 0) r.firstFrameMs = performance.now() - c.t0;
      r.detectMs += outcome.ms.detect;
      r.inferMs += outcome.ms.infer;
      r.trackMs += outcome.ms.track;
      for (const z of outcome.zoneEvents) {
        if (z.kind === 'entry') r.zoneEntries++;
        else r.zoneExits++;
      }
      for (const x of outcome.crossings) {
        const { lineIndex: _l, previousAnchor: _p, anchor: _a, confidence: _c, totals: _t, ...event } = x;
        r.events.push(event);
        counted = { in: counted.in + (x.direction === 'in' ? 1 : 0), out: counted.out + (x.direction === 'out' ? 1 : 0) };
      }
      o.onFrame?.(outcome);
      const now = Date.now();
      if (o.onProgress && now - lastProgressAt >= PROGRESS_MS) {
        lastProgressAt = now;
        const frames = loop.stats().processed;
        const elapsedS = (performance.now() - c.loopStart) / 1000;
        o.onProgress({ frames, total: c.total, fps: elapsedS > 0 ? frames / elapsedS : 0, ...counted });
      }
      if (c.writerFailed()) finish('failed', { code: 'STORAGE_FAILED', message: 'results could not be stored' });
      else if (o.maxFrames !== undefined && loop.stats().processed >= o.maxFrames) finish('max_frames');
    });
    if (o.afterFrame) {
      const hook = o.afterFrame;
      loop.setAfterFrame((outcome, frame) => (done ? undefined : hook(outcome, loop, frame)));
    }
    loop.on('state', (s: StateChange) => {
      if (s.state === 'reconnecting') o.onReconnect?.(s.message);
    });
    loop.on('end', (e) => {
      if (e.reason === 'ended') finish('end_of_stream');
      else finish('failed', { code: `CAPTURE_${e.state.reason.toUpperCase()}`, message: e.state.message });
    });
    // Give-up: a live stream that sends nothing for giveUpMs (down, refusing, frozen) ends the
    // run with its last reason. A recording is never waited on: its failure ends it at once.
    if (c.live) {
      const tick = Math.min(1000, Math.max(50, c.giveUpMs / 10));
      const t = setInterval(() => {
        const quietMs = Date.now() - lastFrameAt;
        if (quietMs < c.giveUpMs) return;
        const last = loop.stats().source?.lastError;
        const why = last ? last.message : 'no frame';
        finish('gave_up', { code: 'GAVE_UP', message: `no frame for ${Math.round(quietMs / 1000)} s: ${why}` });
      }, tick);
      t.unref();
      timers.push(t);
    }
    if (o.maxSeconds !== undefined) {
      const t = setTimeout(() => finish('max_seconds'), o.maxSeconds * 1000);
      t.unref();
      timers.push(t);
    }
    loop.start();
  });
}

function oneLineOf(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  const text = cause instanceof Error && /full|I\/O|readonly/i.test(cause.message) ? cause.message : err.message;
  return (text.split('\n')[0] ?? '').slice(0, 300);
}
