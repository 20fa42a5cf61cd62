/**
 * The pipeline's first stage, validate: the version is approved in review, its stored file still
 * has the registered sha256, and it loads and gives sane output on a real frame. A file that
 * cannot be read or has changed is recorded as a load failure, as any other load would be, so the
 * model's history shows why the rollout stopped.
 */
import { readFile } from 'node:fs/promises';
import { recordLoadFailure } from './model-loader';
import { sha256Of } from './model-store';
import { RegistryError } from './registry-error';
import { loadSampleFrame } from './sample-frame';
import type { StageResult, StageRun } from './stage-run';
import { checkModelFile } from './validate-model';
import { requireApproved } from './version-control';

/** validate: approved in review, stored file intact, loads and gives sane output on a real frame. */
export async function validateStage(s: StageRun): Promise<StageResult> {
  const commit = requireApproved(s.ctx, s.modelId, s.version);
  const version = s.ctx.repos.modelVersions.find(s.modelId, s.version)!;
  const path = version.modelFilePath;
  const expected = version.modelFileChecksum;
  if (!path || !expected) throw new RegistryError('MODEL_FILE_MISSING', `${s.modelId} ${s.version} has no stored file`);
  const ref = { modelId: s.modelId, versionNumber: s.version };
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const e = new RegistryError('MODEL_FILE_MISSING', `model file ${path} cannot be read`, { cause: err });
    recordLoadFailure(s.ctx.db, ref, e, { purpose: 'validate stage', path });
    throw e;
  }
  const actual = sha256Of(bytes);
  if (actual !== expected) {
    const e = new RegistryError('CHECKSUM_MISMATCH', `model file ${path} has sha256 ${actual}, registered ${expected}: it changed after import`);
    recordLoadFailure(s.ctx.db, ref, e, { purpose: 'validate stage', path });
    throw e;
  }
  const sample = await loadSampleFrame(s.ctx.sampleImage);
  const check = await checkModelFile(path, bytes, expected, sample);
  return {
    status: 'completed',
    details: {
      sha256: expected,
      review: { status: commit.reviewStatus, reviewedBy: commit.reviewedBy, reviewedAt: commit.reviewedAt },
      sampleFrame: check.sample.source,
      persons: check.sample.persons,
      outputShape: check.probe.dims,
      validationF1: version.validationF1,
    },
  };
}
