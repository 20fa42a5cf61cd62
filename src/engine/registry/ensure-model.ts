import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { SqliteDatabase } from '../db/open-database';
import { repositoriesFor } from '../db/repositories';
import { PersonDetector, type DetectorInfo } from '../inference/person-detector';
import { DEFAULT_MODEL_SHA256, defaultModelPath } from '../paths';
import type { ModelRef } from '../pipeline/frame-processor';
import { frameworkOf, licenceOf, modelConfigOf, sizeMb } from './model-facts';
import { syncModelFlags } from './production-flags';
import { createRegistryContext, type RegistryContext } from './registry-context';
import { isSemver } from './semver';
import { slugModelId } from './sidecar';
import { branchFullName, ensureMainBranch, MAIN_BRANCH } from './version-control';

export const DEFAULT_MODEL_ID = 'yolov8n-coco';
export const DEFAULT_MODEL_VERSION = '8.0.0';

/** A registry view of `db` that never needs to write to the store (ensure only reads its metadata). */
function contextFor(db: SqliteDatabase): RegistryContext {
  const inMemory = db.name === ':memory:' || db.name === '';
  return createRegistryContext(db, inMemory ? { storeDir: join(tmpdir(), 'footfall-models') } : {});
}

function knownByChecksum(db: SqliteDatabase, sha256: string): ModelRef | undefined {
  const row = repositoriesFor(db).modelVersions.findByChecksum(sha256);
  return row?.modelId ? { modelId: row.modelId, versionNumber: row.versionNumber } : undefined;
}

/**
 * First start: the bundled default is the site-wide production detector unless something else
 * already is (a technician's promotion is never overridden).
 */
function ensureDefaultDeployed(ctx: RegistryContext, ref: ModelRef): void {
  const scope = { cameraId: null, modelType: 'detection' as const };
  if (ctx.deployments.get(scope, 'production')) return;
  ctx.repos.transaction(() => {
    ctx.deployments.set(scope, 'production', { ...ref, pipelineId: null });
    ctx.deployments.recordEvent({
      eventType: 'promoted',
      cameraId: null,
      modelType: 'detection',
      modelId: ref.modelId,
      versionNumber: ref.versionNumber,
      reason: 'first start: the bundled default model counts out of the box',
    });
    syncModelFlags(ctx, ref.modelId);
  });
}

/**
 * Every stored inference names the model version that produced it, so a model must be in the
 * registry before it counts (`count`, `detect`, first start). A file already known by its sha256
 * maps to its existing version; an unknown one is registered in place (its own path, no store
 * copy): the bundled default as 'yolov8n-coco' 8.0.0, approved and in production site-wide, any
 * other file as a development model awaiting review. `models import` is the full path (store,
 * sidecar, training history, validation on a real frame).
 */
export function ensureModelRegistered(db: SqliteDatabase, info: DetectorInfo): ModelRef {
  const ctx = contextFor(db);
  const isDefault = info.sha256 === DEFAULT_MODEL_SHA256;
  const known = knownByChecksum(db, info.sha256);
  if (known) {
    if (isDefault) ensureDefaultDeployed(ctx, known);
    return known;
  }
  const meta = info.onnx?.metadata ?? {};
  const name = basename(info.path);
  const baseId = isDefault ? DEFAULT_MODEL_ID : `${slugModelId(name).slice(0, 50)}-${info.sha256.slice(0, 8)}`;
  const versionNumber = isDefault ? DEFAULT_MODEL_VERSION : meta.version && isSemver(meta.version) ? meta.version : '1.0.0';
  const bytes = statSync(info.path).size;
  const register = (): ModelRef => {
    const modelId = ctx.repos.aiModels.get(baseId) ? `${baseId.slice(0, 51)}-${info.sha256.slice(0, 12)}` : baseId;
    ctx.repos.aiModels.create({
      modelId,
      modelName: isDefault ? 'YOLOv8n (COCO) person detector' : name.slice(0, 200),
      modelType: 'detection',
      modelDescription: meta.description ?? (isDefault ? 'Default model shipped with Footfall' : null),
      modelVersion: versionNumber,
      modelFramework: frameworkOf(info),
      modelFormat: 'onnx',
      modelConfig: modelConfigOf(info),
      modelParameters: info.onnx?.parameterCount ?? null,
      modelSizeMb: sizeMb(bytes),
      isActive: true,
      isProduction: false,
      deploymentStatus: 'development',
      modelPath: info.path,
      modelChecksum: info.sha256,
      licence: licenceOf(info),
    });
    ctx.repos.modelVersions.create({
      modelId,
      versionNumber,
      versionDescription: isDefault ? 'Ultralytics YOLOv8n exported to ONNX' : `Registered from ${name}`,
      versionChanges: isDefault ? 'Bundled with Footfall' : null,
      modelFilePath: info.path,
      modelFileSizeMb: sizeMb(bytes),
      modelFileChecksum: info.sha256,
      trainingDataset: isDefault ? 'COCO 2017' : null,
      deploymentStatus: 'not_deployed',
    });
    ensureMainBranch(ctx, modelId, versionNumber);
    const commit = ctx.repos.versionControl.recordCommit({
      modelId,
      versionNumber,
      parentVersion: null,
      branchName: branchFullName(modelId, MAIN_BRANCH),
      commitMessage: isDefault ? 'Bundled default model' : `Registered by a count/detect run from ${name}`,
      changesSummary: isDefault ? 'Default person detector shipped with the app' : `Model file ${name} used directly`,
      changesDetails: { kind: isDefault ? 'bundled' : 'registered', file: name, sha256: info.sha256, sizeBytes: bytes },
      filesChanged: 1,
      commitTimestamp: new Date().toISOString(),
      reviewStatus: 'pending',
    });
    // The bundled model ships reviewed: it is what the app is tested with.
    if (isDefault) ctx.repos.versionControl.review(commit.id, { status: 'approved', reviewedBy: null, notes: 'bundled with Footfall' });
    syncModelFlags(ctx, modelId);
    return { modelId, versionNumber };
  };
  const ref = ctx.repos.transaction(register);
  if (isDefault) ensureDefaultDeployed(ctx, ref);
  return ref;
}

/**
 * First start without a detector at hand (CLI `models …`, the camera engine): registers and
 * deploys the bundled default if its file is present. Cheap when it is already registered.
 * Returns the default's ref, or undefined when the file is absent.
 */
export async function ensureDefaultModel(db: SqliteDatabase, modelPath: string = defaultModelPath()): Promise<ModelRef | undefined> {
  const known = knownByChecksum(db, DEFAULT_MODEL_SHA256);
  if (known) {
    ensureDefaultDeployed(contextFor(db), known);
    return known;
  }
  if (!existsSync(modelPath)) return undefined;
  const detector = await PersonDetector.load(modelPath, { provider: 'cpu' });
  try {
    if (detector.info.sha256 !== DEFAULT_MODEL_SHA256) return undefined;
    return ensureModelRegistered(db, detector.info);
  } finally {
    await detector.dispose();
  }
}
