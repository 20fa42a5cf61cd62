import { z } from 'zod';
import type { JsonValue } from '../db/json-column';
import { TRAINING_STATUSES, type TrainingStatus } from '../../shared/enums';
import { RegistryError } from './registry-error';

/** What a training tool's output says about one run, before it becomes a model_training_history row. */
export interface ParsedTrainingRun {
  format: 'ultralytics-results-csv' | 'footfall-training-json';
  runId: string | null;
  status: TrainingStatus | null;
  epochsCompleted: number;
  totalEpochs: number | null;
  /** Last epoch. */
  trainingLoss: number | null;
  validationLoss: number | null;
  /** Percent 0..100. */
  trainingAccuracy: number | null;
  validationAccuracy: number | null;
  durationHours: number | null;
  startedAt: string | null;
  completedAt: string | null;
  config: { [key: string]: JsonValue } | null;
  dataset: { [key: string]: JsonValue } | null;
  resources: { gpuUsagePercent: number | null; memoryUsageGb: number | null; cpuUsagePercent: number | null };
  error: string | null;
  /** Every epoch's numbers (NaN written by the tool becomes null). */
  epochs: Array<{ [key: string]: number | null }>;
  /** The epoch a tool would keep as best (Ultralytics: highest fitness). */
  best: { [key: string]: number | null } | null;
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;
const sumOf = (row: { [key: string]: number | null }, cols: string[]): number | null => {
  const vals = cols.map((c) => row[c]).filter((v): v is number => typeof v === 'number');
  return vals.length === 0 ? null : round(vals.reduce((a, b) => a + b, 0), 4);
};

/**
 * Ultralytics `results.csv` (YOLOv5/v8/11 detect): one row per epoch, columns such as `epoch`,
 * `time`, `train/box_loss`, `train/cls_loss`, `train/dfl_loss`, `metrics/precision(B)`,
 * `metrics/recall(B)`, `metrics/mAP50(B)`, `metrics/mAP50-95(B)`, `val/*_loss`, `lr/pg*`; older
 * versions pad the header with spaces. Mapping into the seed's columns:
 * - training_loss / validation_loss: sum of the train/ and val/ losses of the last epoch;
 * - validation_accuracy: mAP50-95 of the best epoch × 100 (a detector has no single accuracy;
 *   mAP50-95 is the number Ultralytics ranks checkpoints by, fitness = 0.1·mAP50 + 0.9·mAP50-95);
 * - training_accuracy: null (detection training reports none);
 * - duration: the `time` column (seconds since start) of the last epoch, when present.
 */
export function parseUltralyticsResultsCsv(text: string): ParsedTrainingRun {
  const bad = (why: string): never => {
    throw new RegistryError('TRAINING_INVALID', `results.csv: ${why}`);
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) bad('needs a header and at least one epoch row');
  const header = lines[0]!.split(',').map((h) => h.trim());
  if (!header.includes('epoch')) bad('no "epoch" column; not an Ultralytics results.csv');
  if (new Set(header).size !== header.length) bad('duplicate column names');
  const epochs = lines.slice(1).map((line, i) => {
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== header.length) bad(`row ${i + 2} has ${cells.length} values for ${header.length} columns`);
    const row: { [key: string]: number | null } = {};
    header.forEach((h, j) => {
      const cell = cells[j]!;
      const v = Number(cell);
      if (cell === '' || /^nan$/i.test(cell)) row[h] = null;
      else if (!Number.isFinite(v)) bad(`row ${i + 2}, column "${h}": "${cell.slice(0, 20)}" is not a number`);
      else row[h] = v;
    });
    return row;
  });
  const last = epochs[epochs.length - 1]!;
  const trainLoss = header.filter((h) => h.startsWith('train/') && h.endsWith('loss'));
  const valLoss = header.filter((h) => h.startsWith('val/') && h.endsWith('loss'));
  const map50 = header.find((h) => /^metrics\/mAP50\(\w\)$/.test(h) || h === 'metrics/mAP_0.5');
  const map5095 = header.find((h) => /^metrics\/mAP50-95\(\w\)$/.test(h) || h === 'metrics/mAP_0.5:0.95');
  const fitness = (r: { [key: string]: number | null }): number => 0.1 * (map50 ? (r[map50] ?? 0) : 0) + 0.9 * (map5095 ? (r[map5095] ?? 0) : 0);
  const best = map50 || map5095 ? epochs.reduce((a, b) => (fitness(b) > fitness(a) ? b : a)) : null;
  const bestMap = best && map5095 ? best[map5095] : null;
  const seconds = header.includes('time') ? last.time : null;
  return {
    format: 'ultralytics-results-csv',
    runId: null,
    status: null,
    epochsCompleted: epochs.length,
    totalEpochs: null,
    trainingLoss: sumOf(last, trainLoss),
    validationLoss: sumOf(last, valLoss),
    trainingAccuracy: null,
    validationAccuracy: typeof bestMap === 'number' ? round(Math.min(100, Math.max(0, bestMap * 100)), 2) : null,
    durationHours: typeof seconds === 'number' && seconds >= 0 ? round(seconds / 3600, 4) : null,
    startedAt: null,
    completedAt: null,
    config: { columns: header },
    dataset: null,
    resources: { gpuUsagePercent: null, memoryUsageGb: null, cpuUsagePercent: null },
    error: null,
    epochs,
    best,
  };
}

const percent = z.number().min(0).max(100).nullable().optional();
const epochSchema = z.strictObject({
  epoch: z.number().int().min(0),
  trainLoss: z.number().nullable().optional(),
  valLoss: z.number().nullable().optional(),
  trainAccuracy: percent,
  valAccuracy: percent,
  metrics: z.record(z.string(), z.number().nullable()).optional(),
});

/** The documented JSON layout for tools other than Ultralytics (README: "Training runs"). */
export const trainingJsonSchema = z.strictObject({
  format: z.literal('footfall-training/v1'),
  runId: z.string().min(1).max(100).optional(),
  status: z.enum(TRAINING_STATUSES).optional(),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  completedAt: z.iso.datetime({ offset: true }).optional(),
  totalEpochs: z.number().int().min(0).optional(),
  durationHours: z.number().min(0).optional(),
  config: z.record(z.string(), z.json()).optional(),
  dataset: z.record(z.string(), z.json()).optional(),
  resources: z
    .strictObject({ gpuUsagePercent: percent, memoryUsageGb: z.number().min(0).nullable().optional(), cpuUsagePercent: percent })
    .optional(),
  error: z.string().max(10_000).nullable().optional(),
  epochs: z.array(epochSchema).max(100_000),
});

export function parseTrainingJson(text: string): ParsedTrainingRun {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new RegistryError('TRAINING_INVALID', `training JSON is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = trainingJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RegistryError('TRAINING_INVALID', `training JSON: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const j = parsed.data;
  const last = j.epochs[j.epochs.length - 1];
  const epochs = j.epochs.map((e) => ({
    epoch: e.epoch,
    trainLoss: e.trainLoss ?? null,
    valLoss: e.valLoss ?? null,
    trainAccuracy: e.trainAccuracy ?? null,
    valAccuracy: e.valAccuracy ?? null,
    ...(e.metrics ?? {}),
  }));
  const best = epochs.length === 0 ? null : epochs.reduce((a, b) => ((b.valAccuracy ?? -1) > (a.valAccuracy ?? -1) ? b : a));
  const duration =
    j.durationHours ?? (j.startedAt && j.completedAt ? round((Date.parse(j.completedAt) - Date.parse(j.startedAt)) / 3_600_000, 4) : null);
  if (duration !== null && duration < 0) throw new RegistryError('TRAINING_INVALID', 'training JSON: completedAt is before startedAt');
  return {
    format: 'footfall-training-json',
    runId: j.runId ?? null,
    status: j.status ?? null,
    epochsCompleted: j.epochs.length,
    totalEpochs: j.totalEpochs ?? null,
    trainingLoss: last?.trainLoss ?? null,
    validationLoss: last?.valLoss ?? null,
    trainingAccuracy: last?.trainAccuracy ?? null,
    validationAccuracy: last?.valAccuracy ?? null,
    durationHours: duration,
    startedAt: j.startedAt ? new Date(j.startedAt).toISOString() : null,
    completedAt: j.completedAt ? new Date(j.completedAt).toISOString() : null,
    config: j.config ?? null,
    dataset: j.dataset ?? null,
    resources: {
      gpuUsagePercent: j.resources?.gpuUsagePercent ?? null,
      memoryUsageGb: j.resources?.memoryUsageGb ?? null,
      cpuUsagePercent: j.resources?.cpuUsagePercent ?? null,
    },
    error: j.error ?? null,
    epochs,
    best,
  };
}

/** By extension: `.csv` is Ultralytics results.csv, `.json` the footfall layout. */
export function parseTrainingFile(name: string, text: string): ParsedTrainingRun {
  if (/\.csv$/i.test(name)) return parseUltralyticsResultsCsv(text);
  if (/\.json$/i.test(name)) return parseTrainingJson(text);
  throw new RegistryError('TRAINING_INVALID', `${name}: training history must be a results.csv or a .json file`);
}
