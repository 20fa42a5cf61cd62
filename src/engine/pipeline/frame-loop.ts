/**
 * THE frame loop. Every frame of every source — a live camera, `count` on a recording or a
 * stream, an evaluation, a benchmark, a test — takes this one path:
 *
 *   CameraSupervisor (ffmpeg, watchdog, back-off; drop-oldest when live, back-pressure for a
 *   recording) → onFrame → FrameProcessor (detect → track → count) → result rows → evidence
 *   filter (how much per-frame detail is kept) → ResultWriter
 *   → 'outcome' listeners (live events, CLI collection, evaluation) → frame buffer back to the pool.
 *
 * Features that watch frames (shadow models, drift, previews) subscribe to 'outcome'; none of
 * them pumps frames of its own.
 */
import { EventEmitter } from 'node:events';
import { CameraSupervisor, type CameraSupervisorOptions, type StateChange, type SupervisorStats } from '../capture/camera-supervisor';
import type { CameraSource } from '../capture/source';
import { frameFingerprint } from '../db/frame-fingerprint';
import { EvidenceFilter } from '../db/evidence-filter';
import { buildFrameRows } from '../db/frame-rows';
import type { ResultWriter } from '../db/result-writer';
import { DEFAULT_EVIDENCE_LEVEL, type EvidenceLevel } from '../../shared/enums';
import type { RgbFrame } from '../vision/detections';
import { frameImageStats, frameViewGrid } from '../vision/frame-image-stats';
import { letterboxParams, type LetterboxParams } from '../inference/preprocess';
import type { FrameOutcome, FrameProcessor } from './frame-processor';

/** Where a loop stores its rows; absent: nothing is stored (evaluation, benchmarks of the model). */
export interface FrameLoopStorage {
  writer: ResultWriter;
  /** Unique per run, so the ids of several runs in one database never collide. */
  runId: string;
  cameraId: string | null;
  /**
   * A recording's frame 0 in wall-clock time (frame t is stamped timeZero + t); 'live' stamps
   * each frame with the time it was processed.
   */
  timeZero: Date | 'live';
  /** Detections below this confidence are tracked but not stored (default 0.25). */
  storeThreshold?: number;
  /** How much per-frame detail is stored (default `events`); events and inference rows always. */
  evidence?: EvidenceLevel;
}

export type SupervisorTunables = Partial<
  Omit<CameraSupervisorOptions, 'source' | 'fps' | 'width' | 'height' | 'onFrame' | 'letterbox' | 'firstIndex'>
>;

export interface FrameLoopOptions {
  source: CameraSource;
  /** Frames per second taken from the source. */
  fps: number;
  /** Size of the frames handed to the processor: the model's input (ffmpeg letterboxes). */
  inputSize: { width: number; height: number };
  storage?: FrameLoopStorage | null;
  supervisor?: SupervisorTunables;
  /** The processor, when known up front; attach() sets it later (after a frame-size probe). */
  processor?: FrameProcessor;
}

/** How a source run ended by itself (stop() ends nothing: it is the caller's own doing). */
export interface SourceEnd {
  reason: 'ended' | 'failed';
  state: StateChange;
}

export interface FrameLoopEvents {
  /** A processed frame. The frame's buffer is valid only during the synchronous call. */
  outcome: [FrameOutcome, RgbFrame];
  /** Every state change of the supervised source. */
  state: [StateChange];
  /** A frame the processor or the storage refused; the loop carries on. */
  frameError: [Error, number];
  /** The source ended (end of a recording) or failed for good. */
  end: [SourceEnd];
}

export interface FrameLoopStats {
  processed: number;
  /** Frames that arrived while no processor was attached. */
  skipped: number;
  frameErrors: number;
  /** Over every source run of this loop. */
  reconnects: number;
  framesIn: number;
  framesDropped: number;
  source: SupervisorStats | null;
}

export type AfterFrameHook = (outcome: FrameOutcome, frame: RgbFrame) => void | Promise<void>;

/** Resident memory is a /proc read on Linux: sample it every this many frames. */
const RSS_SAMPLE_FRAMES = 10;

export class FrameLoop extends EventEmitter<FrameLoopEvents> {
  private processorRef: FrameProcessor | undefined;
  private supervisor: CameraSupervisor | undefined;
  private stopped = false;
  private nextIndex = 0;
  private carried = { reconnects: 0, framesIn: 0, dropped: 0 };
  private processed = 0;
  private skipped = 0;
  private frameErrors = 0;
  private rssMb: number | null = null;
  private stopping: Promise<void> | undefined;
  private afterFrame: AfterFrameHook | undefined;
  private readonly evidence: EvidenceFilter | null;
  private lb: LetterboxParams | undefined;

  constructor(private readonly o: FrameLoopOptions) {
    super();
    this.processorRef = o.processor;
    const storage = o.storage;
    this.evidence = storage
      ? new EvidenceFilter({ level: storage.evidence ?? DEFAULT_EVIDENCE_LEVEL, sink: (rows) => storage.writer.enqueue(rows) })
      : null;
  }

  get processor(): FrameProcessor | undefined {
    return this.processorRef;
  }

  /** Sets the processor (once the source's frame size is known); frames before it are skipped. */
  attach(processor: FrameProcessor): void {
    this.processorRef = processor;
  }

  /**
   * Awaited after each processed frame, before the next is taken: a recording waits (nothing is
   * dropped), a live source drops its oldest frames meanwhile. The frame stays valid until the
   * hook settles, so work that needs its pixels (a second model on the same frame) can run here;
   * tests use it to step a run.
   */
  setAfterFrame(hook: AfterFrameHook | undefined): void {
    this.afterFrame = hook;
  }

  get running(): boolean {
    return this.supervisor !== undefined;
  }

  get pid(): number | null {
    return this.supervisor?.stats().pid ?? null;
  }

  /** Starts (or, after stopSource(), restarts) the supervised source. */
  start(): void {
    if (this.stopped || this.supervisor) return;
    const sup = new CameraSupervisor({
      ...this.o.supervisor,
      source: this.o.source,
      fps: this.o.fps,
      ...this.o.inputSize,
      letterbox: true,
      queueCapacity: this.o.supervisor?.queueCapacity ?? 2,
      // Frame indices keep counting up across restarts: ids and the tracker depend on it.
      firstIndex: this.nextIndex,
      onFrame: (frame) => this.onFrame(frame),
    });
    sup.on('state', (s) => {
      if (sup !== this.supervisor) return;
      this.emit('state', s);
      if (s.state === 'failed' || (s.state === 'stopped' && s.reason === 'ended')) {
        this.emit('end', { reason: s.state === 'failed' ? 'failed' : 'ended', state: s });
      }
    });
    this.supervisor = sup;
    sup.start();
  }

  /** Stops the source (ffmpeg down, timers cleared); the processor and the figures stay. */
  stopSource(): Promise<void> {
    const sup = this.supervisor;
    if (!sup) return this.stopping ?? Promise.resolve();
    this.supervisor = undefined;
    // Concurrent callers wait for the same stop, and see the figures carried over after it.
    const stopping = (async () => {
      await sup.stop();
      this.evidence?.release();
      const st = sup.stats();
      this.carried.reconnects += st.reconnectCount;
      this.carried.framesIn += st.framesIn;
      this.carried.dropped += st.framesDropped;
    })();
    this.stopping = stopping;
    return stopping;
  }

  /**
   * Stops for good. The evidence filter's held frames go to the writer, where they (and every
   * row already handed over) stay queued until the writer is flushed or closed.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.processorRef?.cancelSwap('the frame loop stopped');
    await this.stopSource();
    this.evidence?.flush();
  }

  stats(): FrameLoopStats {
    const s = this.supervisor?.stats() ?? null;
    return {
      processed: this.processed,
      skipped: this.skipped,
      frameErrors: this.frameErrors,
      reconnects: this.carried.reconnects + (s?.reconnectCount ?? 0),
      framesIn: this.carried.framesIn + (s?.framesIn ?? 0),
      framesDropped: this.carried.dropped + (s?.framesDropped ?? 0),
      source: s,
    };
  }

  private async onFrame(frame: RgbFrame): Promise<void> {
    this.nextIndex = frame.index + 1;
    const processor = this.processorRef;
    if (!processor || this.stopped) {
      this.skipped++;
      return;
    }
    let outcome: FrameOutcome;
    try {
      outcome = await processor.process(frame);
      this.store(outcome, frame, processor);
    } catch (err) {
      this.frameErrors++;
      this.emit('frameError', err instanceof Error ? err : new Error(String(err)), frame.index);
      return;
    }
    this.processed++;
    this.emit('outcome', outcome, frame);
    await this.afterFrame?.(outcome, frame);
  }

  private store(outcome: FrameOutcome, frame: RgbFrame, processor: FrameProcessor): void {
    const s = this.o.storage;
    if (!s) return;
    if (this.rssMb === null || this.processed % RSS_SAMPLE_FRAMES === 0) {
      // Whole megabytes: SQLite stores an integral REAL in 1–2 bytes instead of 8, on every frame.
      this.rssMb = Math.round(process.memoryUsage.rss() / 1048576);
    }
    const rows = buildFrameRows(outcome, {
      runId: s.runId,
      cameraId: s.cameraId,
      frameTime: s.timeZero === 'live' ? new Date() : new Date(s.timeZero.getTime() + frame.timeS * 1000),
      classNames: processor.currentDetector.info.classNames,
      source: processor.sourceSize,
      modelInput: { width: frame.width, height: frame.height },
      inputDataHash: frameFingerprint(frame),
      memoryUsageMb: this.rssMb,
      lines: processor.lines,
      zones: processor.zones,
      ...(s.storeThreshold !== undefined ? { storeThreshold: s.storeThreshold } : {}),
    });
    // The picture's brightness, contrast, sharpness and view grid on the sampled frames (once a
    // second), for drift and tamper checks: besides audit pictures (only while auditing is on),
    // the only trace of the pixels that is stored.
    if (this.evidence?.wouldSample(frame.timeS)) {
      const meta = rows.inference.inputMetadata;
      if (meta && typeof meta === 'object' && !Array.isArray(meta)) {
        const { image: _old, ...rest } = meta;
        const lb = this.letterboxFor(processor, frame);
        rows.inference.inputMetadata = { ...rest, image: { ...frameImageStats(frame, lb), grid: frameViewGrid(frame, lb) } };
      }
    }
    this.evidence?.push(rows, frame.timeS);
  }

  private letterboxFor(processor: FrameProcessor, frame: RgbFrame): LetterboxParams {
    const src = processor.sourceSize;
    const lb = this.lb;
    if (lb && lb.srcWidth === src.width && lb.srcHeight === src.height && lb.dstWidth === frame.width && lb.dstHeight === frame.height) return lb;
    return (this.lb = letterboxParams(src.width, src.height, frame.width, frame.height));
  }
}
