import type { SqliteDatabase } from '../db/open-database';
import { repositoriesFor } from '../db/repositories';
import type { CameraDeployment } from '../db/repositories/model-deployments-repository';
import type { ModelType } from '../../shared/enums';
import { PersonDetector, type PersonDetectorOptions } from '../inference/person-detector';
import type { ModelRef } from '../pipeline/frame-processor';
import { sha256OfFile } from './model-store';
import { describeError, RegistryError } from './registry-error';

/**
 * Detector options the counting pipeline uses (run-count.ts loads its default model with these).
 * 0.1 is a default, not a setting: a model that carries its own threshold (a `--conf-threshold`
 * variant) keeps it, and an explicit `confThreshold` still wins over both.
 */
export const PIPELINE_DETECTOR_OPTIONS: PersonDetectorOptions = { defaultConfThreshold: 0.1 };

export interface LoadVerifiedOptions extends PersonDetectorOptions {
  /** The camera the load is for, recorded with a failure (null: not camera-specific). */
  cameraId?: string | null;
  /** Why it is loaded ('hot swap', 'benchmark', …), recorded with a failure. */
  purpose?: string;
}

export interface VerifiedDetector {
  detector: PersonDetector;
  ref: ModelRef;
  path: string;
  sha256: string;
}

interface VersionFile {
  path: string;
  sha256: string;
}

function versionFile(db: SqliteDatabase, modelId: string, version: string): VersionFile {
  const v = repositoriesFor(db).modelVersions.find(modelId, version);
  if (!v) throw new RegistryError('NOT_FOUND', `model ${modelId} has no version ${version}`);
  if (!v.modelFilePath || !v.modelFileChecksum) throw new RegistryError('MODEL_FILE_MISSING', `${modelId} ${version} has no stored file or checksum`);
  return { path: v.modelFilePath, sha256: v.modelFileChecksum };
}

/** Appends a 'load_failed' event; the running model is untouched by a failed load. */
export function recordLoadFailure(db: SqliteDatabase, ref: ModelRef, err: unknown, o: { cameraId?: string | null; purpose?: string; path?: string }): void {
  const { code, message } = describeError(err);
  try {
    repositoriesFor(db).modelDeployments.recordEvent({
      eventType: 'load_failed',
      cameraId: o.cameraId ?? null,
      modelType: 'detection',
      modelId: ref.modelId,
      versionNumber: ref.versionNumber,
      reason: `${code}: ${message}`,
      details: { code, message, purpose: o.purpose ?? 'load', path: o.path ?? null },
    });
  } catch {
    // Recording must never mask the load failure itself (e.g. a read-only database).
  }
}

/**
 * The one way a registered version becomes a running detector. The checksum is compared with the
 * sha256 of the very bytes onnxruntime loaded (PersonDetector.load hashes what it read), so a file
 * changed on disk after import — or between a check and the load — is refused. Every failure is
 * recorded as a 'load_failed' deployment event before it is thrown.
 */
export async function loadVerifiedDetector(db: SqliteDatabase, modelId: string, version: string, opts: LoadVerifiedOptions = {}): Promise<VerifiedDetector> {
  const ref = { modelId, versionNumber: version };
  const { cameraId, purpose, ...detectorOptions } = opts;
  let file: VersionFile | undefined;
  try {
    file = versionFile(db, modelId, version);
    const detector = await PersonDetector.load(file.path, { ...PIPELINE_DETECTOR_OPTIONS, ...detectorOptions });
    if (detector.info.sha256 !== file.sha256) {
      await detector.dispose();
      throw new RegistryError(
        'CHECKSUM_MISMATCH',
        `model file ${file.path} of ${modelId} ${version} has sha256 ${detector.info.sha256}, registered ${file.sha256}: it changed after import`,
      );
    }
    return { detector, ref, path: file.path, sha256: file.sha256 };
  } catch (err) {
    recordLoadFailure(db, ref, err, { cameraId, purpose, path: file?.path });
    throw err;
  }
}

export interface FileCheck {
  ok: boolean;
  path: string;
  expected: string;
  actual: string | null;
}

/** Re-hashes a version's stored file without loading it (rollback targets, `models verify`). */
export async function verifyVersionFile(db: SqliteDatabase, modelId: string, version: string): Promise<FileCheck> {
  const file = versionFile(db, modelId, version);
  const actual = await sha256OfFile(file.path).catch(() => null);
  return { ok: actual === file.sha256, path: file.path, expected: file.sha256, actual };
}

export interface DeployedModel extends ModelRef {
  role: 'production' | 'canary';
  /** null when the site-wide default applies to this camera. */
  cameraId: string | null;
  pipelineId: string | null;
}

function toDeployed(d: CameraDeployment): DeployedModel {
  return { modelId: d.modelId, versionNumber: d.versionNumber, role: d.role, cameraId: d.cameraId, pipelineId: d.pipelineId };
}

/**
 * Which version a camera counts with: its canary, else its own production version, else the
 * site-wide production version. Undefined when nothing is deployed (first start registers the
 * default model, so that only happens on a database without it).
 */
export function resolveDeployedModel(db: SqliteDatabase, cameraId: string | null, modelType: ModelType = 'detection'): DeployedModel | undefined {
  const repo = repositoriesFor(db).modelDeployments;
  if (cameraId !== null) {
    const own = repo.get({ cameraId, modelType }, 'canary') ?? repo.get({ cameraId, modelType }, 'production');
    if (own) return toDeployed(own);
  }
  const site = repo.get({ cameraId: null, modelType }, 'production');
  return site ? toDeployed(site) : undefined;
}
