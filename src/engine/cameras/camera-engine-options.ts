import type { BackoffOptions } from '../capture/backoff';
import type { RestartPacer } from '../capture/restart-pacer';
import { DEFAULT_GIVE_UP, type GiveUpPolicy } from './failure-policy';
import type { ModelResolver } from './model-resolver';

/** Tunables of the live camera engine, each with a default and a bound (Frigate-style config). */
export interface CameraEngineOptions {
  /** Processed frames per second for a camera that does not set its own. */
  defaultFps: number;
  /** No frame for this long while live → stalled → restart. Default: the supervisor's (≥ 5 s). */
  stallTimeoutMs?: number;
  /** No first frame this long after ffmpeg started → restart. Default: the supervisor's. */
  connectTimeoutMs?: number;
  /** ffmpeg's socket timeout for network cameras. */
  ioTimeoutMs: number;
  backoff: Partial<BackoffOptions>;
  /** Auth / unsupported failures in a row before the supervisor says failed. */
  maxPermanentFailures: number;
  /** Network reasons that turn into failed after persisting (failure-policy.ts). */
  giveUp: GiveUpPolicy;
  /** A camera failed for a network reason is tried again this often (it may come back). */
  failedRetryMs: number;
  /** health:camera is pushed this often for every running camera (and on every state change). */
  healthEmitMs: number;
  /** A camera_health_samples row this often per camera (and on every state change). */
  healthSampleMs: number;
  /** Minimum gap between two live:frame events of one camera (≤ 5/s by default). */
  frameEventMinMs: number;
  /**
   * Minimum gap between two previews of one camera (default 200 ms: 5 a second, the processed
   * rate); the live.preview_interval_s setting wins. 0 = off. Each carries its frame's boxes.
   */
  previewMinMs: number;
  /** Preview width in pixels: the Live tile's width (a 768×576 camera gives 320×240, ~14 kB). */
  previewWidth: number;
  previewQuality: number;
  /** How often the database is checked for camera changes made by another process (the CLI). */
  reconcileMs: number;
  /** Shared restart pacing across cameras; default: the process-wide pacer. */
  pacer?: RestartPacer;
  /** Which model a camera runs (default: resolveCameraModel: pinned, else deployed, else bundled). */
  modelFor?: ModelResolver;
}

export const DEFAULT_CAMERA_ENGINE_OPTIONS: Readonly<CameraEngineOptions> = {
  defaultFps: 5,
  ioTimeoutMs: 10_000,
  backoff: { initialMs: 500, factor: 2, maxMs: 30_000, jitter: 0.2 },
  maxPermanentFailures: 3,
  giveUp: DEFAULT_GIVE_UP,
  failedRetryMs: 60_000,
  healthEmitMs: 2000,
  healthSampleMs: 15_000,
  frameEventMinMs: 200,
  previewMinMs: 200,
  previewWidth: 320,
  previewQuality: 60,
  reconcileMs: 3000,
};

function inRange(name: string, v: number | undefined, min: number, max: number): void {
  if (v !== undefined && !(v >= min && v <= max)) throw new RangeError(`camera engine option ${name} must be within [${min}, ${max}], got ${v}`);
}

export function resolveCameraEngineOptions(o: Partial<CameraEngineOptions> = {}): CameraEngineOptions {
  const r: CameraEngineOptions = {
    ...DEFAULT_CAMERA_ENGINE_OPTIONS,
    ...o,
    backoff: { ...DEFAULT_CAMERA_ENGINE_OPTIONS.backoff, ...o.backoff },
    giveUp: { ...DEFAULT_CAMERA_ENGINE_OPTIONS.giveUp, ...o.giveUp },
  };
  inRange('defaultFps', r.defaultFps, 0.1, 60);
  inRange('stallTimeoutMs', r.stallTimeoutMs, 100, 600_000);
  inRange('connectTimeoutMs', r.connectTimeoutMs, 100, 600_000);
  inRange('ioTimeoutMs', r.ioTimeoutMs, 100, 120_000);
  inRange('maxPermanentFailures', r.maxPermanentFailures, 1, 100);
  inRange('failedRetryMs', r.failedRetryMs, 100, 86_400_000);
  inRange('healthEmitMs', r.healthEmitMs, 100, 600_000);
  inRange('healthSampleMs', r.healthSampleMs, 100, 3_600_000);
  inRange('frameEventMinMs', r.frameEventMinMs, 0, 60_000);
  inRange('previewMinMs', r.previewMinMs, 0, 600_000);
  inRange('previewWidth', r.previewWidth, 16, 1920);
  inRange('previewQuality', r.previewQuality, 1, 100);
  inRange('reconcileMs', r.reconcileMs, 100, 600_000);
  return r;
}
