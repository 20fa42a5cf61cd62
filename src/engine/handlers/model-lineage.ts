/**
 * `models:lineage` and `models:trainingCurves` (issue 12, item 5): the Models page's read side of
 * the registry — the version graph (parents from model_version_control, derived variants, branches
 * from model_branches, merges), each version's changelog and key facts, the cameras running it
 * (camera_model_deployments and camera pins, decided as cameras/model-resolver.ts decides), and a
 * version's training curves (the per-epoch series that training-history.ts stored in
 * model_versions.training_metrics). Reads only.
 */
import type { JsonValue } from '../db/json-column';
import type { SqliteDatabase } from '../db/open-database';
import type { Repositories } from '../db/repositories';
import type { ModelCommit } from '../db/repositories/version-control-repository';
import type { ModelVersion } from '../db/repositories/model-versions-repository';
import type {
  LineageCameraDto,
  LineageDerivationDto,
  LineageEdgeDto,
  LineageMergeDto,
  LineageOrigin,
  LineageVersionDto,
  ModelLineageDto,
  TrainingCurvesDto,
  TrainingSeriesDto,
} from '../../shared/dto-model-lineage';
import type { TrainingStatus } from '../../shared/enums';
import { formatModelRef } from '../../shared/model-ref';
import { AppError } from '../../shared/result';
import { resolveDeployedModel } from '../registry/model-loader';
import { toBranchDto } from '../registry/registry-dto';
import { shortBranchName } from '../registry/version-control';

type Json = { [key: string]: JsonValue };

const obj = (v: JsonValue | null | undefined): Json => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const num = (v: JsonValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: JsonValue | undefined): string | null => (typeof v === 'string' ? v : null);

/** The shape [1,3,H,W] of a version's input, from its import details, else the model's config. */
function inputSize(details: Json, modelConfig: Json): { width: number | null; height: number | null } {
  const shape = details.inputShape;
  if (Array.isArray(shape) && shape.length === 4) return { width: num(shape[3]), height: num(shape[2]) };
  const input = obj(modelConfig.input);
  return { width: num(input.width), height: num(input.height) };
}

function derivationOf(details: Json, changelog: string | null): LineageDerivationDto | null {
  if (details.kind !== 'derive') return null;
  const int8 = obj(details.int8);
  const calibration = obj(int8.calibration);
  // The changelog line is "derived from REF: change, change"; its parts are the changes in words.
  const words = changelog?.replace(/^derived from [^:]+:\s*/, '') ?? '';
  return {
    derivedFrom: str(details.derivedFrom) ?? '',
    changes: words ? words.split(/,\s(?![^(]*\))/).filter(Boolean) : [],
    inputSize: num(details.inputSize),
    int8: Object.keys(int8).length > 0,
    confThreshold: num(details.confThreshold),
    calibration:
      Object.keys(calibration).length > 0
        ? { source: str(calibration.source) ?? '', frames: num(calibration.frames) ?? 0, method: str(calibration.method) ?? '' }
        : null,
  };
}

const ORIGINS: readonly LineageOrigin[] = ['import', 'derive', 'bundled', 'registered'];

/**
 * Which version each camera counts with: a pin on the camera (its version, or the model's newest),
 * else what the registry deploys to it (resolveDeployedModel: its canary, its own production, the
 * site's production) — resolveCameraModel's order, without loading anything.
 */
function camerasOf(db: SqliteDatabase, repos: Repositories): LineageCameraDto[] {
  const out: LineageCameraDto[] = [];
  for (const c of repos.cameras.list()) {
    let choice: { modelId: string; versionNumber: string; via: LineageCameraDto['via'] } | null = null;
    if (c.modelId) {
      const version = c.modelVersion ?? repos.modelVersions.listForModel(c.modelId)[0]?.versionNumber;
      if (version) choice = { modelId: c.modelId, versionNumber: version, via: 'pinned' };
    } else {
      const d = resolveDeployedModel(db, c.cameraId);
      if (d) choice = { modelId: d.modelId, versionNumber: d.versionNumber, via: d.role === 'canary' ? 'canary' : d.cameraId === null ? 'site' : 'camera' };
    }
    if (choice) out.push({ cameraId: c.cameraId, name: c.name, enabled: c.enabled, ...choice, ref: formatModelRef(choice.modelId, choice.versionNumber) });
  }
  return out;
}

function epochsOf(v: ModelVersion): Array<{ [key: string]: JsonValue }> {
  const epochs = obj(v.trainingMetrics).epochs;
  return Array.isArray(epochs) ? epochs.map((e) => obj(e)) : [];
}

export function modelLineage(ctx: { db: SqliteDatabase; repos: Repositories }, modelId: string): ModelLineageDto {
  const { repos } = ctx;
  const model = repos.aiModels.get(modelId);
  if (!model) throw new AppError('NOT_FOUND', `no model "${modelId}"`);
  const modelConfig = obj(model.modelConfig);
  const commits = [...repos.versionControl.listCommits(modelId)].reverse(); // oldest first
  const latestFor = (version: string): ModelCommit | undefined => [...commits].reverse().find((c) => c.versionNumber === version);
  const metrics = repos.performanceMetrics.listForModel(modelId, { limit: 1000 }); // newest first
  const deployments = repos.modelDeployments.listForModel(modelId);
  const versions = [...repos.modelVersions.listForModel(modelId)].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
  const known = new Set(versions.map((v) => v.versionNumber));

  const edges: LineageEdgeDto[] = [];
  const lineageVersions: LineageVersionDto[] = versions.map((v) => {
    // The entry that recorded the version itself (not a later merge adopting it).
    const own = commits.find((c) => c.versionNumber === v.versionNumber && obj(c.changesDetails).kind !== 'merge');
    const details = obj(own?.changesDetails);
    const kind = str(details.kind);
    const origin: LineageOrigin = kind && (ORIGINS as readonly string[]).includes(kind) ? (kind as LineageOrigin) : 'import';
    const derivation = derivationOf(details, v.versionChanges);
    const parent = own?.parentVersion ?? null;
    if (parent && known.has(parent)) edges.push({ from: parent, to: v.versionNumber, kind: origin === 'derive' ? 'derived' : 'parent' });
    const size = inputSize(details, origin === 'derive' ? {} : modelConfig);
    const evaluated = metrics.find((m) => m.modelVersion === v.versionNumber && m.f1Score !== null);
    const measured = metrics.find((m) => m.modelVersion === v.versionNumber && m.inferenceLatencyMs !== null);
    const mine = deployments.filter((d) => d.versionNumber === v.versionNumber);
    const training = obj(v.trainingMetrics);
    return {
      versionNumber: v.versionNumber,
      ref: formatModelRef(modelId, v.versionNumber),
      parentVersion: parent,
      branch: shortBranchName(modelId, own?.branchName ?? null),
      origin,
      createdAt: v.createdAt,
      description: v.versionDescription,
      changelog: v.versionChanges,
      author: own?.authorName ?? null,
      derivation,
      sizeMb: v.modelFileSizeMb,
      inputWidth: derivation?.inputSize ?? size.width,
      inputHeight: derivation?.inputSize ?? size.height,
      precision: derivation?.int8 ? 'int8' : 'as-exported',
      confThreshold: derivation?.confThreshold ?? null,
      parameterCount: num(details.parameterCount) ?? (v.modelFileChecksum !== null && v.modelFileChecksum === model.modelChecksum ? model.modelParameters : null),
      opset: num(details.opset) ?? num(modelConfig.opset),
      sha256: v.modelFileChecksum,
      deploymentStatus: v.deploymentStatus ?? 'not_deployed',
      reviewStatus: latestFor(v.versionNumber)?.reviewStatus ?? null,
      production: mine.some((d) => d.role === 'production'),
      canary: mine.some((d) => d.role === 'canary'),
      precisionPct: evaluated?.precisionScore ?? v.validationPrecision,
      recallPct: evaluated?.recallScore ?? v.validationRecall,
      f1Pct: evaluated?.f1Score ?? v.validationF1,
      evaluatedAt: evaluated?.metricTimestamp ?? null,
      latencyMs: measured?.inferenceLatencyMs ?? null,
      throughputFps: measured?.throughputFps ?? null,
      measuredAt: measured?.metricTimestamp ?? null,
      trainingDataset: v.trainingDataset,
      trainingRunId: str(training.trainingRunId),
      trainingEpochs: epochsOf(v).length,
    };
  });

  const merges: LineageMergeDto[] = [];
  for (const c of commits) {
    const d = obj(c.changesDetails);
    if (d.kind !== 'merge') continue;
    const id = `merge:${c.id}`;
    const previousHead = str(d.previousHead) ?? str(d.branchBase);
    merges.push({
      id,
      branch: str(d.mergedFrom) ?? '',
      into: str(d.mergedInto) ?? shortBranchName(modelId, c.branchName) ?? '',
      versionNumber: c.versionNumber,
      previousHead,
      summary: c.changesSummary,
      reviewStatus: c.reviewStatus ?? 'pending',
      createdAt: c.createdAt,
    });
    if (previousHead && known.has(previousHead)) edges.push({ from: previousHead, to: id, kind: 'parent' });
    if (known.has(c.versionNumber)) edges.push({ from: c.versionNumber, to: id, kind: 'merge' });
  }

  return {
    modelId,
    versions: lineageVersions,
    merges,
    edges,
    branches: repos.versionControl
      .listBranches()
      .filter((b) => b.branchName.startsWith(`${modelId}/`))
      .map((b) => toBranchDto(b, modelId)),
    cameras: camerasOf(ctx.db, repos),
  };
}

const NOT_PLOTTED = /^(epoch|time|lr\/.*|lr\d*)$/i;

/** A training-log column in words: `train/box_loss` → "Training box loss", `metrics/mAP50(B)` → "mAP50". */
export function seriesLabel(key: string): string {
  const fixed: Record<string, string> = {
    trainLoss: 'Training loss',
    valLoss: 'Validation loss',
    trainAccuracy: 'Training accuracy',
    valAccuracy: 'Validation accuracy',
  };
  if (fixed[key]) return fixed[key];
  const loss = /^(train|val)\/(\w+?)_?loss$/.exec(key);
  if (loss) {
    const part = { box: 'box', cls: 'class', dfl: 'distribution focal', obj: 'objectness', seg: 'mask' }[loss[2]!] ?? loss[2]!.replace(/_/g, ' ');
    return `${loss[1] === 'train' ? 'Training' : 'Validation'} ${part} loss`;
  }
  const metric = /^metrics\/(.+?)(\(\w\))?$/.exec(key);
  const name = metric ? metric[1]! : key;
  if (/^precision$/i.test(name)) return 'Precision';
  if (/^recall$/i.test(name)) return 'Recall';
  return name.replace(/_/g, ' ');
}

export function trainingCurves(ctx: { repos: Repositories }, modelId: string, versionNumber: string): TrainingCurvesDto {
  const { repos } = ctx;
  if (!repos.aiModels.get(modelId)) throw new AppError('NOT_FOUND', `no model "${modelId}"`);
  const v = repos.modelVersions.find(modelId, versionNumber);
  if (!v) throw new AppError('NOT_FOUND', `model ${modelId} has no version ${versionNumber}`);
  const training = obj(v.trainingMetrics);
  const rows = epochsOf(v);
  const runId = str(training.trainingRunId);
  const run = runId ? repos.trainingHistory.get(runId) : undefined;
  const keys: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k) && !NOT_PLOTTED.test(k)) keys.push(k);
  const series: TrainingSeriesDto[] = [];
  for (const key of keys) {
    const values = rows.map((r) => num(r[key]));
    if (values.every((x) => x === null)) continue;
    const isLoss = /loss/i.test(key);
    // Accuracies are logged in percent, Ultralytics' precision/recall/mAP as 0..1: both shown in percent.
    const fraction = !isLoss && !/accuracy/i.test(key) && values.every((x) => x === null || (x >= 0 && x <= 1));
    series.push({
      key,
      label: seriesLabel(key),
      group: isLoss ? 'loss' : 'metric',
      values: fraction ? values.map((x) => (x === null ? null : Math.round(x * 1e6) / 1e4)) : values,
    });
  }
  return {
    modelId,
    versionNumber,
    trainingRunId: runId,
    format: str(training.format),
    status: (run?.trainingStatus ?? null) as TrainingStatus | null,
    totalEpochs: run?.totalEpochs ?? null,
    epochs: rows.map((r, i) => num(r.epoch) ?? i + 1),
    series,
  };
}
