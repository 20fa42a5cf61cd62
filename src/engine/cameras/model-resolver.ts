import { resolve } from 'node:path';
import { AppError } from '../../shared/result';
import type { SqliteDatabase } from '../db/open-database';
import type { Camera } from '../db/repositories/cameras-repository';
import { repositoriesFor } from '../db/repositories';
import { PersonDetector } from '../inference/person-detector';
import { defaultModelPath } from '../paths';
import type { ModelRef } from '../pipeline/frame-processor';
import { ensureModelRegistered } from '../registry/ensure-model';
import { loadVerifiedDetector, PIPELINE_DETECTOR_OPTIONS, resolveDeployedModel } from '../registry/model-loader';

export interface LoadedModel {
  detector: PersonDetector;
  /** The registered version its results are stored under. */
  model: ModelRef;
}

export interface ModelChoice {
  /** Same key → same detector, shared by every camera that runs it. */
  key: string;
  /** For messages and logs. */
  label: string;
  load(): Promise<LoadedModel>;
}

/** Picks the model a camera runs; cheap (no file is read until load()). */
export type ModelResolver = (db: SqliteDatabase, camera: Pick<Camera, 'cameraId' | 'modelId' | 'modelVersion'>) => ModelChoice;

/**
 * The ONE place that decides which model a camera counts with:
 * 1. a version pinned on the camera (its model, that version or the newest one);
 * 2. else what the registry deploys to it (its canary, its own production, the site's production);
 * 3. else the bundled default file, registered on first use.
 * Registry versions load through loadVerifiedDetector (checksum of the very bytes loaded).
 */
export const resolveCameraModel: ModelResolver = (db, camera) => {
  let ref: ModelRef | undefined;
  if (camera.modelId) {
    const version = camera.modelVersion ?? repositoriesFor(db).modelVersions.listForModel(camera.modelId)[0]?.versionNumber;
    if (!version) throw new AppError('MODEL_NOT_FOUND', `camera ${camera.cameraId} uses model ${camera.modelId}, which has no version`);
    ref = { modelId: camera.modelId, versionNumber: version };
  } else {
    const deployed = resolveDeployedModel(db, camera.cameraId);
    if (deployed) ref = { modelId: deployed.modelId, versionNumber: deployed.versionNumber };
  }
  if (ref) {
    const r = ref;
    return {
      key: `${r.modelId}@${r.versionNumber}`,
      label: `${r.modelId} ${r.versionNumber}`,
      load: async () => {
        const v = await loadVerifiedDetector(db, r.modelId, r.versionNumber, { cameraId: camera.cameraId, purpose: 'camera' });
        return { detector: v.detector, model: v.ref };
      },
    };
  }
  const path = resolve(defaultModelPath());
  return {
    key: `file:${path}`,
    label: 'default model',
    load: async () => {
      const detector = await PersonDetector.load(path, PIPELINE_DETECTOR_OPTIONS);
      try {
        return { detector, model: ensureModelRegistered(db, detector.info) };
      } catch (err) {
        await detector.dispose();
        throw err;
      }
    },
  };
};
