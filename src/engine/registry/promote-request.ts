/**
 * What a caller asks of the deployment pipeline: the version, its scope, how far to go, and the
 * knobs of each stage (shadow recording, canary cameras and time, gate and guard limits,
 * override). Its own file so the stages, the stored config (pipeline-config.ts) and the callers
 * (model-registry.ts, canary-monitor.ts, experiments) share one definition without importing the
 * orchestration in deployment-pipeline.ts, which re-exports these types.
 */
import type { PipelineStage } from '../../shared/enums';
import type { CanaryGuardLimits } from './canary-guard';
import type { GateLimits } from './rollout-gate';

export interface ShadowLine {
  name: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PromoteRequest {
  modelId: string;
  version: string;
  /** A camera id for a per-camera rollout; null or absent for every camera (the site default). */
  cameraId?: string | null;
  /** Run the stages up to and including this one (default 'production'); a later call continues. */
  through?: PipelineStage;
  /** For a site-wide rollout: the camera that runs the canary (default: the first enabled camera). */
  canaryCameraId?: string;
  /** For a site-wide rollout: several canary cameras (wins over canaryCameraId). */
  canaryCameraIds?: string[];
  /** How long the canary runs, guarded, before production (default 30; 0: no canary time, guards not evaluated). */
  canaryMinutes?: number;
  /** Canary guard thresholds (defaults: DEFAULT_CANARY_LIMITS). */
  canaryGuards?: Partial<CanaryGuardLimits>;
  /** Timed detector runs in the benchmark stage (default 5). */
  benchmarkRuns?: number;
  /** A recording of the shop's footage: the shadow stage runs a real shadow experiment over it. */
  shadowSource?: string;
  /** Counting lines of the shadow experiment, in the recording's pixels (default: the canary camera's lines, else a vertical line through the middle). */
  shadowLines?: ShadowLine[];
  /** Frames of the recording the shadow experiment runs over (default 1800). */
  shadowMaxFrames?: number;
  /** Frames per second read from the recording (default: its own, at most 30). */
  shadowFps?: number;
  /** Older name: frames of the recording, when shadowMaxFrames is not given. */
  shadowFrames?: number;
  /** A 'run_longer' shadow verdict passes the stage (default false: only deploy_challenger does). */
  allowInconclusiveShadow?: boolean;
  /** Smoke check without a recording: fails below this box agreement with production (default 0.5). */
  minShadowAgreement?: number;
  /** Evaluation floor of the gate (defaults: DEFAULT_GATE_LIMITS, then settings). */
  gate?: Partial<GateLimits>;
  requestedBy?: string;
  /** The experiment whose verdict started this rollout (its shadow evidence is the shadow stage's). */
  experimentId?: string;
  /** Rolling out past a failing gate (verdict, evaluation, guard): who and why, recorded (who defaults to requestedBy). */
  override?: { reason: string; by?: string | null };
}

export interface PromoteOptions {
  /** The clock (ms since the epoch) the stages and the canary's time run on; default Date.now. */
  now?: () => number;
}
