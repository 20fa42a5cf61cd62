/**
 * One live camera: its supervisor (capture, watchdog, back-off), its frame processor (detect →
 * track → count → batched rows) and its live figures and events. The supervisor decides how to
 * keep ffmpeg running; this class decides what the operator sees (failure-policy.ts) and what
 * reaches the contract: counts when they change, boxes at most every frameEventMinMs, a small
 * JPEG at most every previewMinMs — never a raw frame.
 */
import { randomBytes } from 'node:crypto';
import { CameraSupervisor, type StateChange } from '../capture/camera-supervisor';
import type { CaptureErrorReason } from '../capture/capture-error';
import { describeSource, type CameraSource } from '../capture/source';
import type { SqliteDatabase } from '../db/open-database';
import type { Repositories } from '../db/repositories';
import type { Camera } from '../db/repositories/cameras-repository';
import type { CountingLine } from '../db/repositories/counting-lines-repository';
import type { CountingZone } from '../db/repositories/counting-zones-repository';
import type { ResultWriter } from '../db/result-writer';
import { letterboxParams, type LetterboxParams } from '../inference/preprocess';
import { scrubText, type Logger } from '../log';
import { FrameProcessor, type FrameOutcome } from '../pipeline/frame-processor';
import { probeSource } from '../capture/probe-source';
import { rememberSecret } from '../secrets/known-secrets';
import type { SecretBox } from '../secrets/secret-box';
import type { CameraHealthDto, CameraState, LiveCountsEvent, LiveFrameEvent, LivePreviewEvent } from '../../shared/dto';
import type { LiveCameraSnapshotDto, LiveLineCountDto } from '../../shared/dto-cameras';
import type { EventBus } from '../wiring/event-bus';
import { decodeSecret, secretStrings, type CameraSecret } from './camera-secrets';
import { cameraSourceFor, sourceErrorReason } from './camera-source';
import type { CameraEngineOptions } from './camera-engine-options';
import { resumeLineCounts, type LineTotals } from './count-resume';
import type { DetectorLease, DetectorPool } from './detector-pool';
import { FailureTracker } from './failure-policy';
import { resolveCameraModel, type ModelChoice } from './model-resolver';
import { encodePreview } from './preview-encoder';
import { MeanWindow, RateMeter } from './rate-meter';

/** Why a camera is in its state: the supervisor's reasons plus the engine's own. */
export type RuntimeReason = StateChange['reason'] | 'secret' | 'model' | 'config';

export interface RuntimeState {
  state: CameraState;
  reason: RuntimeReason;
  message: string;
  at: number;
}

export interface CameraRuntimeDeps {
  db: SqliteDatabase;
  repos: Repositories;
  events: EventBus;
  log: Logger;
  secrets: SecretBox;
  pool: DetectorPool;
  writer: ResultWriter;
  options: CameraEngineOptions;
  /** Called on every state change (the manager pushes health and samples it). */
  onStateChange: (runtime: CameraRuntime) => void;
}

export interface CameraConfig {
  camera: Camera;
  lines: CountingLine[];
  zones: CountingZone[];
  /** Encrypted secret as stored; part of the config so a new password restarts the camera. */
  secretCipher: Buffer | null;
}

/** A fingerprint of everything that needs a restart when it changes. */
export function configSignature(c: CameraConfig): string {
  const { updatedAt: _u, createdAt: _c, name: _n, ...camera } = c.camera;
  return JSON.stringify({
    camera,
    lines: c.lines.map(({ createdAt: _lc, ...l }) => l),
    zones: c.zones.map(({ createdAt: _zc, ...z }) => z),
    secret: c.secretCipher?.toString('base64') ?? null,
  });
}

const PROBE_TIMEOUT_MS = 15_000;
const MODEL_RETRY_MS = 60_000;
const ROUND = (v: number | null, d = 2): number | null => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);

export class CameraRuntime {
  readonly cameraId: string;
  /** configSignature() of what runs; kept current when the engine itself stores the frame size. */
  signature: string;
  private camera: Camera;
  private readonly config: CameraConfig;
  private readonly lines: CountingLine[];
  private readonly zones: CountingZone[];
  private readonly runId = `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  private current: RuntimeState;
  private supervisor: CameraSupervisor | undefined;
  private processor: FrameProcessor | undefined;
  private letterbox: LetterboxParams | undefined;
  private lease: DetectorLease | undefined;
  /** Replaced leases whose detector the frame in flight may still use (released after the swap). */
  private retiring: DetectorLease[] = [];
  private swapping = false;
  /** A model that failed to load is not retried at every refresh (each try is logged and recorded). */
  private failedModel: { key: string; at: number } | null = null;
  private source: CameraSource | undefined;
  private label: string;
  private probing: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly failures: FailureTracker;
  private initialCounts: LineTotals[] = [];
  private readonly fps: number;
  private readonly previewMinMs: number;
  // Figures carried over from supervisors that were replaced (slow retry after a give-up).
  private carried = { reconnects: 0, framesIn: 0, dropped: 0 };
  private skipped = 0;
  private processed = 0;
  private processErrors = 0;
  private readonly processedMeter = new RateMeter(5000);
  private readonly latency = new MeanWindow(20);
  private readonly inferLatency = new MeanWindow(20);
  private lastFrameAt: number | null = null;
  private lastFrameEventAt = 0;
  private lastPreviewAt = 0;
  private lastOccupancy: number | null = null;
  private lastCounts: LiveCountsEvent | null = null;
  private lastFrameEvent: LiveFrameEvent | null = null;
  private lastPreview: LivePreviewEvent | null = null;

  constructor(
    config: CameraConfig,
    private readonly deps: CameraRuntimeDeps,
  ) {
    this.config = config;
    this.camera = config.camera;
    this.cameraId = config.camera.cameraId;
    this.lines = config.lines.filter((l) => l.enabled);
    this.zones = config.zones.filter((z) => z.enabled);
    this.signature = configSignature(config);
    this.fps = config.camera.processFps ?? deps.options.defaultFps;
    this.failures = new FailureTracker(deps.options.giveUp);
    this.label = config.camera.urlRedacted;
    const interval = Number(deps.repos.settings.getValue('live.preview_interval_s', null));
    // The setting may ask for 0.5 s; previews stay at most one a second per camera regardless.
    this.previewMinMs = Number.isFinite(interval) && interval > 0 && interval <= 600 ? Math.max(1000, interval * 1000) : deps.options.previewMinMs;
    this.current = { state: 'stopped', reason: 'stopped', message: 'not started', at: Date.now() };
  }

  get state(): RuntimeState {
    return this.current;
  }

  get name(): string {
    return this.camera.name;
  }

  /** pid of the camera's ffmpeg while one runs (tests kill it to prove the restart). */
  get ffmpegPid(): number | null {
    return this.supervisor?.stats().pid ?? null;
  }

  /**
   * Decrypts the secret, loads (or shares) the model, resumes the stored totals and starts the
   * supervisor (after a frame-size probe, when the size is unknown, which does not hold this up).
   * Problems a retry cannot fix end in `failed` with their reason; it never throws.
   */
  async start(secretCipher: Buffer | null): Promise<void> {
    this.setState('connecting', 'start', `${this.label}: starting`);
    let secret: CameraSecret | null = null;
    try {
      if (secretCipher) {
        secret = decodeSecret(this.deps.secrets.decrypt(secretCipher));
        for (const s of secretStrings(secret)) rememberSecret(s);
      }
    } catch (err) {
      return this.fail('secret', `${this.label}: ${errText(err)}`);
    }
    try {
      this.source = cameraSourceFor(this.camera, secret);
      this.label = describeSource(this.source);
    } catch (err) {
      return this.fail(sourceErrorReason(err), `${this.label}: ${errText(err)}`);
    }
    try {
      const choose = this.deps.options.modelFor ?? resolveCameraModel;
      const lease = await this.deps.pool.acquire(choose(this.deps.db, this.camera));
      if (this.stopping) {
        lease.release();
        return;
      }
      this.lease = lease;
    } catch (err) {
      return this.fail('model', `${this.label}: ${errText(err)}`);
    }
    this.initialCounts = resumeLineCounts(this.deps.db, this.cameraId, this.lines);
    this.emitCounts(true);
    if (this.camera.frameWidth && this.camera.frameHeight) {
      this.buildProcessor(this.camera.frameWidth, this.camera.frameHeight);
      this.launchSupervisor();
    } else {
      // Probed before the capture connects (cameras that serve one client at a time answer it
      // too), in the background: a camera that hangs must not hold up the engine or a reply.
      this.ensureFrameSize();
      void this.probing?.then(() => this.launchSupervisor());
    }
  }

  /** Stops ffmpeg and every timer; the shared writer keeps (and later drains) queued rows. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const sup = this.supervisor;
    if (sup) {
      await sup.stop();
      this.carryOver(sup);
      this.supervisor = undefined;
    }
    this.lease?.release();
    this.lease = undefined;
    for (const old of this.retiring.splice(0)) old.release();
    this.setState('stopped', 'stopped', `${this.label}: stopped`);
  }

  /**
   * Follows the registry: when the model this camera should run has changed (a deploy, a canary,
   * a rollback), the new detector replaces the old one between two frames — capture, tracker and
   * running totals untouched. 'restart' when that cannot be done in place (no processor yet, or a
   * model with another input size, which needs frames of another size).
   */
  async refreshModel(now = Date.now()): Promise<'unchanged' | 'swapped' | 'restart'> {
    if (this.stopping || !this.lease || this.swapping) return 'unchanged';
    let choice: ModelChoice;
    try {
      choice = (this.deps.options.modelFor ?? resolveCameraModel)(this.deps.db, this.camera);
    } catch (err) {
      this.deps.log.warn({ cameraId: this.cameraId, err: errText(err) }, 'cannot resolve the camera model; keeping the running one');
      return 'unchanged';
    }
    if (choice.key === this.lease.key) return 'unchanged';
    if (this.failedModel?.key === choice.key && now - this.failedModel.at < MODEL_RETRY_MS) return 'unchanged';
    if (!this.processor) return 'restart';
    this.swapping = true;
    try {
      let lease: DetectorLease;
      try {
        lease = await this.deps.pool.acquire(choice);
      } catch (err) {
        this.failedModel = { key: choice.key, at: now };
        this.deps.log.error({ cameraId: this.cameraId, model: choice.label, err: errText(err) }, 'new model failed to load; the running model keeps counting');
        return 'unchanged';
      }
      const old = this.lease;
      const info = lease.detector.info;
      if (this.stopping || !old || info.inputWidth !== old.detector.info.inputWidth || info.inputHeight !== old.detector.info.inputHeight) {
        lease.release();
        return this.stopping || !old ? 'unchanged' : 'restart';
      }
      this.lease = lease;
      this.retiring.push(old);
      const processor = this.processor;
      void processor.swapDetector(lease.detector, lease.model).then(
        () => {
          this.retiring = this.retiring.filter((l) => l !== old);
          old.release();
        },
        () => undefined,
      );
      this.deps.log.info({ cameraId: this.cameraId, from: old.key, to: lease.key }, 'camera model swapped');
      return 'swapped';
    } finally {
      this.swapping = false;
    }
  }

  /** ModelChoice.key of the model the camera runs (or is switching to). */
  get modelKey(): string | null {
    return this.lease?.key ?? null;
  }

  health(now = Date.now()): CameraHealthDto {
    const s = this.supervisor?.stats();
    // A camera that is not delivering frames processes none, whatever the window still holds.
    const flowing = this.current.state === 'live' || this.current.state === 'stalled';
    return {
      cameraId: this.cameraId,
      name: this.camera.name,
      state: this.current.state,
      reason: this.current.reason,
      inputFps: flowing ? ROUND(s?.inputFps ?? 0) : 0,
      processedFps: flowing ? ROUND(this.processedMeter.rate(now)) : 0,
      droppedFrames: this.carried.dropped + (s?.framesDropped ?? 0) + this.skipped,
      // The wait for the shared detector is part of what this camera experiences as latency.
      inferenceLatencyMs: ROUND(this.latency.mean(), 1),
      reconnectCount: this.carried.reconnects + (s?.reconnectCount ?? 0),
      lastFrameAt: this.lastFrameAt === null ? null : new Date(this.lastFrameAt).toISOString(),
      sampledAt: new Date(now).toISOString(),
    };
  }

  /** Extra figures for benchmarks and logs. */
  figures(): { processed: number; framesIn: number; skipped: number; processErrors: number; modelMs: number | null; provider: string | null } {
    const s = this.supervisor?.stats();
    return {
      provider: this.lease?.detector.info.provider ?? null,
      processed: this.processed,
      framesIn: this.carried.framesIn + (s?.framesIn ?? 0),
      skipped: this.skipped,
      processErrors: this.processErrors,
      modelMs: ROUND(this.inferLatency.mean(), 1),
    };
  }

  lineCounts(): LiveLineCountDto[] {
    if (this.processor) return this.processor.lineCounts();
    return this.lines.map((l, i) => ({ lineId: l.id, name: l.name, in: this.initialCounts[i]?.in ?? 0, out: this.initialCounts[i]?.out ?? 0 }));
  }

  snapshot(): LiveCameraSnapshotDto {
    return {
      cameraId: this.cameraId,
      health: this.health(),
      counts: this.lastCounts,
      lines: this.lineCounts(),
      frame: this.lastFrameEvent,
      preview: this.lastPreview,
    };
  }

  private launchSupervisor(): void {
    if (this.stopping || this.supervisor || !this.source || !this.lease) return;
    const o = this.deps.options;
    const size = { width: this.lease.detector.info.inputWidth, height: this.lease.detector.info.inputHeight };
    const sup = new CameraSupervisor({
      source: this.source,
      ...size,
      fps: this.fps,
      letterbox: true,
      queueCapacity: 2,
      ioTimeoutMs: o.ioTimeoutMs,
      backoff: o.backoff,
      maxPermanentFailures: o.maxPermanentFailures,
      ...(o.stallTimeoutMs !== undefined ? { stallTimeoutMs: o.stallTimeoutMs } : {}),
      ...(o.connectTimeoutMs !== undefined ? { connectTimeoutMs: o.connectTimeoutMs } : {}),
      ...(o.pacer !== undefined ? { pacer: o.pacer } : {}),
      onFrame: (frame) => this.onFrame(frame),
    });
    sup.on('state', (s) => this.onSupervisorState(sup, s));
    this.supervisor = sup;
    sup.start();
  }

  private onSupervisorState(sup: CameraSupervisor, s: StateChange): void {
    if (sup !== this.supervisor || this.stopping) return;
    if (s.state === 'live') {
      this.failures.onLive();
      this.ensureFrameSize();
    }
    if (s.state === 'reconnecting' && this.failures.onFailure(s.reason as CaptureErrorReason, s.at)) {
      void this.giveUp(sup, s);
      return;
    }
    if (s.state === 'stopped' && s.reason === 'stopped') return; // our own stop() reports it
    this.setState(s.state, s.reason, s.message);
  }

  /**
   * A network failure that persisted: shown as failed (the address is probably wrong), ffmpeg
   * stopped, and one quiet retry every failedRetryMs in case the camera comes back.
   */
  private async giveUp(sup: CameraSupervisor, s: StateChange): Promise<void> {
    this.supervisor = undefined; // its remaining events are ignored from now on
    await sup.stop();
    this.carryOver(sup);
    if (this.stopping) return;
    const reason = s.reason as CaptureErrorReason;
    const attempts = this.failures.attempts(reason);
    const base = s.message.replace(/; retrying in [\d.]+ s$/, '');
    const retryS = Math.round(this.deps.options.failedRetryMs / 1000);
    this.setState('failed', reason, `${base} (${attempts} attempt${attempts === 1 ? '' : 's'}; next try in ${retryS} s)`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.stopping) return;
      this.carried.reconnects++;
      this.launchSupervisor();
    }, this.deps.options.failedRetryMs);
    this.retryTimer.unref();
  }

  private carryOver(sup: CameraSupervisor): void {
    const st = sup.stats();
    this.carried.reconnects += st.reconnectCount;
    this.carried.framesIn += st.framesIn;
    this.carried.dropped += st.framesDropped;
  }

  /**
   * Lines and zones are in the camera's own pixels, so the processor needs the native size. A
   * camera added without one is probed before its capture starts and, if the camera was down
   * then, again whenever it goes live; the size is stored so later starts skip the probe.
   */
  private ensureFrameSize(): void {
    if (this.processor || this.probing || !this.source || this.stopping) return;
    const source = this.source;
    const timeoutMs = Math.min(PROBE_TIMEOUT_MS, this.deps.options.ioTimeoutMs + 2000);
    this.probing = probeSource(source, { timeoutMs })
      .then((info) => {
        if (this.stopping || this.processor) return;
        this.camera = this.deps.repos.cameras.update(this.cameraId, { frameWidth: info.width, frameHeight: info.height });
        this.signature = configSignature({ ...this.config, camera: this.camera });
        this.buildProcessor(info.width, info.height);
        this.deps.log.info({ cameraId: this.cameraId, width: info.width, height: info.height }, 'camera frame size probed');
      })
      .catch((err: unknown) => {
        // Tried again at the next live period; until then frames are counted as skipped.
        this.deps.log.warn({ cameraId: this.cameraId, err: errText(err) }, 'camera frame size probe failed');
      })
      .finally(() => {
        this.probing = undefined;
      });
  }

  private buildProcessor(width: number, height: number): void {
    if (!this.lease) return;
    this.processor = new FrameProcessor({
      cameraId: this.cameraId,
      runId: this.runId,
      sourceWidth: width,
      sourceHeight: height,
      fps: this.fps,
      lines: this.lines.map((l) => ({ id: l.id, name: l.name, x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2 })),
      zones: this.zones.map((z) => ({ id: z.id, name: z.name, polygon: z.polygon })),
      detector: this.lease.detector,
      model: this.lease.model,
      writer: this.deps.writer,
      startedAt: new Date(),
      live: true,
      initialCounts: this.initialCounts,
    });
    const input = this.processor.inputSize;
    this.letterbox = letterboxParams(width, height, input.width, input.height);
  }

  private async onFrame(frame: Parameters<FrameProcessor['process']>[0]): Promise<void> {
    this.lastFrameAt = Date.now();
    const processor = this.processor;
    if (!processor || this.stopping) {
      this.skipped++;
      return;
    }
    let outcome: FrameOutcome;
    try {
      outcome = await processor.process(frame);
    } catch (err) {
      this.processErrors++;
      // One line per 100 failures: a broken model must not flood the log at frame rate.
      if (this.processErrors % 100 === 1) this.deps.log.error({ cameraId: this.cameraId, err: errText(err), count: this.processErrors }, 'frame processing failed');
      return;
    }
    const now = Date.now();
    this.processed++;
    this.processedMeter.mark(now);
    this.latency.add(outcome.ms.detect);
    this.inferLatency.add(outcome.ms.infer);
    if (outcome.events.length > 0 || outcome.occupancy !== this.lastOccupancy) {
      this.lastOccupancy = outcome.occupancy;
      this.emitCounts(false);
    }
    if (now - this.lastFrameEventAt >= this.deps.options.frameEventMinMs) {
      this.lastFrameEventAt = now;
      this.emitFrame(outcome, now);
    }
    if (this.previewMinMs > 0 && this.letterbox && now - this.lastPreviewAt >= this.previewMinMs) {
      this.lastPreviewAt = now;
      try {
        const jpegDataUrl = encodePreview(frame, this.letterbox, { width: this.deps.options.previewWidth, quality: this.deps.options.previewQuality });
        this.lastPreview = { cameraId: this.cameraId, jpegDataUrl, at: new Date(now).toISOString() };
        this.deps.events.emit('live:preview', this.lastPreview);
      } catch (err) {
        this.deps.log.warn({ cameraId: this.cameraId, err: errText(err) }, 'preview encoding failed');
      }
    }
  }

  private emitCounts(initial: boolean): void {
    const lines = this.lineCounts();
    const totals = lines.reduce((s, l) => ({ in: s.in + l.in, out: s.out + l.out }), { in: 0, out: 0 });
    this.lastCounts = { cameraId: this.cameraId, in: totals.in, out: totals.out, occupancy: this.lastOccupancy, at: new Date().toISOString() };
    if (!initial) this.deps.log.debug({ cameraId: this.cameraId, ...totals }, 'counts changed');
    this.deps.events.emit('live:counts', this.lastCounts);
  }

  private emitFrame(outcome: FrameOutcome, now: number): void {
    const d = outcome.detections;
    const boxes: LiveFrameEvent['boxes'] = [];
    for (let i = 0; i < d.length; i++) {
      const trackId = d.trackerId?.[i] ?? -1;
      if (trackId < 0) continue; // unconfirmed detections would flicker on the overlay
      const o = i * 4;
      const x = d.xyxy[o]!;
      const y = d.xyxy[o + 1]!;
      boxes.push({
        trackId,
        bbox: [Math.round(x), Math.round(y), Math.round(d.xyxy[o + 2]! - x), Math.round(d.xyxy[o + 3]! - y)],
        confidence: Math.round(d.confidence[i]! * 100) / 100,
      });
    }
    this.lastFrameEvent = {
      cameraId: this.cameraId,
      frameIndex: outcome.frameIndex,
      width: this.letterbox?.srcWidth ?? 0,
      height: this.letterbox?.srcHeight ?? 0,
      boxes,
      at: new Date(now).toISOString(),
    };
    this.deps.events.emit('live:frame', this.lastFrameEvent);
  }

  private fail(reason: RuntimeReason, message: string): void {
    this.setState('failed', reason, message);
  }

  private setState(state: CameraState, reason: RuntimeReason, message: string): void {
    if (this.stopping && state !== 'stopped') return; // a late failure must not outlive stop()
    this.current = { state, reason, message: scrubText(message), at: Date.now() };
    const level = state === 'failed' ? 'error' : state === 'live' || state === 'connecting' || state === 'stopped' ? 'info' : 'warn';
    this.deps.log[level]({ cameraId: this.cameraId, state, reason }, this.current.message);
    this.deps.onStateChange(this);
  }
}

function errText(err: unknown): string {
  return scrubText(err instanceof Error ? err.message : String(err));
}
