import type { ExperimentStatusDto } from '../../shared/dto-experiments';
import type { Experiment } from '../db/repositories/ab-experiments-repository';
import type { ModelComparison } from '../db/repositories/comparison-metrics-repository';
import type { Repositories } from '../db/repositories';

const clamp100 = (v: number): number => Math.max(-100, Math.min(100, Math.round(v * 100) / 100));
/** Percent by which `challenger` is lower (better, for latency and cost) than `baseline`. */
const lowerBy = (baseline: number | null, challenger: number | null): number | null =>
  baseline && challenger !== null ? Math.round(((baseline - challenger) / baseline) * 10000) / 100 : null;
const higherBy = (baseline: number | null, challenger: number | null): number | null =>
  baseline && challenger !== null ? Math.round(((challenger - baseline) / baseline) * 10000) / 100 : null;

/**
 * A shadow run's comparison in the seed's model_comparison_metrics (what other tools read): the
 * quality differences in percentage points where truth exists, latency, throughput and cost
 * improvements in percent, and the experiment's test result at the time of the run.
 */
export function recordComparison(repos: Repositories, experiment: Experiment, runId: string, status: ExperimentStatusDto): ModelComparison {
  const [b, c] = status.arms as [ExperimentStatusDto['arms'][number], ExperimentStatusDto['arms'][number]];
  const pp = (x: number | null, y: number | null): number | null => (x === null || y === null ? null : clamp100(y - x));
  const winner =
    status.recommendation === 'deploy_challenger' ? experiment.challengerModelId : status.recommendation === 'keep_baseline' ? experiment.baselineModelId : null;
  return repos.comparisonMetrics.create({
    comparisonId: `${experiment.experimentId}-${runId}`.slice(0, 100),
    baselineModelId: experiment.baselineModelId,
    challengerModelId: experiment.challengerModelId,
    precisionImprovement: pp(b.precision, c.precision),
    recallImprovement: pp(b.recall, c.recall),
    f1Improvement: pp(b.f1, c.f1),
    latencyImprovementPercent: lowerBy(b.latencyMs, c.latencyMs),
    throughputImprovementPercent: higherBy(b.throughputFps, c.throughputFps),
    costImprovementPercent: lowerBy(b.costPer1000Frames, c.costPer1000Frames),
    isStatisticallySignificant: status.comparison.significant,
    pValue: Math.min(1, Math.max(0, status.comparison.pValue)),
    confidenceInterval: { metric: status.comparison.metric, difference: status.comparison.difference, lower: status.comparison.ci[0], upper: status.comparison.ci[1] },
    comparisonStatus: 'completed',
    winnerModelId: winner,
    completedAt: new Date().toISOString(),
  });
}
