/**
 * The frame pump: one ffmpeg child, its stdout cut into RGB frames, a bounded queue in front of
 * the consumer. It does not retry or judge health; CameraSupervisor does (after Frigate's split
 * between capture_frames and CameraWatchdog).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { RgbFrame } from '../vision/detections';
import { BoundedQueue } from './bounded-queue';
import { CaptureError, classifyFailure, type CaptureErrorReason } from './capture-error';
import { buildFfmpegArgs, DEFAULT_IO_TIMEOUT_MS, type UsbInputHints } from './ffmpeg-args';
import { resolveFfmpeg } from './ffmpeg-path';
import { FramePool, FrameReader } from './frame-reader';
import { registerFfmpegChild, stopProcess } from './process-control';
import { scrubSecrets, urlSecrets } from './redact-url';
import { describeSource, type CameraSource } from './source';

export interface FfmpegCaptureOptions {
  source: CameraSource;
  /** Output frame size and rate; every frame is exactly width*height*3 bytes. */
  width: number;
  height: number;
  fps: number;
  /** Explicit ffmpeg binary; otherwise resolveFfmpeg() (configured → ffmpeg-static → PATH). */
  ffmpegPath?: string;
  /** Frames held for nextFrame() before the oldest is dropped (default 2). */
  queueCapacity?: number;
  /** Grey-pad to keep the aspect ratio (default true) or stretch. */
  letterbox?: boolean;
  /** Socket I/O timeout for network sources (default 10 s). */
  ioTimeoutMs?: number;
  httpFormat?: 'auto' | 'mpjpeg' | 'mjpeg';
  usb?: UsbInputHints;
  /** USB API to use (defaults to the running platform). */
  platform?: NodeJS.Platform;
  /**
   * Pause reading while the queue is full instead of dropping frames. Default: on for files read
   * faster than real time (every frame of a recording counts), off for live sources. With it on,
   * frames must be consumed with nextFrame() or reading stops.
   */
  backpressure?: boolean;
  /** SIGTERM → SIGKILL grace on stop() (default 2 s). */
  stopGraceMs?: number;
  /** Index of the first frame, so a restarted camera's frames keep counting up. */
  firstIndex?: number;
  /**
   * Tell a stream the camera ended on purpose (RTSP BYE, as an NVR sends at the end of a
   * recording) from a dropped connection: ffmpeg exits 0 for both and says which only at debug
   * level, so stderr is read at that level and the debug lines are dropped as they arrive.
   */
  detectStreamEnd?: boolean;
}

export interface CaptureExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** 'stopped' when stop() ended it. */
  reason: CaptureErrorReason | 'stopped';
  message: string;
  /** Last stderr lines, credentials redacted. */
  stderrTail: string;
  /** The source itself ended the stream (RTSP BYE); only with detectStreamEnd. */
  streamEnded?: boolean;
}

export interface CaptureStats {
  framesIn: number;
  framesDropped: number;
  /** Frames per second over the last ~2 s of arrivals (0 until two frames arrived). */
  inputFps: number;
  /** Date.now() of the last frame, null before the first. */
  lastFrameAt: number | null;
  startedAt: number | null;
  pid: number | null;
  running: boolean;
}

export interface FfmpegCaptureEvents {
  frame: [RgbFrame];
  error: [CaptureError];
  exit: [CaptureExit];
}

const STDERR_TAIL_CHARS = 4000;
/** ffmpeg's line for an RTSP BYE (libavformat/rtsp.c, debug level). */
const RTSP_BYE = /\[debug\] Received BYE for stream/;
const CHATTY_LINE = /^\[[^\]]+\] \[(debug|trace|verbose)\] /;
const FPS_WINDOW_MS = 2000;

interface Waiter {
  resolve: (frame: RgbFrame | null) => void;
  reject: (err: unknown) => void;
  cleanup: () => void;
}

export class FfmpegCapture extends EventEmitter<FfmpegCaptureEvents> {
  /** ffmpeg's argv. Holds the camera's credentials: log redactedArgs instead. */
  readonly args: readonly string[];
  private readonly queue: BoundedQueue<RgbFrame>;
  /** Only in backpressure mode: frames of the chunk that filled the queue. */
  private readonly overflow: RgbFrame[] = [];
  private readonly reader: FrameReader;
  private readonly pool: FramePool;
  /** Frames 'frame' listeners saw: never recycled behind their back. */
  private readonly shared = new WeakSet<RgbFrame>();
  private readonly secrets: string[];
  private readonly backpressure: boolean;
  private readonly live: boolean;
  private child: ChildProcessWithoutNullStreams | undefined;
  private waiters: Waiter[] = [];
  private stderrRaw = '';
  /** A partial stderr line, while the debug level is being filtered. */
  private stderrPartial = '';
  private byeSeen = false;
  private arrivals: number[] = [];
  private startedAtMs: number | null = null;
  private lastFrameAtMs: number | null = null;
  private stopRequested = false;
  private finished = false;
  private failure: CaptureError | undefined;
  private closed: Promise<void> | undefined;
  private exitInfo: CaptureExit | undefined;

  constructor(private readonly o: FfmpegCaptureOptions) {
    super();
    this.args = buildFfmpegArgs({
      source: o.source,
      width: o.width,
      height: o.height,
      fps: o.fps,
      letterbox: o.letterbox,
      ioTimeoutMs: o.ioTimeoutMs,
      httpFormat: o.httpFormat,
      usb: o.usb,
      platform: o.platform ?? process.platform,
      ...(o.detectStreamEnd && o.source.kind === 'rtsp' ? { logLevel: 'level+debug' } : {}),
    });
    this.live = o.source.kind !== 'file' || o.source.realtime === true;
    this.backpressure = o.backpressure ?? (o.source.kind === 'file' && !o.source.realtime);
    this.pool = new FramePool(o.width * o.height * 3, (o.queueCapacity ?? 2) + 2);
    this.queue = new BoundedQueue<RgbFrame>(o.queueCapacity ?? 2, (dropped) => {
      if (!this.shared.has(dropped)) this.pool.release(dropped.data);
    });
    this.reader = new FrameReader({
      width: o.width,
      height: o.height,
      fps: o.fps,
      pool: this.pool,
      firstIndex: o.firstIndex,
      onFrame: (f) => this.onFrame(f),
    });
    this.secrets = o.source.kind === 'rtsp' || o.source.kind === 'http_mjpeg' ? urlSecrets(o.source.url) : [];
  }

  /** Credential-free description of the source, for messages. */
  get label(): string {
    return describeSource(this.o.source);
  }

  /** argv with credentials removed, for logs and the health page. */
  get redactedArgs(): string[] {
    return this.args.map((a) => scrubSecrets(a, this.secrets));
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get isRunning(): boolean {
    return this.child !== undefined && !this.finished;
  }

  /** Why the capture ended, once it has. */
  get exit(): CaptureExit | undefined {
    return this.exitInfo;
  }

  /** Spawns ffmpeg. Throws FfmpegNotFoundError when no ffmpeg can be found. */
  start(): void {
    if (this.child || this.finished) throw new Error('FfmpegCapture.start() may be called once');
    const bin = this.o.ffmpegPath ?? resolveFfmpeg().path;
    const child = spawn(bin, [...this.args], { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    this.child = child;
    this.startedAtMs = Date.now();
    registerFfmpegChild(child);
    child.stdin.on('error', () => undefined); // EPIPE when ffmpeg exits first
    child.stdout.on('data', (chunk: Buffer) => {
      // After stop() the pipe is still drained (a full pipe would block ffmpeg's exit), unused.
      if (!this.stopRequested) this.reader.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      this.stderrRaw += this.o.detectStreamEnd ? this.filterChatty(text) : text;
      if (this.stderrRaw.length > STDERR_TAIL_CHARS * 2) this.stderrRaw = this.stderrRaw.slice(-STDERR_TAIL_CHARS);
    });
    this.closed = new Promise((resolve) => {
      // 'close' (not 'exit') so every byte of stdout has been read before we decide it ended.
      child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
        this.finish(code, signal);
        resolve();
      });
      child.once('error', (err) => {
        // spawn failure (EACCES, ENOENT on a vanished binary): there may be no 'close'.
        if (child.pid === undefined) {
          this.stderrRaw += `\n${err.message}`;
          this.finish(null, null);
          resolve();
        }
      });
    });
  }

  /** Stops ffmpeg ('q' → SIGTERM → SIGKILL) and resolves when it has exited. Idempotent. */
  async stop(): Promise<void> {
    if (!this.child) {
      if (!this.finished) this.finish(null, null, true);
      return;
    }
    if (!this.finished) {
      this.stopRequested = true;
      this.child.stdout.resume(); // a paused (backpressured) pipe would keep ffmpeg from exiting
      await stopProcess(this.child, { graceMs: this.o.stopGraceMs ?? 2000 });
    }
    await this.closed;
  }

  /**
   * The next frame, oldest first. Resolves null at the end of the stream (end of file, or after
   * stop()); rejects with the CaptureError when ffmpeg failed, or with the abort reason.
   */
  nextFrame(signal?: AbortSignal): Promise<RgbFrame | null> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const frame = this.take();
    if (frame) return Promise.resolve(frame);
    if (this.finished) return this.failure ? Promise.reject(this.failure) : Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(signal?.reason);
      };
      const waiter: Waiter = { resolve, reject, cleanup: () => signal?.removeEventListener('abort', onAbort) };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Gives a frame's buffer back for reuse; call only when nothing reads it any more. */
  release(frame: RgbFrame): void {
    this.pool.release(frame.data);
  }

  stats(): CaptureStats {
    return {
      framesIn: this.reader.frames,
      framesDropped: this.queue.dropped,
      inputFps: this.inputFps(),
      lastFrameAt: this.lastFrameAtMs,
      startedAt: this.startedAtMs,
      pid: this.pid,
      running: this.isRunning,
    };
  }

  /** Last stderr lines with credentials removed. */
  stderrTail(): string {
    let tail = this.stderrRaw;
    if (tail.length > STDERR_TAIL_CHARS) {
      tail = tail.slice(-STDERR_TAIL_CHARS);
      // Start at a line boundary so no half URL (which the redactor might not recognise) remains.
      const nl = tail.indexOf('\n');
      if (nl !== -1) tail = tail.slice(nl + 1);
    }
    return scrubSecrets(tail, this.secrets).trim();
  }

  /** Keeps warnings and errors, drops debug chatter, notes the BYE. */
  private filterChatty(text: string): string {
    const lines = (this.stderrPartial + text).split('\n');
    this.stderrPartial = lines.pop() ?? '';
    let kept = '';
    for (const line of lines) {
      if (RTSP_BYE.test(line)) this.byeSeen = true;
      else if (!CHATTY_LINE.test(line)) kept += `${line}\n`;
    }
    return kept;
  }

  private inputFps(): number {
    const now = Date.now();
    while (this.arrivals.length > 0 && now - this.arrivals[0]! > FPS_WINDOW_MS) this.arrivals.shift();
    if (this.arrivals.length < 2) return 0;
    const span = this.arrivals.at(-1)! - this.arrivals[0]!;
    return span > 0 ? ((this.arrivals.length - 1) * 1000) / span : 0;
  }

  private onFrame(frame: RgbFrame): void {
    const now = Date.now();
    this.lastFrameAtMs = now;
    this.arrivals.push(now);
    if (this.arrivals.length > 256) this.arrivals.shift();
    if (this.listenerCount('frame') > 0) {
      this.shared.add(frame);
      this.emit('frame', frame);
    }
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter.cleanup();
      waiter.resolve(frame);
      return;
    }
    if (this.backpressure) {
      if (this.queue.isFull) this.overflow.push(frame);
      else this.queue.push(frame);
      if (this.queue.isFull) this.child?.stdout.pause();
    } else {
      this.queue.push(frame);
    }
  }

  private take(): RgbFrame | undefined {
    const frame = this.queue.shift();
    if (frame && this.backpressure) {
      const next = this.overflow.shift();
      if (next) this.queue.push(next);
      if (!this.queue.isFull && !this.finished) this.child?.stdout.resume();
    }
    return frame;
  }

  private finish(code: number | null, signal: NodeJS.Signals | null, neverStarted = false): void {
    if (this.finished) return;
    this.finished = true;
    this.reader.reset();
    const stderrTail = this.stderrTail();
    let exit: CaptureExit;
    if (this.stopRequested || neverStarted) {
      exit = { code, signal, reason: 'stopped', message: 'stopped', stderrTail };
    } else {
      const { reason, message } = classifyFailure({
        stderr: stderrTail,
        code,
        signal,
        live: this.live,
        elapsedMs: this.startedAtMs === null ? undefined : Date.now() - this.startedAtMs,
        ioTimeoutMs: this.o.ioTimeoutMs ?? DEFAULT_IO_TIMEOUT_MS,
        framesIn: this.reader.frames,
      });
      const streamEnded = reason === 'ended' && this.byeSeen;
      exit = {
        code,
        signal,
        reason,
        message: scrubSecrets(`${this.label}: ${streamEnded ? 'the camera ended the stream' : message}`, this.secrets),
        stderrTail,
        ...(streamEnded ? { streamEnded } : {}),
      };
      if (reason !== 'ended') this.failure = new CaptureError(reason, exit.message, code, signal, stderrTail);
    }
    this.exitInfo = exit;
    // Waiters only exist while the queue is empty, so they get the end (or the failure) now.
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      w.cleanup();
      if (this.failure) w.reject(this.failure);
      else w.resolve(null);
    }
    if (this.stopRequested) {
      // Frames still queued after stop() are not wanted any more.
      for (const f of this.queue.drain()) if (!this.shared.has(f)) this.pool.release(f.data);
      this.overflow.length = 0;
    }
    // An 'error' event without listeners would throw; nextFrame() and `exit` report it instead.
    if (this.failure && this.listenerCount('error') > 0) this.emit('error', this.failure);
    this.emit('exit', exit);
  }
}
