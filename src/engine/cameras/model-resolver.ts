import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../shared/result';
import type { SqliteDatabase } from '../db/open-database';
import type { Camera } from '../db/repositories/cameras-repository';
import { defaultModelPath } from '../paths';

export interface ModelChoice {
  /** Absolute path of the ONNX file to load. */
  path: string;
  /** Why this file: shown in messages and logs. */
  label: string;
}

/** Picks the model file a camera runs; swap this function for another source of models. */
export type ModelResolver = (db: SqliteDatabase, camera: Pick<Camera, 'cameraId' | 'modelId' | 'modelVersion'>) => ModelChoice;

/**
 * The ONE place that decides which model file a camera runs, so the registry's checksum-verified
 * loader can replace it later: a camera pinned to a model (and optionally a version) gets that
 * version's file from model_versions; an unpinned one gets the bundled default.
 */
export const resolveCameraModel: ModelResolver = (db, camera) => {
  if (!camera.modelId) return { path: resolve(defaultModelPath()), label: 'default model' };
  const row = db
    .prepare(
      `SELECT version_number AS v, model_file_path AS p FROM model_versions
       WHERE model_id = ? AND (? IS NULL OR version_number = ?) AND model_file_path IS NOT NULL
       ORDER BY id DESC LIMIT 1`,
    )
    .get(camera.modelId, camera.modelVersion, camera.modelVersion) as { v: string; p: string } | undefined;
  const what = `${camera.modelId}${camera.modelVersion ? ` ${camera.modelVersion}` : ''}`;
  if (!row) throw new AppError('MODEL_NOT_FOUND', `camera ${camera.cameraId} uses model ${what}, which has no registered file`);
  if (!existsSync(row.p)) throw new AppError('MODEL_NOT_FOUND', `model ${what} file is missing: ${row.p}`);
  return { path: resolve(row.p), label: `${camera.modelId} ${row.v}` };
};
