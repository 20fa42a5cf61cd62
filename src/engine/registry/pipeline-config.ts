/**
 * A pipeline's settings as stored in model_deployment_pipeline.deployment_config: written once
 * from the request, the site settings (ROLLOUT_SETTINGS) and ROLLOUT_DEFAULTS when the pipeline is
 * created (initialConfig), amended by a later call that continues it (continuationConfig), and read
 * back, typed and defaulted, by every stage (configOf). Stored rather than re-read from the request
 * so a rollout continued later (by the user or the CanaryMonitor) runs with what it started with.
 */
import type { JsonValue } from '../db/json-column';
import type { DeploymentPipeline } from '../db/repositories/deployment-pipeline-repository';
import type { DeploymentScope } from '../db/repositories/model-deployments-repository';
import { isOneOf, MODEL_TYPES, PIPELINE_STAGES, type ModelType, type PipelineStage } from '../../shared/enums';
import { DEFAULT_CANARY_LIMITS, type CanaryGuardLimits } from './canary-guard';
import type { PromoteRequest, ShadowLine } from './promote-request';
import type { RegistryContext } from './registry-context';
import { DEFAULT_GATE_LIMITS, ROLLOUT_SETTINGS, type GateLimits } from './rollout-gate';

/** What a new pipeline gets where neither the request nor a site setting says. */
export const ROLLOUT_DEFAULTS = {
  canaryMinutes: 30,
  shadowMaxFrames: 1800,
  allowInconclusiveShadow: false,
  minShadowAgreement: 0.5,
  benchmarkRuns: 5,
} as const;

export interface PipelineConfig {
  cameraId: string | null;
  modelType: ModelType;
  canaryCameraId: string | null;
  canaryCameraIds: string[] | null;
  canaryMinutes: number;
  canaryLimits: CanaryGuardLimits;
  benchmarkRuns: number;
  shadowSource: string | null;
  shadowLines: ShadowLine[] | null;
  shadowMaxFrames: number;
  shadowFps: number | null;
  allowInconclusiveShadow: boolean;
  minShadowAgreement: number;
  gate: GateLimits;
  requestedBy: string | null;
  experimentId: string | null;
  override: { reason: string; by: string | null } | null;
  /** The last stage the latest call asked for: where the canary monitor continues to. */
  target: PipelineStage;
}

export type Details = { [key: string]: JsonValue };

export const isObject = (v: JsonValue | undefined): v is Details => typeof v === 'object' && v !== null && !Array.isArray(v);

export function configOf(p: DeploymentPipeline): PipelineConfig {
  const c = (isObject(p.deploymentConfig ?? undefined) ? p.deploymentConfig : {}) as Details;
  const num = (v: JsonValue | undefined, d: number): number => (typeof v === 'number' ? v : d);
  const numOrNull = (v: JsonValue | undefined): number | null => (typeof v === 'number' ? v : null);
  const strOrNull = (v: JsonValue | undefined): string | null => (typeof v === 'string' ? v : null);
  const limits = isObject(c.canaryLimits) ? c.canaryLimits : {};
  const gate = isObject(c.gate) ? c.gate : {};
  const lines = Array.isArray(c.shadowLines) ? c.shadowLines.filter(isObject) : null;
  const override = isObject(c.override) && typeof c.override.reason === 'string' ? { reason: c.override.reason, by: strOrNull(c.override.by) } : null;
  const ids = Array.isArray(c.canaryCameraIds) ? c.canaryCameraIds.filter((x): x is string => typeof x === 'string') : null;
  return {
    cameraId: strOrNull(c.cameraId),
    modelType: isOneOf(MODEL_TYPES, c.modelType) ? c.modelType : 'detection',
    canaryCameraId: strOrNull(c.canaryCameraId),
    canaryCameraIds: ids && ids.length > 0 ? ids : null,
    // Pipelines made before gated rollouts have no canaryMinutes: they keep their 0-minute canary.
    canaryMinutes: num(c.canaryMinutes, 0),
    canaryLimits: Object.fromEntries(
      Object.entries(DEFAULT_CANARY_LIMITS).map(([k, d]) => [k, num(limits[k], d)]),
    ) as unknown as CanaryGuardLimits,
    benchmarkRuns: num(c.benchmarkRuns, ROLLOUT_DEFAULTS.benchmarkRuns),
    shadowSource: strOrNull(c.shadowSource),
    shadowLines: lines
      ? lines.map((l, i) => ({ name: strOrNull(l.name) ?? `line${i + 1}`, x1: num(l.x1, 0), y1: num(l.y1, 0), x2: num(l.x2, 0), y2: num(l.y2, 0) }))
      : null,
    shadowMaxFrames: num(c.shadowMaxFrames, ROLLOUT_DEFAULTS.shadowMaxFrames),
    shadowFps: numOrNull(c.shadowFps),
    allowInconclusiveShadow: c.allowInconclusiveShadow === true,
    minShadowAgreement: num(c.minShadowAgreement, ROLLOUT_DEFAULTS.minShadowAgreement),
    gate: {
      minF1: 'minF1' in gate ? numOrNull(gate.minF1) : DEFAULT_GATE_LIMITS.minF1,
      maxF1Drop: 'maxF1Drop' in gate ? numOrNull(gate.maxF1Drop) : DEFAULT_GATE_LIMITS.maxF1Drop,
      requireEvaluation: gate.requireEvaluation === true,
    },
    requestedBy: strOrNull(c.requestedBy),
    experimentId: strOrNull(c.experimentId),
    override,
    target: isOneOf(PIPELINE_STAGES, c.target) ? c.target : 'production',
  };
}

export function scopeOf(config: PipelineConfig): DeploymentScope {
  return { cameraId: config.cameraId, modelType: config.modelType };
}

// ---- settings -------------------------------------------------------------------------------

function settingValue(ctx: RegistryContext, key: string): JsonValue | undefined {
  return ctx.repos.settings.get(key)?.value;
}

function settingNumber(ctx: RegistryContext, key: string): number | undefined {
  const v = settingValue(ctx, key);
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** Request, then settings (ROLLOUT_SETTINGS), then defaults; stored in the pipeline row. */
export function gateLimitsOf(ctx: RegistryContext, r: PromoteRequest): GateLimits {
  const setting = (key: string, d: number | null): number | null => {
    const v = settingValue(ctx, key);
    return v === null ? null : typeof v === 'number' ? v : d;
  };
  return {
    minF1: r.gate?.minF1 !== undefined ? r.gate.minF1 : setting(ROLLOUT_SETTINGS.minF1, DEFAULT_GATE_LIMITS.minF1),
    maxF1Drop: r.gate?.maxF1Drop !== undefined ? r.gate.maxF1Drop : setting(ROLLOUT_SETTINGS.maxF1Drop, DEFAULT_GATE_LIMITS.maxF1Drop),
    requireEvaluation: r.gate?.requireEvaluation ?? settingValue(ctx, ROLLOUT_SETTINGS.requireEvaluation) === true,
  };
}

function canaryLimitsOf(ctx: RegistryContext, r: PromoteRequest): CanaryGuardLimits {
  return {
    ...DEFAULT_CANARY_LIMITS,
    maxLatencyRatio: settingNumber(ctx, ROLLOUT_SETTINGS.canaryMaxLatencyRatio) ?? DEFAULT_CANARY_LIMITS.maxLatencyRatio,
    maxCountDifference: settingNumber(ctx, ROLLOUT_SETTINGS.canaryMaxCountDifference) ?? DEFAULT_CANARY_LIMITS.maxCountDifference,
    ...Object.fromEntries(Object.entries(r.canaryGuards ?? {}).filter(([, v]) => typeof v === 'number')),
  };
}

function overrideOf(r: PromoteRequest): { reason: string; by: string | null } | undefined {
  return r.override ? { reason: r.override.reason, by: r.override.by ?? r.requestedBy ?? null } : undefined;
}

/** The config of a new pipeline: the request, then settings, then defaults. */
export function initialConfig(ctx: RegistryContext, r: PromoteRequest, modelType: ModelType): Details {
  return {
    cameraId: r.cameraId ?? null,
    modelType,
    canaryCameraId: r.canaryCameraId ?? null,
    canaryCameraIds: r.canaryCameraIds ?? null,
    canaryMinutes: r.canaryMinutes ?? settingNumber(ctx, ROLLOUT_SETTINGS.canaryMinutes) ?? ROLLOUT_DEFAULTS.canaryMinutes,
    canaryLimits: { ...canaryLimitsOf(ctx, r) },
    benchmarkRuns: r.benchmarkRuns ?? ROLLOUT_DEFAULTS.benchmarkRuns,
    shadowSource: r.shadowSource ?? null,
    shadowLines: r.shadowLines ? r.shadowLines.map((l) => ({ ...l })) : null,
    shadowMaxFrames: r.shadowMaxFrames ?? r.shadowFrames ?? ROLLOUT_DEFAULTS.shadowMaxFrames,
    shadowFps: r.shadowFps ?? null,
    allowInconclusiveShadow: r.allowInconclusiveShadow ?? settingValue(ctx, ROLLOUT_SETTINGS.allowInconclusiveShadow) === true,
    minShadowAgreement: r.minShadowAgreement ?? ROLLOUT_DEFAULTS.minShadowAgreement,
    gate: { ...gateLimitsOf(ctx, r) },
    requestedBy: r.requestedBy ?? null,
    experimentId: r.experimentId ?? null,
    override: overrideOf(r) ?? null,
    target: r.through ?? 'production',
  };
}

/** Options given when continuing a pipeline apply to the stages still to run. */
export function continuationConfig(ctx: RegistryContext, r: PromoteRequest): Details {
  const entries: Array<[string, JsonValue | undefined]> = [
    ['canaryCameraId', r.canaryCameraId],
    ['canaryCameraIds', r.canaryCameraIds],
    ['canaryMinutes', r.canaryMinutes],
    ['canaryLimits', r.canaryGuards ? { ...canaryLimitsOf(ctx, r) } : undefined],
    ['benchmarkRuns', r.benchmarkRuns],
    ['shadowSource', r.shadowSource],
    ['shadowLines', r.shadowLines?.map((l) => ({ ...l }))],
    ['shadowMaxFrames', r.shadowMaxFrames ?? r.shadowFrames],
    ['shadowFps', r.shadowFps],
    ['allowInconclusiveShadow', r.allowInconclusiveShadow],
    ['minShadowAgreement', r.minShadowAgreement],
    ['gate', r.gate ? { ...gateLimitsOf(ctx, r) } : undefined],
    ['requestedBy', r.requestedBy],
    ['experimentId', r.experimentId],
    ['override', overrideOf(r)],
    ['target', r.through ?? 'production'],
  ];
  return Object.fromEntries(entries.filter((e): e is [string, JsonValue] => e[1] !== undefined));
}
