/**
 * An experiment's state as `experiments status` and the Experiments page show it: both arms'
 * totals, the comparison with its interval and p-value, the split's health and the verdict —
 * recomputed from the stored intervals each time, so a running experiment can be looked at every
 * minute (the sequential test keeps that honest).
 */
import type { ExperimentArmDto, ExperimentDesignDto, ExperimentIntervalDto, ExperimentStatusDto } from '../../shared/dto-experiments';
import type { ExperimentGroup } from '../../shared/enums';
import type { Conclusion, Experiment, ExperimentDesign, IntervalMetric } from '../db/repositories/ab-experiments-repository';
import type { Repositories } from '../db/repositories';
import { costPer1000Frames } from './energy-cost';
import { experimentConversion } from '../sales/experiment-conversion';
import { ExperimentError } from './experiment-error';
import { armRef } from './record-run';
import { auditTruthByInterval, withAuditTruth } from './audit-truth';
import { analyzeAb, analyzeShadow, sampleRatioMismatch, type IntervalSample, type ExperimentDesign as StatsDesign } from './stats';

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;
const pct = (num: number, den: number): number | null => (den === 0 ? null : round((num / den) * 100, 2));

export function toDesignDto(e: Experiment, d: ExperimentDesign): ExperimentDesignDto {
  return {
    experimentId: e.experimentId,
    name: e.experimentName,
    status: e.experimentStatus ?? 'draft',
    mode: d.mode,
    split: d.split,
    trafficSplitMethod: e.trafficSplitMethod ?? 'random',
    baselineRef: armRef(e, d, 'baseline'),
    challengerRef: armRef(e, d, 'challenger'),
    arms: [
      { role: 'baseline', ref: armRef(e, d, 'baseline') },
      { role: 'challenger', ref: armRef(e, d, 'challenger') },
    ],
    trafficPercent: e.trafficSplitPercent ?? 50,
    minSamples: e.minimumSampleSize ?? 0,
    confidence: e.confidenceLevel ?? 0.95,
    successMetric: d.successMetric,
    guards: { maxCountDifference: d.maxCountDifference, maxLatencyRatio: d.maxLatencyRatio },
    seed: d.seed,
    intervalS: d.intervalS,
    slotMinutes: d.slotMinutes,
    burnInS: d.burnInS,
    cameraIds: Array.isArray(d.cameraIds) ? d.cameraIds.filter((c): c is string => typeof c === 'string') : null,
    deviceWatts: d.deviceWatts,
    energyPricePerKwh: d.energyPricePerKwh,
    startDate: e.startDate,
    endDate: e.endDate,
    createdAt: e.createdAt,
  };
}

export function statsDesignOf(e: Experiment, d: ExperimentDesign): StatsDesign {
  return {
    mode: d.mode,
    confidence: e.confidenceLevel ?? 0.95,
    minSamples: e.minimumSampleSize ?? 0,
    trafficPercent: e.trafficSplitPercent ?? 50,
    successMetric: d.successMetric,
    guards: { maxCountDifference: d.maxCountDifference, maxLatencyRatio: d.maxLatencyRatio },
  };
}

/** Intervals of every run and unit, each with one pair id (shadow pairs match on it). */
export function samplesOf(rows: readonly IntervalMetric[]): { samples: IntervalSample[]; pairOf: (r: IntervalMetric) => number } {
  const ids = new Map<string, number>();
  const pairKey = (r: IntervalMetric): string => `${r.runId}\u0000${r.unit}\u0000${r.intervalIndex}`;
  for (const r of rows) if (!ids.has(pairKey(r))) ids.set(pairKey(r), ids.size);
  const pairOf = (r: IntervalMetric): number => ids.get(pairKey(r))!;
  const samples = rows.map(
    (r): IntervalSample => ({
      interval: pairOf(r),
      unit: r.unit,
      arm: r.arm,
      frames: r.frames,
      skippedFrames: r.skippedFrames,
      crossings: r.inCount + r.outCount,
      exposureS: r.exposureS,
      latencyMsMean: r.latencyMs ?? 0,
      truth: r.truePositives === null ? null : { tp: r.truePositives, fp: r.falsePositives ?? 0, fn: r.falseNegatives ?? 0 },
    }),
  );
  return { samples, pairOf };
}

function armDto(role: ExperimentGroup, ref: string, rows: readonly IntervalMetric[], d: ExperimentDesign, auditAnswers: number): ExperimentArmDto {
  const mine = rows.filter((r) => r.arm === role);
  const sum = (f: (r: IntervalMetric) => number): number => mine.reduce((s, r) => s + f(r), 0);
  const frames = sum((r) => r.frames);
  const latencyTotal = sum((r) => (r.latencyMs ?? 0) * r.frames);
  const withTruth = mine.filter((r) => r.truePositives !== null);
  const tp = withTruth.reduce((s, r) => s + (r.truePositives ?? 0), 0);
  const fp = withTruth.reduce((s, r) => s + (r.falsePositives ?? 0), 0);
  const fn = withTruth.reduce((s, r) => s + (r.falseNegatives ?? 0), 0);
  const precision = withTruth.length ? pct(tp, tp + fp) : null;
  const recall = withTruth.length ? pct(tp, tp + fn) : null;
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : round((2 * precision * recall) / (precision + recall), 2);
  return {
    role,
    ref,
    frames,
    skippedFrames: sum((r) => r.skippedFrames),
    in: sum((r) => r.inCount),
    out: sum((r) => r.outCount),
    latencyMs: frames ? round(latencyTotal / frames, 2) : null,
    throughputFps: latencyTotal > 0 ? round((frames * 1000) / latencyTotal, 2) : null,
    costPer1000Frames: costPer1000Frames(sum((r) => r.cpuMs ?? 0), frames, d.deviceWatts, d.energyPricePerKwh),
    precision,
    recall,
    f1,
    auditAnswers,
  };
}

function conclusionDto(c: Conclusion): ExperimentStatusDto['conclusions'][number] {
  const notes = c.reviewNotes ?? '';
  const pipeline = /pipeline (\S+)/.exec(notes)?.[1] ?? null;
  return {
    id: c.id,
    recommendation: c.recommendation,
    reason: c.conclusionReason,
    winnerModelId: c.winnerModelId,
    expectedImprovementPercent: c.expectedImprovementPercent,
    confidenceLevel: c.confidenceLevel,
    risk: c.riskAssessment,
    strategy: c.deploymentStrategy,
    createdAt: c.createdAt,
    pipelineId: pipeline,
  };
}

export function experimentStatus(repos: Repositories, experimentId: string): ExperimentStatusDto {
  const ab = repos.abExperiments;
  const e = ab.getExperiment(experimentId);
  const d = ab.getDesign(experimentId);
  if (!e || !d) throw new ExperimentError('EXPERIMENT_NOT_FOUND', `no experiment "${experimentId}"`);
  // Truth from the run (a ground-truth file) where recorded, else from operators' audit answers.
  const audited = withAuditTruth(ab.listIntervals(experimentId), auditTruthByInterval(repos.db, experimentId));
  const rows = audited.rows;
  const { samples, pairOf } = samplesOf(rows);
  const design = statsDesignOf(e, d);
  const hits = ab.listTruthMatches(experimentId).map((m) => ({ baseline: m.baselineFound, challenger: m.challengerFound }));
  const verdict = d.mode === 'shadow' ? analyzeShadow(samples, design, hits.length ? hits : undefined) : analyzeAb(samples, design);
  const arms = [
    armDto('baseline', armRef(e, d, 'baseline'), rows, d, audited.answers.baseline),
    armDto('challenger', armRef(e, d, 'challenger'), rows, d, audited.answers.challenger),
  ];
  // A per-frame split's units are frames: its sample ratio is checked on them, not on intervals.
  let srm = verdict.srm ? { pValue: verdict.srm.pValue, ok: verdict.srm.ok } : null;
  if (d.mode === 'ab' && d.split === 'frame') {
    const s = sampleRatioMismatch([arms[0]!.frames, arms[1]!.frames], (e.trafficSplitPercent ?? 50) / 100);
    srm = { pValue: s.pValue, ok: s.ok };
  }
  const byPair = new Map<number, ExperimentIntervalDto>();
  for (const r of rows) {
    const id = pairOf(r);
    const item = byPair.get(id) ?? { interval: id, start: r.intervalStart, unit: r.unit, baseline: null, challenger: null, agreement: r.agreement };
    item[r.arm] = { frames: r.frames, in: r.inCount, out: r.outCount, latencyMs: r.latencyMs === null ? null : round(r.latencyMs, 2) };
    byPair.set(id, item);
  }
  const srmBroken = srm !== null && !srm.ok;
  return {
    experimentId,
    name: e.experimentName,
    status: e.experimentStatus ?? 'draft',
    design: toDesignDto(e, d),
    arms,
    comparison: verdict.comparison,
    srm,
    recommendation: srmBroken ? 'keep_baseline' : verdict.recommendation,
    reason:
      srmBroken && verdict.srm?.ok !== false
        ? `the split is broken (sample ratio mismatch, p = ${srm!.pValue.toPrecision(2)} < 0.001): the arms did not get the configured share, so the results cannot be trusted`
        : verdict.reason,
    expectedImprovementPercent: verdict.expectedImprovementPercent,
    improvementCi: verdict.improvementCi,
    risk: verdict.risk,
    strategy: verdict.strategy,
    samples: verdict.samples,
    assignments: ab.countAssignments(experimentId),
    intervals: [...byPair.values()],
    conclusions: ab.listConclusions(experimentId).map(conclusionDto),
    conversion: experimentConversion(repos, d, rows), // issue 13: sales
  };
}
