/**
 * The one supervised frame source of the frame path: starts an FfmpegCapture, hands each frame to
 * its consumer (FrameLoop) and gives the buffer back to the capture's pool afterwards, watches
 * that frames keep coming, restarts with back-off when the source fails or stalls, and gives up
 * on errors a retry cannot fix. Health and restart pacing live here; reading frames stays in
 * FfmpegCapture (Frigate's CameraWatchdog vs capture_frames split).
 *
 * Two kinds of source: a live one (camera, stream, a recording replayed in real time) keeps a
 * bounded drop-oldest queue; a recording read as fast as the consumer goes is read with
 * back-pressure (no frame dropped), ends at its end, and is not restarted after a failure (that
 * would replay frames already counted).
 */
import { EventEmitter } from 'node:events';
import type { RgbFrame } from '../vision/detections';
import { backoffDelay, type BackoffOptions } from './backoff';
import type { CaptureErrorReason } from './capture-error';
import { FfmpegCapture, type CaptureExit, type FfmpegCaptureOptions } from './ffmpeg-capture';
import { RestartPacer, sharedRestartPacer } from './restart-pacer';
import { describeSource } from './source';

import type { CameraState } from '../../shared/enums';
export type { CameraState } from '../../shared/enums';

/** Why the camera is in its state: a capture failure reason, or a lifecycle step. */
export type StateReason = CaptureErrorReason | 'start' | 'retry' | 'frames' | 'stopped';

export interface StateChange {
  state: CameraState;
  reason: StateReason;
  /** Human-readable, credentials redacted. */
  message: string;
  /** Date.now() of the change. */
  at: number;
}

export interface CameraSupervisorOptions extends FfmpegCaptureOptions {
  /** No frame for this long while live → 'stalled' and restart. Default max(5 s, 5 frame periods). */
  stallTimeoutMs?: number;
  /** No first frame this long after starting ffmpeg → restart. Default stallTimeout + ioTimeout. */
  connectTimeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** Consecutive permanent failures (auth, unsupported, missing file) before 'failed' (default 3). */
  maxPermanentFailures?: number;
  /** Permanent failures wait this many times the normal back-off, to avoid hammering (default 4). */
  permanentBackoffFactor?: number;
  /** A run that stayed live this long resets the back-off to its first step (default 10 s). */
  stableAfterMs?: number;
  /** Shared restart spacing; null disables pacing. Default: sharedRestartPacer. */
  pacer?: RestartPacer | null;
  /** Random source for back-off jitter (tests make it deterministic). */
  random?: () => number;
  /**
   * Awaited for each frame before the next is taken, so a slow consumer makes a live capture drop
   * its oldest queued frames (counted in framesDropped) instead of piling them up. The frame's
   * buffer goes back to the pool once this returns: copy what must outlive the call.
   */
  onFrame?: (frame: RgbFrame) => void | Promise<void>;
}

export interface SupervisorStats {
  state: CameraState;
  reason: StateReason;
  /** Captures started after the first one. */
  reconnectCount: number;
  /** Totals over every capture run. */
  framesIn: number;
  framesDropped: number;
  /** Of the current run (0 when not live). */
  inputFps: number;
  lastFrameAt: number | null;
  startedAt: number | null;
  /** Date.now() when the current live period began, null when not live. */
  liveSince: number | null;
  lastError: { reason: CaptureErrorReason; message: string; at: number } | null;
  /** pid of the current ffmpeg, if one runs. */
  pid: number | null;
}

export interface CameraSupervisorEvents {
  state: [StateChange];
  /** Emitted before onFrame; the frame is valid only during the listener's synchronous call. */
  frame: [RgbFrame];
}

interface RunOutcome {
  reason: CaptureErrorReason | 'stopped';
  message: string;
  liveMs: number;
  /** The source ended the stream on purpose (RTSP BYE; needs detectStreamEnd). */
  streamEnded?: boolean;
}

const PERMANENT: ReadonlySet<CaptureErrorReason> = new Set(['auth', 'unsupported']);

class Aborted extends Error {}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Aborted());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Aborted());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class CameraSupervisor extends EventEmitter<CameraSupervisorEvents> {
  readonly stallTimeoutMs: number;
  readonly connectTimeoutMs: number;
  private current: StateChange;
  private capture: FfmpegCapture | undefined;
  private loop: Promise<void> | undefined;
  private abort = new AbortController();
  private stopping = false;
  private reconnects = 0;
  private framesBefore = 0;
  private droppedBefore = 0;
  private startedAtMs: number | null = null;
  private liveSinceMs: number | null = null;
  private lastFrameAtMs: number | null = null;
  private lastErr: SupervisorStats['lastError'] = null;

  constructor(private readonly o: CameraSupervisorOptions) {
    super();
    if (!(o.fps > 0)) throw new RangeError(`fps must be positive, got ${o.fps}`);
    this.stallTimeoutMs = o.stallTimeoutMs ?? Math.max(5000, 5000 / o.fps);
    this.connectTimeoutMs = o.connectTimeoutMs ?? this.stallTimeoutMs + (o.ioTimeoutMs ?? 10_000);
    if (!(this.stallTimeoutMs > 0) || !(this.connectTimeoutMs > 0)) throw new RangeError('timeouts must be positive');
    this.current = { state: 'stopped', reason: 'stopped', message: 'not started', at: Date.now() };
  }

  get state(): CameraState {
    return this.current.state;
  }

  get lastChange(): StateChange {
    return this.current;
  }

  /** Starts supervising (no-op while already running). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.abort = new AbortController();
    this.startedAtMs = Date.now();
    this.loop = this.run().finally(() => {
      this.loop = undefined;
    });
  }

  /** Stops ffmpeg (q → SIGTERM → SIGKILL) and every timer; resolves when all is down. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    await this.capture?.stop();
    await this.loop;
    if (this.current.state !== 'stopped') this.setState('stopped', 'stopped', 'stopped');
  }

  stats(): SupervisorStats {
    const s = this.capture?.stats();
    const running = this.capture?.isRunning ?? false;
    return {
      state: this.current.state,
      reason: this.current.reason,
      reconnectCount: this.reconnects,
      framesIn: this.framesBefore + (s?.framesIn ?? 0),
      framesDropped: this.droppedBefore + (s?.framesDropped ?? 0),
      inputFps: running && this.current.state === 'live' ? (s?.inputFps ?? 0) : 0,
      lastFrameAt: this.lastFrameAtMs,
      startedAt: this.startedAtMs,
      liveSince: this.liveSinceMs,
      lastError: this.lastErr,
      pid: running ? (this.capture?.pid ?? null) : null,
    };
  }

  /** A recording read with back-pressure (every frame once), as opposed to a live source. */
  get isRecording(): boolean {
    const s = this.o.source;
    return s.kind === 'file' && !s.loop && !s.realtime && this.o.backpressure !== false;
  }

  private setState(state: CameraState, reason: StateReason, message: string): void {
    if (state !== 'live') this.liveSinceMs = null;
    this.current = { state, reason, message, at: Date.now() };
    this.emit('state', this.current);
  }

  private async run(): Promise<void> {
    let attempt = 0;
    let permanentFailures = 0;
    const label = describeSource(this.o.source);
    const source = this.o.source;
    try {
      for (;;) {
        const outcome = await this.runOnce(attempt === 0 && this.reconnects === 0 ? 'start' : 'retry', label);
        if (this.stopping || outcome.reason === 'stopped') return;
        if (outcome.liveMs >= (this.o.stableAfterMs ?? 10_000)) attempt = 0;
        const reason = outcome.reason;
        if (reason === 'ended' && source.kind === 'file' && !source.loop) {
          this.setState('stopped', 'ended', `${label}: end of file`);
          return;
        }
        if (reason === 'ended' && outcome.streamEnded) {
          this.setState('stopped', 'ended', outcome.message);
          return;
        }
        this.lastErr = { reason, message: outcome.message, at: Date.now() };
        if (this.isRecording) {
          // A restart would replay the recording from its first frame and count it twice.
          this.setState('failed', reason, outcome.message);
          return;
        }
        const permanent = PERMANENT.has(reason) || (reason === 'not_found' && source.kind === 'file');
        permanentFailures = permanent ? permanentFailures + 1 : 0;
        if (permanent && permanentFailures >= (this.o.maxPermanentFailures ?? 3)) {
          this.setState('failed', reason, outcome.message);
          return;
        }
        const factor = permanent ? (this.o.permanentBackoffFactor ?? 4) : 1;
        const delay = backoffDelay(attempt, this.o.backoff, this.o.random) * factor;
        attempt++;
        this.setState('reconnecting', reason, `${outcome.message}; retrying in ${(delay / 1000).toFixed(1)} s`);
        await sleep(delay, this.abort.signal);
        const pacer = this.o.pacer === undefined ? sharedRestartPacer : this.o.pacer;
        await pacer?.acquire(this.abort.signal);
        if (this.stopping) return;
        this.reconnects++;
      }
    } catch (err) {
      // Aborted sleeps and pacer waits end the loop on stop(); anything else is a bug to surface.
      if (!this.stopping) throw err;
    }
  }

  private async runOnce(why: 'start' | 'retry', label: string): Promise<RunOutcome> {
    const prev = this.capture;
    if (prev) {
      const s = prev.stats();
      this.framesBefore += s.framesIn;
      this.droppedBefore += s.framesDropped;
    }
    // Each restart continues the frame indices where the last run stopped.
    const cap = new FfmpegCapture({ ...this.o, firstIndex: (this.o.firstIndex ?? 0) + this.framesBefore });
    this.capture = cap;
    const exited = new Promise<CaptureExit>((resolve) => cap.once('exit', resolve));
    this.setState('connecting', why, `${label}: connecting`);
    try {
      cap.start();
    } catch (err) {
      // No ffmpeg at all: retrying cannot help.
      this.capture = undefined;
      const message = err instanceof Error ? err.message : String(err);
      return { reason: 'unsupported', message, liveMs: 0 };
    }
    if (this.stopping) await cap.stop();

    let stall: string | undefined;
    let liveAt: number | undefined;
    // Under back-pressure ffmpeg only delivers when the consumer asks, so silence while the
    // consumer is busy (a slow model, a swap being prepared) is not a stall; only a wait for a
    // frame that does not come is. A live source is judged by its arrivals.
    let waitingSince: number | null = null;
    const recording = this.isRecording;
    const tick = Math.max(50, Math.min(1000, this.stallTimeoutMs / 4));
    const watchdog = setInterval(() => {
      if (stall || this.stopping) return;
      const s = cap.stats();
      const now = Date.now();
      const quietSince = recording ? waitingSince : s.lastFrameAt;
      if (s.lastFrameAt === null) {
        if (now - (s.startedAt ?? now) > this.connectTimeoutMs) {
          stall = `${label}: no frame within ${(this.connectTimeoutMs / 1000).toFixed(1)} s of connecting`;
        }
      } else if (quietSince !== null && now - quietSince > this.stallTimeoutMs) {
        stall = `${label}: no frame for ${((now - quietSince) / 1000).toFixed(1)} s`;
      }
      if (stall) {
        this.setState('stalled', 'timeout', stall);
        void cap.stop();
      }
    }, tick);

    const pump = (async (): Promise<void> => {
      for (;;) {
        let frame: RgbFrame | null;
        waitingSince = Date.now();
        try {
          frame = await cap.nextFrame();
        } catch {
          return; // the failure itself arrives through 'exit'
        } finally {
          waitingSince = null;
        }
        if (!frame || this.stopping) return;
        this.lastFrameAtMs = Date.now();
        if (liveAt === undefined && !stall) {
          liveAt = Date.now();
          this.liveSinceMs = liveAt;
          this.setState('live', 'frames', `${label}: receiving frames`);
        }
        this.emit('frame', frame);
        if (this.o.onFrame) {
          try {
            await this.o.onFrame(frame);
          } catch {
            /* a consumer's error must not kill the camera; the consumer reports its own */
          }
        }
        cap.release(frame);
      }
    })();

    const exit = await exited;
    clearInterval(watchdog);
    await pump;
    const liveMs = liveAt === undefined ? 0 : Date.now() - liveAt;
    if (this.stopping) return { reason: 'stopped', message: 'stopped', liveMs };
    if (stall) return { reason: 'timeout', message: stall, liveMs };
    // A stream that was sending and went quiet is stalled whichever timer noticed first: ours, or
    // ffmpeg's own socket timeout (shorter than the watchdog when configured so).
    if (exit.reason === 'timeout' && liveAt !== undefined) this.setState('stalled', 'timeout', `${label}: ${exit.message}`);
    return { reason: exit.reason, message: exit.message, liveMs, ...(exit.streamEnded ? { streamEnded: true } : {}) };
  }
}
