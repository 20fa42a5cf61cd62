import { existsSync, readFileSync } from 'node:fs';
import type { JsonValue } from '../db/json-column';
import type { AiModelPatch } from '../db/repositories/ai-models-repository';
import type { ModelVersion } from '../db/repositories/model-versions-repository';
import type { DeploymentEnvironment, PipelineStage, VersionDeploymentStatus } from '../../shared/enums';
import type { RegistryContext } from './registry-context';

// model_versions.deployment_status values the registry writes (VERSION_DEPLOYMENT_STATUSES; the
// seed leaves the list open): not_deployed, validate, benchmark, shadow (a pipeline is at that
// stage), canary (runs on a canary camera), deployed (in production for at least one scope),
// rolled_back, failed (its last pipeline failed).

function versionState(ctx: RegistryContext, v: ModelVersion): { status: VersionDeploymentStatus; environment: DeploymentEnvironment | null; since: string | null } {
  const modelId = v.modelId ?? '';
  const deployments = ctx.deployments.listForVersion(modelId, v.versionNumber);
  const production = deployments.filter((d) => d.role === 'production');
  if (production.length > 0) {
    const since = production.map((d) => d.deployedAt).sort()[0] ?? null;
    return { status: 'deployed', environment: 'production', since };
  }
  if (deployments.some((d) => d.role === 'canary')) return { status: 'canary', environment: 'staging', since: null };
  const pipelines = ctx.repos.deploymentPipeline.listForModel(modelId).filter((p) => p.versionNumber === v.versionNumber);
  const open = pipelines.find((p) => p.pipelineStatus === 'pending' || p.pipelineStatus === 'running');
  if (open && open.currentStage && open.currentStage !== 'production' && open.currentStage !== 'canary') {
    const stage = open.currentStage as Exclude<PipelineStage, 'canary' | 'production'>;
    return { status: stage, environment: stage === 'shadow' ? 'staging' : 'dev', since: null };
  }
  const events = ctx.deployments.eventsForModel(modelId);
  const lastOut = [...events].reverse().find((e) => e.eventType === 'rolled_back' && e.previousModelId === modelId && e.previousVersionNumber === v.versionNumber);
  if (lastOut) return { status: 'rolled_back', environment: null, since: null };
  if (pipelines[0]?.pipelineStatus === 'failed') return { status: 'failed', environment: null, since: null };
  return { status: 'not_deployed', environment: null, since: null };
}

function storeMetadata(ctx: RegistryContext, checksum: string | null): { config?: JsonValue; parameters?: number } | null {
  if (!checksum || !/^[0-9a-f]{64}$/.test(checksum)) return null;
  const path = ctx.store.metadataPathFor(checksum);
  if (!existsSync(path)) return null;
  try {
    const j = JSON.parse(readFileSync(path, 'utf8')) as { modelConfig?: JsonValue; parameterCount?: unknown };
    return { config: j.modelConfig, parameters: typeof j.parameterCount === 'number' ? j.parameterCount : undefined };
  } catch {
    return null;
  }
}

/**
 * Keeps the seed's per-model summary columns consistent with where versions actually run:
 * - ai_models.is_production = some version of the model is the production version of some scope;
 * - ai_models.deployment_status = production, else testing (a canary or an open pipeline), else
 *   archived (if it was archived), else development;
 * - ai_models.model_version and its file columns and scores = the model's "current" version: the
 *   site-wide production version, else a camera's production version, else the newest version;
 * - every version's deployment_status / deployment_environment / deployment_timestamp.
 * Called inside the transaction of every change that moves a version.
 */
export function syncModelFlags(ctx: RegistryContext, modelId: string): void {
  const model = ctx.repos.aiModels.get(modelId);
  if (!model) return;
  const versions = ctx.repos.modelVersions.listForModel(modelId);
  for (const v of versions) {
    const s = versionState(ctx, v);
    if (v.deploymentStatus !== s.status || v.deploymentEnvironment !== s.environment || (s.since && v.deploymentTimestamp !== s.since)) {
      ctx.repos.modelVersions.update(v.id, {
        deploymentStatus: s.status,
        deploymentEnvironment: s.environment,
        ...(s.since ? { deploymentTimestamp: s.since } : {}),
      });
    }
  }
  const deployments = ctx.deployments.listForModel(modelId);
  const production = deployments.filter((d) => d.role === 'production');
  const siteWide = production.find((d) => d.cameraId === null);
  const newestCamera = [...production].sort((a, b) => (a.deployedAt < b.deployedAt ? 1 : -1))[0];
  const currentNumber = siteWide?.versionNumber ?? newestCamera?.versionNumber ?? versions[0]?.versionNumber;
  const current = versions.find((v) => v.versionNumber === currentNumber);
  const open = ctx.repos.deploymentPipeline.listForModel(modelId).some((p) => p.pipelineStatus === 'pending' || p.pipelineStatus === 'running');
  const testing = open || deployments.some((d) => d.role === 'canary');
  const isProduction = production.length > 0;
  const status = isProduction ? 'production' : testing ? 'testing' : model.deploymentStatus === 'archived' ? 'archived' : 'development';
  const patch: AiModelPatch = { isProduction, deploymentStatus: status };
  if (current) {
    const meta = storeMetadata(ctx, current.modelFileChecksum);
    Object.assign(patch, {
      modelVersion: current.versionNumber,
      modelPath: current.modelFilePath,
      modelChecksum: current.modelFileChecksum,
      modelSizeMb: current.modelFileSizeMb,
      accuracyScore: current.validationAccuracy,
      precisionScore: current.validationPrecision,
      recallScore: current.validationRecall,
      f1Score: current.validationF1,
    } satisfies AiModelPatch);
    if (meta?.config !== undefined) patch.modelConfig = meta.config;
    if (meta?.parameters !== undefined) patch.modelParameters = meta.parameters;
    if (meta) patch.modelMetadataPath = ctx.store.metadataPathFor(current.modelFileChecksum!);
  }
  ctx.repos.aiModels.update(modelId, patch);
}
