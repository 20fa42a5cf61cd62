/**
 * The pipeline's benchmark stage: the version's latency and throughput on this machine, on the
 * sample frame, stored in model_performance_metrics (the canary's latency guard compares with it
 * when a camera has no data of its own). The detector is disposed of whatever happens.
 */
import { benchmarkDetector } from './benchmark';
import { loadVerifiedDetector } from './model-loader';
import { loadSampleFrame } from './sample-frame';
import type { StageResult, StageRun } from './stage-run';

/** benchmark: latency and throughput on this machine, stored in model_performance_metrics. */
export async function benchmarkStage(s: StageRun): Promise<StageResult> {
  const sample = await loadSampleFrame(s.ctx.sampleImage);
  const { detector } = await loadVerifiedDetector(s.ctx.db, s.modelId, s.version, {
    provider: s.ctx.provider,
    intraOpThreads: s.ctx.intraOpThreads,
    purpose: 'benchmark stage',
    cameraId: s.config.cameraId,
  });
  try {
    const b = await benchmarkDetector(detector, sample.frame, s.config.benchmarkRuns);
    const metric = s.ctx.repos.performanceMetrics.record({
      modelId: s.modelId,
      modelVersion: s.version,
      inferenceLatencyMs: Math.round(b.latencyMsMean),
      throughputFps: b.throughputFps,
      memoryUsageMb: b.memoryUsageMb,
    });
    return { status: 'completed', details: { ...b, provider: detector.info.provider, metricId: metric.id, sampleFrame: sample.source } };
  } finally {
    await detector.dispose();
  }
}
