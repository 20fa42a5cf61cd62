import { randomBytes } from 'node:crypto';
import { formatModelRef, parseModelRef } from '../../shared/model-ref';
import { TRAFFIC_METHOD_OF_SPLIT, type ExperimentMode, type ExperimentSplit, type SuccessMetric } from '../../shared/enums';
import type { Repositories } from '../db/repositories';
import type { Experiment, ExperimentDesign } from '../db/repositories/ab-experiments-repository';
import { latestCommitFor } from '../registry/version-control';
import type { RegistryContext } from '../registry/registry-context';
import { EXPERIMENT_DEFAULTS } from './experiment-defaults';
import { ExperimentError } from './experiment-error';

export interface CreateExperimentRequest {
  name: string;
  baseline: string;
  challenger: string;
  mode: ExperimentMode;
  split?: ExperimentSplit;
  trafficPercent?: number;
  minSamples?: number;
  confidence?: number;
  successMetric?: SuccessMetric;
  maxCountDifference?: number;
  maxLatencyRatio?: number;
  intervalS?: number;
  slotMinutes?: number;
  burnInS?: number;
  cameraIds?: string[];
  seed?: string;
  deviceWatts?: number;
  energyPricePerKwh?: number;
  createdBy?: string;
}

function requireVersion(repos: Repositories, ref: string, role: string): { modelId: string; version: string } {
  let parts: { modelId: string; version: string };
  try {
    parts = parseModelRef(ref);
  } catch (err) {
    throw new ExperimentError('EXPERIMENT_INVALID', `${role}: ${(err as Error).message}`);
  }
  if (!repos.modelVersions.find(parts.modelId, parts.version)) {
    throw new ExperimentError('VERSION_NOT_FOUND', `${role} ${ref} is not in the registry (models list shows what is)`);
  }
  return parts;
}

/**
 * A challenger may run in shadow or offline without review (it serves no counts there); before
 * it serves counts on live cameras in an ab split it must be approved, like any deployment.
 */
export function requireServable(ctx: RegistryContext, modelId: string, version: string): void {
  const commit = latestCommitFor(ctx, modelId, version);
  if (commit?.reviewStatus !== 'approved') {
    throw new ExperimentError(
      'REVIEW_REQUIRED',
      `${formatModelRef(modelId, version)} serves counts in an ab split, so it must be approved first (models review ${modelId} ${version} --approve); shadow mode needs no review`,
    );
  }
}

/** Writes the seed's experiment row and its design row (draft) in one transaction. */
export function createExperiment(ctx: RegistryContext, r: CreateExperimentRequest): { experiment: Experiment; design: ExperimentDesign } {
  const repos = ctx.repos;
  const baseline = requireVersion(repos, r.baseline, 'baseline');
  const challenger = requireVersion(repos, r.challenger, 'challenger');
  if (r.mode === 'shadow' && r.split !== undefined && r.split !== 'frame') {
    throw new ExperimentError('EXPERIMENT_INVALID', `a shadow experiment runs both models on every frame: --split ${r.split} applies to ab experiments only`);
  }
  const split: ExperimentSplit = r.split ?? (r.mode === 'shadow' ? 'frame' : 'slot');
  const cameraIds = r.cameraIds ?? null;
  for (const id of cameraIds ?? []) {
    if (!repos.cameras.get(id)) throw new ExperimentError('EXPERIMENT_INVALID', `no camera "${id}"`);
  }
  const slotMinutes = split === 'slot' ? (r.slotMinutes ?? EXPERIMENT_DEFAULTS.slotMinutes) : null;
  const burnInS = split === 'slot' ? (r.burnInS ?? EXPERIMENT_DEFAULTS.burnInS) : 0;
  if (slotMinutes !== null && burnInS >= slotMinutes * 60) {
    throw new ExperimentError('EXPERIMENT_INVALID', `the burn-in (${burnInS} s) must be shorter than a slot (${slotMinutes} min)`);
  }
  const experimentId = `exp-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;
  const confidence = r.confidence ?? EXPERIMENT_DEFAULTS.confidence;
  const successMetric: SuccessMetric = r.successMetric ?? 'crossings';
  return repos.transaction(() => {
    const experiment = repos.abExperiments.createExperiment({
      experimentId,
      experimentName: r.name,
      baselineModelId: baseline.modelId,
      challengerModelId: challenger.modelId,
      // Shadow sends every frame to both: the challenger's "traffic" is all of it.
      trafficSplitPercent: r.mode === 'shadow' ? 100 : (r.trafficPercent ?? EXPERIMENT_DEFAULTS.trafficPercent),
      trafficSplitMethod: TRAFFIC_METHOD_OF_SPLIT[split],
      minimumSampleSize: r.minSamples ?? EXPERIMENT_DEFAULTS.minSamples,
      confidenceLevel: confidence,
      experimentStatus: 'draft',
      successMetrics: { primary: successMetric, guards: ['count_difference', 'latency_ratio'] },
      successThresholds: {
        maxCountDifference: r.maxCountDifference ?? EXPERIMENT_DEFAULTS.maxCountDifference,
        maxLatencyRatio: r.maxLatencyRatio ?? EXPERIMENT_DEFAULTS.maxLatencyRatio,
        alpha: Math.round((1 - confidence) * 1e6) / 1e6,
      },
    });
    const design = repos.abExperiments.createDesign({
      experimentId,
      baselineVersion: baseline.version,
      challengerVersion: challenger.version,
      mode: r.mode,
      split,
      successMetric,
      seed: r.seed ?? randomBytes(8).toString('hex'),
      intervalS: r.intervalS ?? EXPERIMENT_DEFAULTS.intervalS,
      slotMinutes,
      burnInS,
      cameraIds,
      maxCountDifference: r.maxCountDifference ?? EXPERIMENT_DEFAULTS.maxCountDifference,
      maxLatencyRatio: r.maxLatencyRatio ?? EXPERIMENT_DEFAULTS.maxLatencyRatio,
      deviceWatts: r.deviceWatts ?? EXPERIMENT_DEFAULTS.deviceWatts,
      energyPricePerKwh: r.energyPricePerKwh ?? EXPERIMENT_DEFAULTS.energyPricePerKwh,
      createdBy: r.createdBy ?? null,
    });
    return { experiment, design };
  });
}
