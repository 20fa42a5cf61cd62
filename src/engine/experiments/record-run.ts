import { formatModelRef } from '../../shared/model-ref';
import type { ExperimentGroup } from '../../shared/enums';
import type { Experiment, ExperimentDesign } from '../db/repositories/ab-experiments-repository';
import type { RegistryContext } from '../registry/registry-context';
import { costPer1000Frames } from './energy-cost';
import type { IntervalRow } from './interval-book';

export interface RunRecord {
  runId: string;
  /** Wall-clock time of the run's time zero (a recording's frame 0, or the epoch for live rows). */
  timeZeroMs: number;
  rows: IntervalRow[];
  /** Assignment units seen in this run, with the arm each was given (shadow: both arms). */
  assignments: Array<{ unit: string; arm: ExperimentGroup }>;
  truthHits: Array<{ baseline: boolean; challenger: boolean }> | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const pct = (num: number, den: number): number | null => (den === 0 ? null : Math.round((num / den) * 10000) / 100);

/**
 * Stores a run's intervals: one ab_testing_results row per arm and interval (the seed's table,
 * which other tools read) and its ab_interval_metrics row (frames, counts, latency, cost), the
 * assignments it made, and the matched true crossings — all in one transaction, so a run is
 * stored whole or not at all.
 */
export function recordRun(ctx: RegistryContext, experiment: Experiment, design: ExperimentDesign, run: RunRecord): void {
  const ab = ctx.repos.abExperiments;
  const modelOf = (arm: ExperimentGroup): string | null => (arm === 'baseline' ? experiment.baselineModelId : experiment.challengerModelId);
  ctx.repos.transaction(() => {
    for (const r of run.rows) {
      const t = r.truth;
      const precision = t ? pct(t.tp, t.tp + t.fp) : null;
      const recall = t ? pct(t.tp, t.tp + t.fn) : null;
      const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : Math.round(((2 * precision * recall) / (precision + recall)) * 100) / 100;
      const cost = costPer1000Frames(r.cpuMs, r.frames, design.deviceWatts, design.energyPricePerKwh);
      const result = ab.recordResult({
        experimentId: experiment.experimentId,
        resultTimestamp: iso(run.timeZeroMs + r.key.startS * 1000),
        groupName: r.arm,
        sampleSize: r.frames,
        accuracyScore: t ? pct(t.tp, t.tp + t.fp + t.fn) : null,
        precisionScore: precision,
        recallScore: recall,
        f1Score: f1,
        costPerUser: cost,
      });
      ab.recordInterval({
        resultId: result.id,
        experimentId: experiment.experimentId,
        runId: run.runId,
        intervalIndex: r.key.index,
        unit: r.key.unit,
        arm: r.arm,
        intervalStart: iso(run.timeZeroMs + r.key.startS * 1000),
        intervalEnd: iso(run.timeZeroMs + r.key.endS * 1000),
        exposureS: r.exposureS,
        frames: r.frames,
        skippedFrames: r.skippedFrames,
        inCount: r.in,
        outCount: r.out,
        agreement: r.agreement,
        latencyMs: r.latencyMs,
        cpuMs: r.cpuMs,
        costPer1000Frames: cost,
        truePositives: t?.tp ?? null,
        falsePositives: t?.fp ?? null,
        falseNegatives: t?.fn ?? null,
      });
    }
    for (const { unit, arm } of run.assignments) {
      const reason = design.mode === 'shadow' ? 'shadow_paired' : `${design.split}_hash`;
      ab.assign({
        experimentId: experiment.experimentId,
        sessionId: unit.slice(0, 100),
        assignedModelId: modelOf(arm),
        assignedGroup: arm,
        assignmentReason: reason,
        assignmentConfidence: 1,
      });
    }
    run.truthHits?.forEach((h, i) =>
      ab.recordTruthMatch({ experimentId: experiment.experimentId, runId: run.runId, truthIndex: i, baselineFound: h.baseline, challengerFound: h.challenger }),
    );
  });
}

export function armRef(experiment: Experiment, design: ExperimentDesign, arm: ExperimentGroup): string {
  return arm === 'baseline'
    ? formatModelRef(experiment.baselineModelId ?? '?', design.baselineVersion)
    : formatModelRef(experiment.challengerModelId ?? '?', design.challengerVersion);
}
