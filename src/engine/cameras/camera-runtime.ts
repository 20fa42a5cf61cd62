/**
 * One live camera's lifecycle: decrypt its secret, take its model from the shared pool, resume
 * its stored totals, learn its frame size, run its FrameLoop, and decide what a failure means for
 * the operator (failure-policy.ts). The work itself is elsewhere, one job per file: the frame
 * path (pipeline/frame-loop.ts), model following (camera-model-follower.ts), health figures
 * (camera-health.ts) and what the Live page sees (live-publisher.ts).
 */
import { randomBytes } from 'node:crypto';
import type { StateChange } from '../capture/camera-supervisor';
import type { CaptureErrorReason } from '../capture/capture-error';
import { probeSource } from '../capture/probe-source';
import { describeSource, type CameraSource } from '../capture/source';
import type { SqliteDatabase } from '../db/open-database';
import type { Repositories } from '../db/repositories';
import type { Camera } from '../db/repositories/cameras-repository';
import type { CountingLine } from '../db/repositories/counting-lines-repository';
import type { CountingZone } from '../db/repositories/counting-zones-repository';
import { evidenceLevelOf } from '../db/evidence-setting';
import { attachAuditCapture } from '../audits/audit-capture';
import type { ResultWriter } from '../db/result-writer';
import { letterboxParams, type LetterboxParams } from '../inference/preprocess';
import { scrubText, type Logger } from '../log';
import { FrameLoop } from '../pipeline/frame-loop';
import { FrameProcessor, type FrameOutcome, type LineSpec } from '../pipeline/frame-processor';
import type { RgbFrame } from '../vision/detections';
import { resolveCameraTuning } from '../tracking/camera-tuning';
import { rememberSecret } from '../secrets/known-secrets';
import type { SecretBox } from '../secrets/secret-box';
import type { CameraHealthDto, CameraState } from '../../shared/dto';
import type { LiveCameraSnapshotDto, LiveLineCountDto } from '../../shared/dto-cameras';
import type { EventBus } from '../wiring/event-bus';
import { CameraHealthMeter } from './camera-health';
import { CameraModelFollower, type FollowResult } from './camera-model-follower';
import { decodeSecret, secretStrings, type CameraSecret } from './camera-secrets';
import { cameraSourceFor, sourceErrorReason } from './camera-source';
import type { CameraEngineOptions } from './camera-engine-options';
import { resumeLineCounts, type LineTotals } from './count-resume';
import type { DetectorPool } from './detector-pool';
import { FailureTracker } from './failure-policy';
import { LivePublisher, type PreviewCost } from './live-publisher';

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
  /** issue 13 (live performance): called after each processed frame (the manager fans it out to its observers). */
  onOutcome?: (runtime: CameraRuntime, outcome: FrameOutcome) => void;
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

/** What a frame tap knows of the camera besides the frame: enough to run a second model alike. */
export interface CameraFrameView {
  cameraId: string;
  fps: number;
  sourceSize: { width: number; height: number };
  lines: LineSpec[];
  tuning: ReturnType<typeof resolveCameraTuning>;
  /** Frames the capture dropped so far because the consumer was busy (the CPU-pressure signal). */
  framesDropped: number;
}

/**
 * Called synchronously after each processed frame (a shadow challenger subscribes here). The
 * frame's buffer goes back to the pool when the call returns: a tap that works asynchronously
 * copies what it needs first, and never delays the camera's own counting.
 */
export type FrameTap = (outcome: FrameOutcome, frame: RgbFrame, view: CameraFrameView) => void;

export class CameraRuntime {
  readonly cameraId: string;
  /** configSignature() of what runs; kept current when the engine itself stores the frame size. */
  signature: string;
  private camera: Camera;
  private readonly config: CameraConfig;
  private readonly lines: CountingLine[];
  private readonly zones: CountingZone[];
  // Short (it is in every row id the camera writes): the start in base 36, then 16 random bits.
  private readonly runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  private current: RuntimeState;
  private loop: FrameLoop | undefined;
  private letterbox: LetterboxParams | undefined;
  private source: CameraSource | undefined;
  private label: string;
  private probing: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly failures: FailureTracker;
  private readonly model: CameraModelFollower;
  private readonly meter = new CameraHealthMeter();
  private readonly live: LivePublisher;
  private initialCounts: LineTotals[] = [];
  private readonly fps: number;
  private tap: FrameTap | undefined;
  private tuning: ReturnType<typeof resolveCameraTuning> = { tracker: {}, lineCounter: {} };

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
    // A camera's own rate, else the capture.default_fps setting, else the engine's option.
    const settingFps = Number(deps.repos.settings.getValue('capture.default_fps', null));
    this.fps = config.camera.processFps ?? (Number.isFinite(settingFps) && settingFps >= 0.5 && settingFps <= 30 ? settingFps : deps.options.defaultFps);
    this.failures = new FailureTracker(deps.options.giveUp);
    this.label = config.camera.urlRedacted;
    this.model = new CameraModelFollower({ db: deps.db, pool: deps.pool, log: deps.log, cameraId: this.cameraId, modelFor: deps.options.modelFor });
    const interval = Number(deps.repos.settings.getValue('live.preview_interval_s', null));
    this.live = new LivePublisher({
      cameraId: this.cameraId,
      events: deps.events,
      log: deps.log,
      frameEventMinMs: deps.options.frameEventMinMs,
      // The setting wins over the option; previews stay at most five a second per camera regardless.
      previewMinMs: Number.isFinite(interval) && interval > 0 && interval <= 600 ? Math.max(200, interval * 1000) : deps.options.previewMinMs,
      previewWidth: deps.options.previewWidth,
      previewQuality: deps.options.previewQuality,
      countsSince: (from) => {
        const s = deps.repos.countingResults.summary({ cameraId: this.cameraId, from, bucket: 'day' });
        return { in: s.totalIn, out: s.totalOut };
      },
    });
    this.current = { state: 'stopped', reason: 'stopped', message: 'not started', at: Date.now() };
  }

  get state(): RuntimeState {
    return this.current;
  }

  /** The version this camera counts with now (undefined before its model is loaded). */
  get currentModel(): { modelId: string; versionNumber: string } | undefined {
    return this.loop?.processor?.currentModel ?? this.model.lease?.model;
  }

  get name(): string {
    return this.camera.name;
  }

  /** pid of the camera's ffmpeg while one runs (tests kill it to prove the restart). */
  get ffmpegPid(): number | null {
    return this.loop?.pid ?? null;
  }

  /** ModelChoice.key of the model the camera runs. */
  get modelKey(): string | null {
    return this.model.key;
  }

  /**
   * Decrypts the secret, loads (or shares) the model, resumes the stored totals and starts the
   * loop (after a frame-size probe, when the size is unknown, which does not hold this up).
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
    let lease;
    try {
      lease = await this.model.acquire(this.camera);
    } catch (err) {
      return this.fail('model', `${this.label}: ${errText(err)}`);
    }
    if (this.stopping) {
      this.model.release();
      return;
    }
    this.initialCounts = resumeLineCounts(this.deps.db, this.cameraId, this.lines);
    this.live.publishCounts(this.lineCounts(), true);
    this.loop = this.buildLoop(this.source, { width: lease.detector.info.inputWidth, height: lease.detector.info.inputHeight });
    if (this.camera.frameWidth && this.camera.frameHeight) {
      this.attachProcessor(this.camera.frameWidth, this.camera.frameHeight);
      this.loop.start();
    } else {
      // Probed before the capture connects (cameras that serve one client at a time answer it
      // too), in the background: a camera that hangs must not hold up the engine or a reply.
      this.ensureFrameSize();
      void this.probing?.then(() => this.loop?.start());
    }
  }

  /** Stops ffmpeg and every timer; the shared writer keeps (and later drains) queued rows. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.live.stop();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.loop?.stop();
    this.model.release();
    this.setState('stopped', 'stopped', `${this.label}: stopped`);
  }

  /** Follows the registry's choice of model; 'restart' when it cannot be done in place. */
  async refreshModel(now = Date.now()): Promise<FollowResult> {
    if (this.stopping) return 'unchanged';
    return this.model.follow(this.camera, this.loop?.processor, now);
  }

  health(now = Date.now()): CameraHealthDto {
    return this.meter.health({ cameraId: this.cameraId, name: this.camera.name, state: this.current.state, reason: this.current.reason }, this.loop?.stats() ?? null, now);
  }

  /** Extra figures for benchmarks and logs. */
  figures(): { processed: number; framesIn: number; skipped: number; processErrors: number; modelMs: number | null; provider: string | null; preview: PreviewCost } {
    const s = this.loop?.stats();
    return {
      preview: this.live.previewCost(),
      provider: this.model.lease?.detector.info.provider ?? null,
      processed: s?.processed ?? 0,
      framesIn: s?.framesIn ?? 0,
      skipped: s?.skipped ?? 0,
      processErrors: s?.frameErrors ?? 0,
      modelMs: this.meter.modelMs(),
    };
  }

  lineCounts(): LiveLineCountDto[] {
    const processor = this.loop?.processor;
    if (processor) return processor.lineCounts();
    return this.lines.map((l, i) => ({ lineId: l.id, name: l.name, in: this.initialCounts[i]?.in ?? 0, out: this.initialCounts[i]?.out ?? 0 }));
  }

  snapshot(): LiveCameraSnapshotDto {
    return {
      cameraId: this.cameraId,
      health: this.health(),
      counts: this.live.lastCounts,
      lines: this.lineCounts(),
      frame: this.live.lastFrame,
      preview: this.live.lastPreview,
    };
  }

  /** One tap at a time (the live shadow supervisor multiplexes experiments itself); undefined removes it. */
  setFrameTap(tap: FrameTap | undefined): void {
    this.tap = tap;
  }

  private buildLoop(source: CameraSource, inputSize: { width: number; height: number }): FrameLoop {
    const o = this.deps.options;
    const loop = new FrameLoop({
      source,
      fps: this.fps,
      inputSize,
      // The evidence setting is read at each (re)start of the camera's loop.
      storage: {
        writer: this.deps.writer,
        runId: this.runId,
        cameraId: this.cameraId,
        timeZero: 'live',
        evidence: evidenceLevelOf(this.deps.repos.settings.getValue('storage.evidence', null)),
      },
      supervisor: {
        ioTimeoutMs: o.ioTimeoutMs,
        backoff: o.backoff,
        maxPermanentFailures: o.maxPermanentFailures,
        ...(o.stallTimeoutMs !== undefined ? { stallTimeoutMs: o.stallTimeoutMs } : {}),
        ...(o.connectTimeoutMs !== undefined ? { connectTimeoutMs: o.connectTimeoutMs } : {}),
        ...(o.pacer !== undefined ? { pacer: o.pacer } : {}),
      },
    });
    loop.on('state', (s) => this.onSourceState(loop, s));
    // issue 13 (audits): evidence pictures while audit.enabled is on (src/engine/audits/).
    attachAuditCapture(loop, { db: this.deps.db, settings: this.deps.repos.settings, cameraId: this.cameraId, runId: this.runId, timeZero: 'live', onError: (err) => this.deps.log.warn({ cameraId: this.cameraId, err: errText(err) }, 'audit capture failed') });
    loop.on('outcome', (outcome, frame) => {
      this.meter.markProcessed(outcome);
      if (this.deps.onOutcome) {
        try {
          this.deps.onOutcome(this, outcome);
        } catch (err) {
          // A failing observer (the performance sampler) must never stop the camera's own counting.
          this.deps.log.warn({ cameraId: this.cameraId, err: errText(err) }, 'outcome observer failed');
        }
      }
      if (this.letterbox) this.live.onOutcome(outcome, frame, this.letterbox, () => this.lineCounts());
      const processor = loop.processor;
      if (this.tap && processor) {
        try {
          this.tap(outcome, frame, {
            cameraId: this.cameraId,
            fps: this.fps,
            sourceSize: processor.sourceSize,
            lines: [...processor.lines],
            tuning: this.tuning,
            framesDropped: loop.stats().framesDropped,
          });
        } catch (err) {
          // A failing watcher must never stop the camera's own counting.
          this.deps.log.warn({ cameraId: this.cameraId, err: errText(err) }, 'frame tap failed');
        }
      }
    });
    loop.on('frameError', (err, _index) => {
      const n = loop.stats().frameErrors;
      // One line per 100 failures: a broken model must not flood the log at frame rate.
      if (n % 100 === 1) this.deps.log.error({ cameraId: this.cameraId, err: errText(err), count: n }, 'frame processing failed');
    });
    return loop;
  }

  private onSourceState(loop: FrameLoop, s: StateChange): void {
    if (loop !== this.loop || this.stopping) return;
    if (s.state === 'live') {
      this.failures.onLive();
      this.ensureFrameSize();
    }
    if (s.state === 'reconnecting' && this.failures.onFailure(s.reason as CaptureErrorReason, s.at)) {
      void this.giveUp(loop, s);
      return;
    }
    if (s.state === 'stopped' && s.reason === 'stopped') return; // our own stop() reports it
    this.setState(s.state, s.reason, s.message);
  }

  /**
   * A network failure that persisted: shown as failed (the address is probably wrong), ffmpeg
   * stopped, and one quiet retry every failedRetryMs in case the camera comes back.
   */
  private async giveUp(loop: FrameLoop, s: StateChange): Promise<void> {
    await loop.stopSource();
    if (this.stopping) return;
    const reason = s.reason as CaptureErrorReason;
    const attempts = this.failures.attempts(reason);
    const base = s.message.replace(/; retrying in [\d.]+ s$/, '');
    const retryS = Math.round(this.deps.options.failedRetryMs / 1000);
    this.setState('failed', reason, `${base} (${attempts} attempt${attempts === 1 ? '' : 's'}; next try in ${retryS} s)`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.stopping) return;
      this.meter.markRelaunch();
      loop.start();
    }, this.deps.options.failedRetryMs);
    this.retryTimer.unref();
  }

  /**
   * Lines and zones are in the camera's own pixels, so the processor needs the native size. A
   * camera added without one is probed before its capture starts and, if the camera was down
   * then, again whenever it goes live; the size is stored so later starts skip the probe.
   */
  private ensureFrameSize(): void {
    if (this.loop?.processor || this.probing || !this.source || this.stopping) return;
    const source = this.source;
    const timeoutMs = Math.min(PROBE_TIMEOUT_MS, this.deps.options.ioTimeoutMs + 2000);
    this.probing = probeSource(source, { timeoutMs })
      .then((info) => {
        if (this.stopping || this.loop?.processor) return;
        this.camera = this.deps.repos.cameras.update(this.cameraId, { frameWidth: info.width, frameHeight: info.height });
        this.signature = configSignature({ ...this.config, camera: this.camera });
        this.attachProcessor(info.width, info.height);
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

  private attachProcessor(width: number, height: number): void {
    const lease = this.model.lease;
    if (!lease || !this.loop) return;
    // Checked when the camera was saved; a hand-edited row that fails is a config error.
    this.tuning = resolveCameraTuning(this.camera.tuning);
    const processor = new FrameProcessor({
      sourceWidth: width,
      sourceHeight: height,
      fps: this.fps,
      lines: this.lines.map((l) => ({ id: l.id, name: l.name, x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2 })),
      zones: this.zones.map((z) => ({ id: z.id, name: z.name, polygon: z.polygon })),
      detector: lease.detector,
      model: lease.model,
      initialCounts: this.initialCounts,
      ...this.tuning,
    });
    const input = processor.inputSize;
    this.letterbox = letterboxParams(width, height, input.width, input.height);
    this.loop.attach(processor);
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
