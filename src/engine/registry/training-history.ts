import { basename } from 'node:path';
import type { JsonValue } from '../db/json-column';
import type { TrainingRun } from '../db/repositories/training-history-repository';
import type { TrainingStatus } from '../../shared/enums';
import type { RegistryContext } from './registry-context';
import { RegistryError } from './registry-error';
import { sha256Of } from './model-store';
import { safeReadFile } from './safe-read';
import { parseTrainingFile, type ParsedTrainingRun } from './training-files';

export interface TrainingFile {
  name: string;
  sha256: string;
  mtimeMs: number;
  parsed: ParsedTrainingRun;
}

export interface TrainingOverrides {
  runId?: string;
  totalEpochs?: number;
  status?: TrainingStatus;
  args?: { [key: string]: JsonValue };
  dataset?: string;
}

const MAX_TRAINING_BYTES = 64 * 1024 * 1024;

/** Reads and parses a training file with the same path rules as model files. */
export async function readTrainingFile(path: string, root?: string): Promise<TrainingFile> {
  const file = await safeReadFile(path, { root, maxBytes: MAX_TRAINING_BYTES, what: 'Training file' }).catch((err: unknown) => {
    if (err instanceof RegistryError && err.code === 'MODEL_EMPTY') throw new RegistryError('TRAINING_INVALID', err.message);
    throw err;
  });
  const name = basename(file.path);
  return { name, sha256: sha256Of(file.bytes), mtimeMs: file.mtimeMs, parsed: parseTrainingFile(name, file.bytes.toString('utf8')) };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * One model_training_history row per run, plus the run's per-epoch numbers in the version's
 * training_metrics when it belongs to a version. The run id defaults to one derived from the file's
 * hash, so importing the same file twice is recognised. A results.csv carries no wall-clock times:
 * completed_at is the file's modification time (the tool writes it after every epoch) and started_at
 * that minus the `time` column, both approximate.
 */
export function recordTrainingRun(
  ctx: RegistryContext,
  modelId: string,
  versionNumber: string | null,
  file: TrainingFile,
  o: TrainingOverrides = {},
): TrainingRun {
  const p = file.parsed;
  const runId = (o.runId ?? p.runId ?? `${modelId}:${file.sha256.slice(0, 16)}`).slice(0, 100);
  const existing = ctx.repos.trainingHistory.get(runId);
  if (existing) {
    if (existing.modelId !== modelId) throw new RegistryError('TRAINING_INVALID', `training run ${runId} already belongs to model ${existing.modelId}`);
    return existing;
  }
  const totalEpochs = o.totalEpochs ?? p.totalEpochs ?? null;
  const status: TrainingStatus = o.status ?? p.status ?? (totalEpochs !== null && p.epochsCompleted < totalEpochs ? 'running' : 'completed');
  const completedAt = p.completedAt ?? (p.format === 'ultralytics-results-csv' && status !== 'running' ? iso(file.mtimeMs) : null);
  const startedAt =
    p.startedAt ?? (p.format === 'ultralytics-results-csv' ? iso(file.mtimeMs - (p.durationHours ?? 0) * 3_600_000) : undefined);
  const config: { [key: string]: JsonValue } = { format: p.format, file: file.name, sha256: file.sha256, ...(p.config ?? {}) };
  if (o.args) config.args = o.args;
  const dataset = p.dataset ?? (o.dataset ? { name: o.dataset } : null);
  return ctx.repos.transaction(() => {
    const run = ctx.repos.trainingHistory.create({
      modelId,
      trainingRunId: runId,
      trainingConfig: config,
      datasetConfig: dataset,
      trainingAccuracy: p.trainingAccuracy,
      trainingLoss: p.trainingLoss,
      validationAccuracy: p.validationAccuracy,
      validationLoss: p.validationLoss,
      epochsCompleted: p.epochsCompleted,
      totalEpochs: totalEpochs ?? p.epochsCompleted,
      trainingDurationHours: p.durationHours,
      trainingStatus: status,
      errorMessage: p.error,
      gpuUsagePercent: p.resources.gpuUsagePercent,
      memoryUsageGb: p.resources.memoryUsageGb,
      cpuUsagePercent: p.resources.cpuUsagePercent,
      ...(startedAt ? { startedAt } : {}),
      completedAt,
    });
    if (versionNumber !== null) {
      const version = ctx.repos.modelVersions.find(modelId, versionNumber);
      if (!version) throw new RegistryError('NOT_FOUND', `no version ${versionNumber} of model ${modelId}`);
      const previous = version.trainingMetrics && typeof version.trainingMetrics === 'object' && !Array.isArray(version.trainingMetrics) ? version.trainingMetrics : {};
      ctx.repos.modelVersions.update(version.id, {
        trainingMetrics: {
          ...previous,
          trainingRunId: runId,
          format: p.format,
          epochsCompleted: p.epochsCompleted,
          final: p.epochs[p.epochs.length - 1] ?? null,
          best: p.best,
          epochs: p.epochs,
        },
        trainingDurationHours: version.trainingDurationHours ?? p.durationHours,
        trainingDataset: version.trainingDataset ?? (typeof dataset?.name === 'string' ? dataset.name.slice(0, 200) : null),
      });
    }
    return run;
  });
}
