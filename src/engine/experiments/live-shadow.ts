/**
 * One shadow experiment on one live camera: the challenger, with its own tracker and lines, runs
 * on copies of the camera's frames while the CPU allows, and never delays the camera's own
 * counting. At most one challenger frame is in flight; a frame that arrives meanwhile is a
 * recorded skip. When the capture starts dropping frames or frames come late (the baseline is
 * short of CPU), the challenger backs off — it skips 2, 4, 8 … frames — and eases back once that
 * stops: it degrades to skipped frames of its own, not to dropped frames of the baseline. Each
 * interval is stored once it is over.
 *
 * While auditing is on, the challenger's own crossings (and frames without one) are sampled for
 * review like the camera's (audits/audit-capture.ts, tagged with the challenger's version), so
 * operators' answers give each arm its own truth (experiments/audit-truth.ts).
 */
import { AuditCapture } from '../audits/audit-capture';
import type { CameraFrameView } from '../cameras/camera-runtime';
import type { Experiment, ExperimentDesign } from '../db/repositories/ab-experiments-repository';
import type { Logger } from '../log';
import { FrameProcessor, type FrameOutcome } from '../pipeline/frame-processor';
import type { FrameDetector } from '../vision/frame-detector';
import type { RegistryContext } from '../registry/registry-context';
import type { RgbFrame } from '../vision/detections';
import { IntervalBook, type IntervalKey } from './interval-book';
import { MeteredDetector } from './metered-detector';
import { experimentStatus } from './experiment-status';
import { recordComparison } from './record-comparison';
import { recordRun } from './record-run';

export type ShadowDetector = FrameDetector & { dispose(): Promise<void> };

export interface LiveShadowOptions {
  ctx: RegistryContext;
  experiment: Experiment;
  design: ExperimentDesign;
  cameraId: string;
  /** Loaded for this shadow; closed with it. */
  challenger: ShadowDetector;
  log: Logger;
  /** Wall clock in ms (tests pass a fake one). */
  now?: () => number;
}

/** Longest back-off, in frames, while the baseline is short of CPU. */
const MAX_BACKOFF_FRAMES = 64;
/** A frame this many frame periods after the previous one is late (the baseline fell behind). */
const LATE_FACTOR = 1.5;
/** An interval is stored this long after it ended (the last challenger frame may still be running). */
const SETTLE_S = 2;

export class LiveShadow {
  readonly runId: string;
  private readonly challenger: MeteredDetector<ShadowDetector>;
  private processor: FrameProcessor | undefined;
  private book: IntervalBook | undefined;
  private inFlight: Promise<void> | null = null;
  private frames = 0;
  private skipUntil = 0;
  private backoff = 1;
  private calmSince = 0;
  private lastDropped = -1;
  private lastFlushS = 0;
  private assigned = false;
  private lastFrameMs: number | null = null;
  private readonly now: () => number;
  private readonly audit: AuditCapture;
  skipped = 0;
  processed = 0;

  constructor(private readonly o: LiveShadowOptions) {
    this.challenger = new MeteredDetector(o.challenger);
    this.now = o.now ?? Date.now;
    this.runId = `live-${o.cameraId.slice(0, 40)}-${this.now().toString(36)}`;
    // The shadow's run id prefixes its items' event ids: they never name one of the camera's events.
    this.audit = new AuditCapture({
      db: o.ctx.db,
      settings: o.ctx.repos.settings,
      cameraId: o.cameraId,
      runId: this.runId,
      timeZero: 'live',
      now: () => new Date(this.now()),
      onError: (err) => o.log.warn({ cameraId: o.cameraId, experimentId: this.experimentId, err: err.message }, 'shadow audit capture failed'),
    });
  }

  /** Resolves when no challenger frame is in flight (tests and close). */
  async idle(): Promise<void> {
    await this.inFlight;
  }

  get experimentId(): string {
    return this.o.experiment.experimentId;
  }

  /** The camera's frame tap. Synchronous: the frame is copied before the challenger runs. */
  onFrame(outcome: FrameOutcome, frame: RgbFrame, view: CameraFrameView): void {
    const nowS = this.now() / 1000;
    const d = this.o.design;
    this.book ??= new IntervalBook(1 / view.fps);
    this.processor ??= new FrameProcessor({
      sourceWidth: view.sourceSize.width,
      sourceHeight: view.sourceSize.height,
      fps: view.fps,
      lines: view.lines,
      detector: this.challenger,
      model: { modelId: this.o.experiment.challengerModelId!, versionNumber: d.challengerVersion },
      frameSize: { width: frame.width, height: frame.height },
      ...view.tuning,
    });
    const index = Math.floor(nowS / d.intervalS);
    const key: IntervalKey = { index, unit: this.o.cameraId, startS: index * d.intervalS, endS: (index + 1) * d.intervalS };
    const events = outcome.crossings.map((c) => ({ line: c.line, direction: c.direction, timeS: c.time_s }));
    // Live, the baseline's CPU time is not measured separately: its model time stands in.
    this.book.addFrame(key, 'baseline', { timeS: outcome.timeS, latencyMs: outcome.ms.infer, cpuMs: outcome.ms.infer, crossings: events });
    this.frames++;
    // Two signs the baseline is short of CPU: the capture dropped frames (a live camera), or the
    // frames come later than the camera's rate (a source read with back-pressure does not drop).
    const late = this.lastFrameMs !== null && this.now() - this.lastFrameMs > (LATE_FACTOR * 1000) / view.fps;
    this.lastFrameMs = this.now();
    this.adaptToPressure(view.framesDropped, late);
    if (this.inFlight || this.frames < this.skipUntil) {
      this.skipped++;
      this.book.addSkipped(key, 'challenger');
    } else {
      const copy: RgbFrame = { width: frame.width, height: frame.height, index: frame.index, timeS: frame.timeS, data: Uint8Array.from(frame.data) };
      const book = this.book;
      const processor = this.processor;
      this.inFlight = processor
        .process(copy)
        .then((c) => {
          this.processed++;
          const crossings = c.crossings.map((x) => ({ line: x.line, direction: x.direction, timeS: x.time_s }));
          book.addFrame(key, 'challenger', { timeS: c.timeS, latencyMs: this.challenger.lastInferMs, cpuMs: this.challenger.lastCpuMs, crossings });
          this.audit.onOutcome(c, copy, { processor });
        })
        .catch((err: unknown) => {
          book.addSkipped(key, 'challenger');
          this.o.log.warn({ cameraId: this.o.cameraId, experimentId: this.experimentId, err: String(err) }, 'shadow challenger frame failed');
        })
        .finally(() => {
          this.inFlight = null;
        });
    }
    if (nowS - this.lastFlushS >= d.intervalS) {
      this.lastFlushS = nowS;
      this.flush(nowS - SETTLE_S);
    }
  }

  /**
   * Drops since the last frame, or a late frame, mean the baseline is short of CPU: the back-off doubles. A calm
   * stretch twice as long as the back-off halves it again, so the challenger returns gradually.
   */
  private adaptToPressure(dropped: number, late: boolean): void {
    if ((this.lastDropped >= 0 && dropped > this.lastDropped) || late) {
      this.backoff = Math.min(MAX_BACKOFF_FRAMES, this.backoff * 2);
      this.skipUntil = this.frames + this.backoff;
      this.calmSince = this.frames;
    } else if (this.backoff > 1 && this.frames - this.calmSince >= 2 * this.backoff) {
      this.backoff /= 2;
      this.calmSince = this.frames;
    }
    this.lastDropped = dropped;
  }

  /** Stores the intervals that ended before `beforeS` (epoch seconds). */
  flush(beforeS: number): void {
    const rows = this.book?.drain(beforeS) ?? [];
    if (rows.length === 0) return;
    try {
      recordRun(this.o.ctx, this.o.experiment, this.o.design, {
        runId: this.runId,
        timeZeroMs: 0,
        rows,
        // The camera is shadowed by both arms: recorded once, with the first stored interval.
        assignments: this.assigned ? [] : [{ unit: this.o.cameraId, arm: 'baseline' }, { unit: this.o.cameraId, arm: 'challenger' }],
        truthHits: null,
      });
      this.assigned = true;
    } catch (err) {
      this.o.log.error({ experimentId: this.experimentId, err: String(err) }, 'shadow results could not be stored');
    }
  }

  /** Waits for the frame in flight, stores every interval (the last one partial) and frees the model. */
  async close(): Promise<void> {
    await this.idle();
    this.flush(Number.POSITIVE_INFINITY);
    if (this.assigned) {
      try {
        recordComparison(this.o.ctx.repos, this.o.experiment, this.runId, experimentStatus(this.o.ctx.repos, this.experimentId));
      } catch (err) {
        this.o.log.error({ experimentId: this.experimentId, err: String(err) }, 'shadow comparison could not be stored');
      }
    }
    await this.o.challenger.dispose();
  }
}
