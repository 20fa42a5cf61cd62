/**
 * Every live camera of one engine: starts the enabled ones, applies a camera's changes by
 * restarting only that camera, shares one detector per model and one batched result writer,
 * pushes health every few seconds and samples it into the database, and on close stops every
 * ffmpeg and drains the writer.
 */
import { killAllFfmpeg } from '../capture/process-control';
import type { SqliteDatabase } from '../db/open-database';
import type { Repositories } from '../db/repositories';
import { ResultWriter } from '../db/result-writer';
import { toStorageHealthDto } from '../db/storage-health';
import type { Logger } from '../log';
import type { SecretBox } from '../secrets/secret-box';
import type { EventBus } from '../wiring/event-bus';
import type { CameraHealthDto, StorageHealthDto } from '../../shared/dto';
import type { LiveCameraSnapshotDto, LiveSnapshotDto } from '../../shared/dto-cameras';
import { resolveCameraEngineOptions, type CameraEngineOptions } from './camera-engine-options';
import { CameraRuntime, configSignature, type CameraConfig } from './camera-runtime';
import type { FrameOutcome } from '../pipeline/frame-processor';

/** issue 13 (live performance): told of each processed frame of every running camera. */
export type OutcomeObserver = (cameraId: string, outcome: FrameOutcome) => void;
import { DetectorPool } from './detector-pool';

/** What the camera handlers need from whatever runs the cameras (the engine, or nothing in the CLI). */
export interface CameraController {
  /** Brings the running camera in line with its stored config: start, restart, stop. */
  apply(cameraId: string): Promise<void>;
  /** Stops the camera (before its row is deleted). */
  remove(cameraId: string): Promise<void>;
  health(): CameraHealthDto[];
  snapshot(cameraId?: string): LiveSnapshotDto;
  /** The version a running camera counts with now; undefined when it is not running. */
  runningModel?(cameraId: string): { modelId: string; versionNumber: string } | undefined;
}

export interface CameraManagerDeps {
  db: SqliteDatabase;
  repos: Repositories;
  events: EventBus;
  log: Logger;
  secrets: SecretBox;
}

export class CameraManager implements CameraController {
  readonly options: CameraEngineOptions;
  private readonly runtimes = new Map<string, CameraRuntime>();
  /** Per-camera chain, so two quick edits of one camera apply in order, never interleaved. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly writer: ResultWriter;
  private readonly pool: DetectorPool;
  private readonly timers: NodeJS.Timeout[] = [];
  private lastSampleAt = 0;
  private dataVersion: number;
  private refreshing = false;
  private closed = false;
  private readonly outcomeObservers = new Set<OutcomeObserver>();

  constructor(
    private readonly deps: CameraManagerDeps,
    options: Partial<CameraEngineOptions> = {},
  ) {
    this.options = resolveCameraEngineOptions(options);
    this.writer = new ResultWriter(deps.db, {
      onError: (err, inferenceId) => deps.log.error({ err, inferenceId }, 'result writer error'),
      // issue 11 (disk full): counting goes on, the rows wait in memory; app:info `storage` says so.
      onStorageState: (s) =>
        s.storageState === 'ok'
          ? deps.log.info({ heldRows: s.queuedRows, droppedFrames: s.droppedFrames }, 'storage writable again: writing the held rows')
          : deps.log.error({ state: s.storageState, heldRows: s.queuedRows }, s.storageMessage ?? 'storage refuses writes'),
    });
    this.pool = new DetectorPool();
    this.dataVersion = this.readDataVersion();
  }

  /** Starts every enabled camera (each failure stays with its camera) and the health timers. */
  async startAll(): Promise<void> {
    const ids = this.deps.repos.cameras.list({ enabledOnly: true }).map((c) => c.cameraId);
    this.deps.log.info({ cameras: ids.length }, 'starting cameras');
    await Promise.all(ids.map((id) => this.apply(id)));
    this.startTimers();
  }

  /** `force` restarts the camera even when its stored config did not change. */
  apply(cameraId: string, force = false): Promise<void> {
    return this.serialise(cameraId, () => this.applyNow(cameraId, force));
  }

  remove(cameraId: string): Promise<void> {
    return this.serialise(cameraId, async () => {
      const rt = this.runtimes.get(cameraId);
      this.runtimes.delete(cameraId);
      if (rt) await rt.stop();
    });
  }

  /** issue 13 (live performance): every processed frame of every camera, now and later; returns the unsubscribe. */
  observeOutcomes(observer: OutcomeObserver): () => void {
    this.outcomeObservers.add(observer);
    return () => this.outcomeObservers.delete(observer);
  }

  runtime(cameraId: string): CameraRuntime | undefined {
    return this.runtimes.get(cameraId);
  }

  runningModel(cameraId: string): { modelId: string; versionNumber: string } | undefined {
    const m = this.runtimes.get(cameraId)?.currentModel;
    return m ? { modelId: m.modelId, versionNumber: m.versionNumber } : undefined;
  }

  get running(): CameraRuntime[] {
    return [...this.runtimes.values()];
  }

  /** Detectors loaded: one per model file in use, however many cameras share it. */
  get detectorCount(): number {
    return this.pool.size;
  }

  health(): CameraHealthDto[] {
    return this.deps.repos.cameras.list().map((c) => this.runtimes.get(c.cameraId)?.health() ?? idleHealth(c.cameraId, c.name, c.enabled));
  }

  /** The shared result writer's storage state (app:info `storage`, issue 11 disk full). */
  storageHealth(): StorageHealthDto {
    return toStorageHealthDto(this.writer.stats());
  }

  snapshot(cameraId?: string): LiveSnapshotDto {
    const cameras: LiveCameraSnapshotDto[] = this.deps.repos.cameras
      .list()
      .filter((c) => cameraId === undefined || c.cameraId === cameraId)
      .map(
        (c) =>
          this.runtimes.get(c.cameraId)?.snapshot() ?? {
            cameraId: c.cameraId,
            health: idleHealth(c.cameraId, c.name, c.enabled),
            counts: null,
            lines: [],
            frame: null,
            preview: null,
          },
      );
    return { cameras, at: new Date().toISOString() };
  }

  /** Stops every camera and ffmpeg, records their final state, drains the writer. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    await Promise.allSettled([...this.chains.values()]);
    const all = [...this.runtimes.values()];
    this.runtimes.clear();
    await Promise.all(all.map((rt) => rt.stop()));
    // Probes and camera tests run their own ffmpeg; none may outlive the engine.
    await killAllFfmpeg({ graceMs: 1000 });
    try {
      this.writer.close();
    } catch (err) {
      this.deps.log.error({ err }, 'result writer could not drain');
    }
    await this.pool.close();
    this.deps.log.info({ cameras: all.length }, 'cameras stopped');
  }

  private serialise(cameraId: string, job: () => Promise<void>): Promise<void> {
    const prev = this.chains.get(cameraId) ?? Promise.resolve();
    const next = prev.then(job, job).catch((err: unknown) => {
      this.deps.log.error({ cameraId, err }, 'camera change failed');
    });
    this.chains.set(cameraId, next);
    void next.finally(() => {
      if (this.chains.get(cameraId) === next) this.chains.delete(cameraId);
    });
    return next;
  }

  private loadConfig(cameraId: string): CameraConfig | null {
    const camera = this.deps.repos.cameras.get(cameraId);
    if (!camera) return null;
    return {
      camera,
      lines: this.deps.repos.countingLines.listForCamera(cameraId),
      zones: this.deps.repos.countingZones.listForCamera(cameraId),
      secretCipher: this.deps.repos.cameras.getSecret(cameraId),
    };
  }

  private async applyNow(cameraId: string, force = false): Promise<void> {
    if (this.closed) return;
    const config = this.loadConfig(cameraId);
    const current = this.runtimes.get(cameraId);
    if (!config || !config.camera.enabled) {
      if (!current) return;
      this.runtimes.delete(cameraId);
      await current.stop();
      if (config) this.publish(idleHealth(cameraId, config.camera.name, false), true);
      return;
    }
    // Unchanged and not failed: nothing to do. A failed camera is restarted (the "retry" button).
    if (!force && current && current.signature === configSignature(config) && current.state.state !== 'failed') return;
    if (current) await current.stop();
    if (this.closed) return;
    const rt = new CameraRuntime(config, {
      db: this.deps.db,
      repos: this.deps.repos,
      events: this.deps.events,
      log: this.deps.log,
      secrets: this.deps.secrets,
      pool: this.pool,
      writer: this.writer,
      options: this.options,
      onOutcome: (r, outcome) => {
        for (const observe of this.outcomeObservers) observe(r.cameraId, outcome);
      },
      onStateChange: (r) => {
        // A replaced runtime's last 'stopped' must not overwrite its successor's state.
        if (this.runtimes.get(r.cameraId) === r || !this.runtimes.has(r.cameraId)) this.publish(r.health(), true);
      },
    });
    this.runtimes.set(cameraId, rt);
    await rt.start(config.secretCipher);
  }

  private startTimers(): void {
    if (this.closed || this.timers.length > 0) return;
    const emit = setInterval(() => this.tick(), this.options.healthEmitMs);
    const reconcile = setInterval(() => this.reconcile(), this.options.reconcileMs);
    emit.unref();
    reconcile.unref();
    this.timers.push(emit, reconcile);
  }

  private tick(): void {
    const now = Date.now();
    const sample = now - this.lastSampleAt >= this.options.healthSampleMs;
    if (sample) this.lastSampleAt = now;
    for (const rt of this.runtimes.values()) this.publish(rt.health(now), sample);
  }

  private publish(h: CameraHealthDto, sample: boolean): void {
    if (this.closed && h.state !== 'stopped') return;
    this.deps.events.emit('health:camera', h);
    if (!sample) return;
    try {
      this.deps.repos.healthSamples.record({
        cameraId: h.cameraId,
        state: h.state,
        reason: h.reason,
        inputFps: h.inputFps,
        processedFps: h.processedFps,
        droppedFrames: h.droppedFrames,
        inferenceLatencyMs: h.inferenceLatencyMs,
        reconnectCount: h.reconnectCount,
        lastFrameAt: h.lastFrameAt,
      });
    } catch (err) {
      // The database may be closing or busy; a lost health sample is not worth a crash.
      this.deps.log.warn({ cameraId: h.cameraId, err }, 'health sample not recorded');
    }
  }

  /**
   * Model deployments change in the registry's tables (through this engine's requests or the
   * CLI), so each tick asks every camera whether its model is still the one to run: it swaps in
   * place, or restarts when the new model needs frames of another size. Callers that just
   * deployed may call it to apply the change at once.
   */
  async refreshModels(): Promise<void> {
    if (this.refreshing || this.closed) return;
    this.refreshing = true;
    try {
      for (const rt of [...this.runtimes.values()]) {
        if (this.runtimes.get(rt.cameraId) !== rt) continue;
        if ((await rt.refreshModel()) === 'restart') void this.apply(rt.cameraId, true);
      }
    } catch (err) {
      this.deps.log.error({ err }, 'model refresh failed');
    } finally {
      this.refreshing = false;
    }
  }

  private readDataVersion(): number {
    try {
      return Number(this.deps.db.pragma('data_version', { simple: true }));
    } catch {
      return 0;
    }
  }

  /**
   * Another process (the CLI) changed the file: apply the cameras whose stored config differs
   * from what runs. data_version only moves for other connections' commits, so the engine's own
   * writes (results, samples) cost one pragma per tick and nothing more.
   */
  private reconcile(): void {
    if (this.closed) return;
    void this.refreshModels();
    const v = this.readDataVersion();
    if (v === this.dataVersion) return;
    this.dataVersion = v;
    const stored = this.deps.repos.cameras.list();
    const ids = new Set([...stored.map((c) => c.cameraId), ...this.runtimes.keys()]);
    for (const id of ids) {
      const config = this.loadConfig(id);
      const rt = this.runtimes.get(id);
      const wanted = config !== null && config.camera.enabled;
      if (wanted !== (rt !== undefined) || (rt && config && rt.signature !== configSignature(config))) {
        this.deps.log.info({ cameraId: id }, 'camera changed by another process');
        void (config ? this.apply(id) : this.remove(id));
      }
    }
  }
}

function idleHealth(cameraId: string, name: string, enabled: boolean): CameraHealthDto {
  return {
    cameraId,
    name,
    state: 'stopped',
    reason: enabled ? 'stopped' : 'disabled',
    inputFps: 0,
    processedFps: 0,
    droppedFrames: null,
    inferenceLatencyMs: null,
    reconnectCount: null,
    lastFrameAt: null,
    sampledAt: new Date().toISOString(),
  };
}
