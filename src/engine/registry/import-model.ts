import { readFileSync } from 'node:fs';
import { lstat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { JsonValue } from '../db/json-column';
import type { AiModel } from '../db/repositories/ai-models-repository';
import type { ModelVersion } from '../db/repositories/model-versions-repository';
import type { TrainingRun } from '../db/repositories/training-history-repository';
import type { ModelCommit } from '../db/repositories/version-control-repository';
import type { ModelType } from '../../shared/enums';
import { readOnnxInfo, type OnnxInfo } from '../inference/onnx-proto-reader';
import { frameworkOf, licenceOf, modelConfigOf, sizeMb } from './model-facts';
import { sha256Of, sha256OfFile } from './model-store';
import { syncModelFlags } from './production-flags';
import type { RegistryContext } from './registry-context';
import { RegistryError } from './registry-error';
import { safeReadFile } from './safe-read';
import { loadSampleFrame } from './sample-frame';
import { isSemver, nextPatchVersion, requireSemver } from './semver';
import { parseSidecar, requireModelId, slugModelId, type Sidecar } from './sidecar';
import { readTrainingFile, recordTrainingRun, type TrainingFile } from './training-history';
import { checkModelFile, type ModelCheck } from './validate-model';
import { NO_PROGRESS, type OnProgress } from './work-progress';
import { branchFullName, branchHead, ensureMainBranch, MAIN_BRANCH, requireActiveBranch } from './version-control';

export interface ImportModelRequest {
  /** The .onnx file; relative paths are taken from `root` when given. */
  path: string;
  /** The folder the technician chose; the model, sidecar and training files must lie inside it. */
  root?: string;
  /** Sidecar JSON; default `<model name>.json` beside the model when it exists. */
  sidecarPath?: string;
  modelId?: string;
  name?: string;
  modelType?: ModelType;
  version?: string;
  description?: string;
  changelog?: string;
  commitHash?: string;
  authorName?: string;
  authorEmail?: string;
  branch?: string;
  parentVersion?: string;
  /** results.csv or footfall training JSON. */
  trainingPath?: string;
  /** The real frame to run the model on (default: the registry's configured sample). */
  sampleImage?: string;
  /** Extra facts for the version-control entry's changes_details (e.g. how a derived version was made). */
  commitDetails?: { [key: string]: JsonValue };
}

export interface ImportOutcome {
  status: 'imported' | 'existing';
  /** An 'existing' version whose store file had gone missing or changed was restored from these bytes. */
  repairedStore: boolean;
  model: AiModel;
  version: ModelVersion;
  commit: ModelCommit | null;
  training: TrainingRun | null;
  sha256: string;
  sizeBytes: number;
  check: ModelCheck | null;
}

const MAX_SIDECAR_BYTES = 1024 * 1024;

// Imports are serialised per store folder: two imports of the same bytes at once must end as one
// version, and the dedupe check below is only exact when nothing else writes in between.
const queues = new Map<string, Promise<unknown>>();
function serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(fn, fn);
  queues.set(key, run.catch(() => undefined));
  return run;
}

async function existsNoFollow(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function readSidecar(r: ImportModelRequest, modelPath: string): Promise<{ sidecar: Sidecar | null; path: string | null }> {
  let path: string | null = null;
  if (r.sidecarPath !== undefined) path = r.sidecarPath;
  else {
    const beside = join(dirname(modelPath), `${basename(modelPath).replace(/\.onnx$/i, '')}.json`);
    if (beside !== modelPath && (await existsNoFollow(beside))) path = beside;
  }
  if (path === null) return { sidecar: null, path: null };
  const file = await safeReadFile(path, { root: r.root, maxBytes: MAX_SIDECAR_BYTES, what: 'Sidecar' }).catch((err: unknown) => {
    if (err instanceof RegistryError && err.code === 'MODEL_EMPTY') throw new RegistryError('SIDECAR_INVALID', err.message);
    throw err;
  });
  return { sidecar: parseSidecar(file.bytes.toString('utf8'), `Sidecar ${basename(file.path)}`), path: file.path };
}

function existingVersionByChecksum(ctx: RegistryContext, sha256: string): { modelId: string; versionNumber: string } | undefined {
  const row = ctx.repos.modelVersions.findByChecksum(sha256);
  return row?.modelId ? { modelId: row.modelId, versionNumber: row.versionNumber } : undefined;
}

function chooseVersion(ctx: RegistryContext, modelId: string, wanted: string | undefined, onnx: OnnxInfo | null): string {
  const taken = ctx.repos.modelVersions.listForModel(modelId).map((v) => v.versionNumber);
  if (wanted !== undefined) {
    requireSemver(wanted);
    if (taken.includes(wanted)) {
      throw new RegistryError('VERSION_EXISTS', `model ${modelId} already has a version ${wanted} with different bytes; choose a new version number`);
    }
    return wanted;
  }
  // Ultralytics writes its own package version into the metadata: a good default for a new model.
  const fromFile = onnx?.metadata.version;
  if (fromFile && isSemver(fromFile) && !taken.includes(fromFile) && taken.length === 0) return fromFile;
  return nextPatchVersion(taken);
}

/** The steps an import reports (`models:progress`): read, check, copy into the store, validate, record. */
export const IMPORT_STEPS = 5;

/**
 * Imports one ONNX file: refuses anything unsafe or broken before a single byte is stored (see
 * safe-read.ts and validate-model.ts), then writes it to the content-addressed store (staging file
 * + atomic rename) and records the model, version, version-control entry and training run in one
 * transaction. The same bytes imported again are recognised ('existing'), not duplicated. A
 * rejected file leaves the registry and the store folder exactly as they were.
 */
export function importModel(ctx: RegistryContext, r: ImportModelRequest, progress: OnProgress = NO_PROGRESS): Promise<ImportOutcome> {
  progress({ stage: 'waiting', done: 0, total: IMPORT_STEPS });
  return serialised(ctx.store.dir, () => importNow(ctx, r, progress));
}

async function importNow(ctx: RegistryContext, r: ImportModelRequest, progress: OnProgress): Promise<ImportOutcome> {
  const step = (stage: 'reading' | 'verifying' | 'copying' | 'validating' | 'storing', done: number) => progress({ stage, done, total: IMPORT_STEPS });
  step('reading', 0);
  const file = await safeReadFile(r.path, { root: r.root, maxBytes: ctx.maxImportBytes, what: 'Model file' });
  step('verifying', 1);
  const sha256 = sha256Of(file.bytes);
  const known = existingVersionByChecksum(ctx, sha256);
  if (known) {
    const existing = ctx.repos.modelVersions.find(known.modelId, known.versionNumber)!;
    return {
      status: 'existing',
      repairedStore: await repairStoreFile(ctx, existing.modelFilePath, sha256, file.bytes),
      model: ctx.repos.aiModels.require(known.modelId),
      version: existing,
      commit: null,
      training: null,
      sha256,
      sizeBytes: file.bytes.length,
      check: null,
    };
  }

  // Everything that can be refused without touching the store is decided here.
  const { sidecar, path: sidecarPath } = await readSidecar(r, file.path);
  let onnx: OnnxInfo | null = null;
  try {
    onnx = readOnnxInfo(file.bytes);
  } catch {
    // onnxruntime has the last word on validity (checkModelFile below); metadata is then unknown.
  }
  const stem = basename(file.path).replace(/\.onnx$/i, '');
  const modelId = requireModelId(r.modelId ?? sidecar?.modelId ?? slugModelId(sidecar?.name ?? r.name ?? stem));
  const existingModel = ctx.repos.aiModels.get(modelId);
  const versionNumber = chooseVersion(ctx, modelId, r.version ?? sidecar?.version, onnx);
  const branch = r.branch ?? sidecar?.branch ?? MAIN_BRANCH;
  const branchRow = existingModel ? requireActiveBranch(ctx, modelId, branch) : null;
  if (!existingModel && branch !== MAIN_BRANCH) {
    throw new RegistryError('BRANCH_NOT_FOUND', `model ${modelId} is new: its first version goes on ${MAIN_BRANCH}`);
  }
  const fullBranch = branchFullName(modelId, branch);
  const parentVersion =
    r.parentVersion ?? sidecar?.parentVersion ?? (branchRow ? (branchHead(ctx, modelId, fullBranch)?.versionNumber ?? branchRow.baseVersion) : null) ?? null;
  const parent = parentVersion !== null ? ctx.repos.modelVersions.find(modelId, parentVersion) : undefined;
  if (parentVersion !== null && !parent) throw new RegistryError('NOT_FOUND', `parent version ${parentVersion} of ${modelId} does not exist`);

  let training: TrainingFile | null = null;
  if (r.trainingPath !== undefined) training = await readTrainingFile(r.trainingPath, r.root);
  else if (sidecar?.training && sidecarPath) {
    // A sidecar may only point at files beside it (or inside the chosen folder).
    training = await readTrainingFile(resolve(dirname(sidecarPath), sidecar.training.file), r.root ?? dirname(sidecarPath));
  }

  const sample = await loadSampleFrame(r.sampleImage ?? ctx.sampleImage);

  // Validate the staged copy: what is checked is exactly what will be stored.
  step('copying', 2);
  const staged = await ctx.store.stage(file.bytes);
  let check: ModelCheck;
  try {
    step('validating', 3);
    check = await checkModelFile(staged.path, file.bytes, sha256, sample);
  } catch (err) {
    await ctx.store.discard(staged);
    throw err;
  }
  const finalPath = ctx.store.pathFor(sha256);
  const metadataPath = ctx.store.metadataPathFor(sha256);
  const hadFinal = await existsNoFollow(finalPath);
  const hadMetadata = await existsNoFollow(metadataPath);
  const info = check.info;
  const modelConfig = modelConfigOf(info, {
    validation: {
      sampleFrame: check.sample.source,
      persons: check.sample.persons,
      outputShape: check.probe.dims,
      outputRange: [check.probe.min, check.probe.max],
    },
    ...(sidecar?.config ?? {}),
  });
  step('storing', 4);
  try {
    await ctx.store.commit(staged, finalPath);
    await ctx.store.writeMetadata(sha256, {
      sha256,
      sizeBytes: file.bytes.length,
      importedAt: new Date().toISOString(),
      source: { file: basename(file.path), sidecar: sidecarPath ? basename(sidecarPath) : null },
      parameterCount: info.onnx?.parameterCount ?? null,
      modelConfig,
      sidecar: (sidecar ?? null) as JsonValue,
    });
  } catch (err) {
    await ctx.store.discard(staged);
    if (!hadFinal) await unlink(finalPath).catch(() => undefined);
    throw err;
  }

  const author = { name: r.authorName ?? sidecar?.author?.name ?? null, email: r.authorEmail ?? sidecar?.author?.email ?? null };
  const changelog = r.changelog ?? sidecar?.changelog ?? null;
  const description = r.description ?? sidecar?.description ?? info.onnx?.metadata.description ?? null;
  const size = sizeMb(file.bytes.length);
  try {
    return ctx.repos.transaction(() => {
      if (!existingModel) {
        ctx.repos.aiModels.create({
          modelId,
          modelName: (sidecar?.name ?? r.name ?? stem).slice(0, 200),
          modelType: sidecar?.type ?? r.modelType ?? 'detection',
          modelDescription: description,
          modelVersion: versionNumber,
          modelFramework: sidecar?.framework ?? frameworkOf(info),
          modelFormat: 'onnx',
          modelConfig,
          modelParameters: info.onnx?.parameterCount ?? null,
          modelSizeMb: size,
          isActive: true,
          isProduction: false,
          deploymentStatus: 'development',
          modelPath: finalPath,
          modelChecksum: sha256,
          modelMetadataPath: metadataPath,
          licence: (sidecar?.licence ?? sidecar?.license ?? licenceOf(info))?.slice(0, 100) ?? null,
        });
      }
      const version = ctx.repos.modelVersions.create({
        modelId,
        versionNumber,
        versionDescription: description ?? `Imported from ${basename(file.path)}`,
        versionChanges: changelog,
        versionCommitHash: r.commitHash ?? sidecar?.commitHash ?? null,
        modelFilePath: finalPath,
        modelFileSizeMb: size,
        modelFileChecksum: sha256,
        trainingDataset: sidecar?.trainingDataset ?? null,
        trainingMetrics: (sidecar?.trainingMetrics ?? null) as JsonValue,
        trainingDurationHours: sidecar?.trainingDurationHours ?? null,
        deploymentStatus: 'not_deployed',
      });
      ensureMainBranch(ctx, modelId, versionNumber);
      const commit = ctx.repos.versionControl.recordCommit({
        modelId,
        versionNumber,
        parentVersion,
        branchName: fullBranch,
        commitHash: r.commitHash ?? sidecar?.commitHash ?? null,
        commitMessage: (changelog?.split('\n')[0] ?? `Import ${basename(file.path)}`).slice(0, 1000),
        changesSummary: changelog ?? description ?? `Imported ${basename(file.path)}`,
        changesDetails: {
          kind: 'import',
          file: basename(file.path),
          sha256,
          sizeBytes: file.bytes.length,
          parameterCount: info.onnx?.parameterCount ?? null,
          parentParameterCount: parent?.modelFileChecksum ? parentParameterCount(ctx, parent.modelFileChecksum) : null,
          opset: info.onnx?.opsetVersion ?? null,
          producer: info.onnx ? `${info.onnx.producerName} ${info.onnx.producerVersion}`.trim() : null,
          inputShape: [1, 3, info.inputHeight, info.inputWidth],
          outputLayout: info.layout,
          sampleFrame: check.sample.source,
          ...(r.commitDetails ?? {}),
        },
        filesChanged: 1,
        authorName: author.name,
        authorEmail: author.email,
        commitTimestamp: new Date().toISOString(),
        reviewStatus: 'pending',
      });
      const run = training
        ? recordTrainingRun(ctx, modelId, versionNumber, training, {
            runId: sidecar?.training?.runId,
            totalEpochs: sidecar?.training?.totalEpochs,
            status: sidecar?.training?.status,
            args: sidecar?.training?.args as { [key: string]: JsonValue } | undefined,
            dataset: sidecar?.trainingDataset,
          })
        : null;
      syncModelFlags(ctx, modelId);
      return {
        status: 'imported' as const,
        repairedStore: false,
        model: ctx.repos.aiModels.require(modelId),
        version: ctx.repos.modelVersions.get(version.id)!,
        commit,
        training: run,
        sha256,
        sizeBytes: file.bytes.length,
        check,
      };
    });
  } catch (err) {
    // The registry refused the rows: take the files back out so the store matches the registry.
    if (!hadFinal) await unlink(finalPath).catch(() => undefined);
    if (!hadMetadata) await unlink(metadataPath).catch(() => undefined);
    throw err;
  }
}

/**
 * Re-importing the bytes of a version whose store file was deleted or damaged puts the file back:
 * the bytes hash to the registered sha256, so they are exactly what was validated at import.
 */
async function repairStoreFile(ctx: RegistryContext, path: string | null, sha256: string, bytes: Uint8Array): Promise<boolean> {
  if (path !== ctx.store.pathFor(sha256)) return false;
  const intact = await sha256OfFile(path).then(
    (h) => h === sha256,
    () => false,
  );
  if (intact) return false;
  const staged = await ctx.store.stage(bytes);
  await ctx.store.commit(staged, path);
  return true;
}

function parentParameterCount(ctx: RegistryContext, sha: string): number | null {
  try {
    const meta = JSON.parse(readFileSync(ctx.store.metadataPathFor(sha), 'utf8')) as { parameterCount?: unknown };
    return typeof meta.parameterCount === 'number' ? meta.parameterCount : null;
  } catch {
    return null;
  }
}
