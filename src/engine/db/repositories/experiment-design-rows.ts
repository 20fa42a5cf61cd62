import type { JsonValue } from '../json-column';
import type { ExperimentGroup, ExperimentMode, ExperimentSplit, SuccessMetric } from '../../../shared/enums';
import { col, TableMapper } from '../table-mapper';
import type { NewRow } from '../table-store';

// DTOs and row mappings of the experiment extension tables (migration 0013).

export interface ExperimentDesign {
  experimentId: string;
  baselineVersion: string;
  challengerVersion: string;
  mode: ExperimentMode;
  split: ExperimentSplit;
  successMetric: SuccessMetric;
  seed: string;
  /** Shadow and frame/camera splits: seconds of video per result interval. */
  intervalS: number;
  /** Slot (switchback) split: minutes a camera stays on one arm. */
  slotMinutes: number | null;
  /** Slot split: seconds after each switch left out (the tracker still carries the other arm's tracks). */
  burnInS: number;
  /** Live cameras the experiment runs on; null: every camera the baseline serves. */
  cameraIds: JsonValue | null;
  maxCountDifference: number;
  maxLatencyRatio: number;
  deviceWatts: number;
  energyPricePerKwh: number;
  createdBy: string | null;
  createdAt: string;
}

export interface IntervalMetric {
  id: number;
  resultId: number;
  experimentId: string;
  runId: string;
  intervalIndex: number;
  unit: string;
  arm: ExperimentGroup;
  intervalStart: string;
  intervalEnd: string;
  exposureS: number;
  frames: number;
  skippedFrames: number;
  inCount: number;
  outCount: number;
  agreement: number | null;
  latencyMs: number | null;
  cpuMs: number | null;
  costPer1000Frames: number | null;
  truePositives: number | null;
  falsePositives: number | null;
  falseNegatives: number | null;
  createdAt: string;
}

export interface TruthMatch {
  id: number;
  experimentId: string;
  runId: string;
  truthIndex: number;
  baselineFound: boolean;
  challengerFound: boolean;
}

export type NewExperimentDesign = NewRow<
  ExperimentDesign,
  | 'experimentId'
  | 'baselineVersion'
  | 'challengerVersion'
  | 'mode'
  | 'split'
  | 'seed'
  | 'intervalS'
  | 'maxCountDifference'
  | 'maxLatencyRatio'
  | 'deviceWatts'
  | 'energyPricePerKwh',
  'createdAt'
>;
export type NewIntervalMetric = NewRow<
  IntervalMetric,
  'resultId' | 'experimentId' | 'runId' | 'intervalIndex' | 'unit' | 'arm' | 'intervalStart' | 'intervalEnd' | 'exposureS' | 'frames' | 'inCount' | 'outCount',
  'id' | 'createdAt'
>;
export type NewTruthMatch = Omit<TruthMatch, 'id'>;

export const designMapper = new TableMapper<ExperimentDesign>('ab_experiment_designs', {
  experimentId: col.text('experiment_id'),
  baselineVersion: col.text('baseline_version'),
  challengerVersion: col.text('challenger_version'),
  mode: col.text('mode'),
  split: col.text('split'),
  successMetric: col.text('success_metric'),
  seed: col.text('seed'),
  intervalS: col.real('interval_s'),
  slotMinutes: col.real('slot_minutes'),
  burnInS: col.real('burn_in_s'),
  cameraIds: col.json('camera_ids'),
  maxCountDifference: col.real('max_count_difference'),
  maxLatencyRatio: col.real('max_latency_ratio'),
  deviceWatts: col.real('device_watts'),
  energyPricePerKwh: col.real('energy_price_per_kwh'),
  createdBy: col.text('created_by'),
  createdAt: col.text('created_at'),
});

export const intervalMetricMapper = new TableMapper<IntervalMetric>('ab_interval_metrics', {
  id: col.integer('id'),
  resultId: col.integer('result_id'),
  experimentId: col.text('experiment_id'),
  runId: col.text('run_id'),
  intervalIndex: col.integer('interval_index'),
  unit: col.text('unit'),
  arm: col.text('arm'),
  intervalStart: col.text('interval_start'),
  intervalEnd: col.text('interval_end'),
  exposureS: col.real('exposure_s'),
  frames: col.integer('frames'),
  skippedFrames: col.integer('skipped_frames'),
  inCount: col.integer('in_count'),
  outCount: col.integer('out_count'),
  agreement: col.real('agreement'),
  latencyMs: col.real('latency_ms'),
  cpuMs: col.real('cpu_ms'),
  costPer1000Frames: col.real('cost_per_1000_frames'),
  truePositives: col.integer('true_positives'),
  falsePositives: col.integer('false_positives'),
  falseNegatives: col.integer('false_negatives'),
  createdAt: col.text('created_at'),
});

export const truthMatchMapper = new TableMapper<TruthMatch>('ab_truth_matches', {
  id: col.integer('id'),
  experimentId: col.text('experiment_id'),
  runId: col.text('run_id'),
  truthIndex: col.integer('truth_index'),
  baselineFound: col.boolean('baseline_found'),
  challengerFound: col.boolean('challenger_found'),
});
