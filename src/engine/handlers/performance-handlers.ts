/**
 * `performance:series` (issue 13, part 3): the live sampler's rows of model_performance_metrics
 * over a time range (default the last 24 h), grouped per camera and model version for the Health
 * page's chart. Thin over PerformanceMetricsRepository.liveSeries.
 */
import type { Handlers } from '../../shared/contract';
import type { PerformanceSeriesDto, performanceRequests } from '../../shared/requests-performance';
import { toIso } from '../../shared/timestamps';
import type { Repositories } from '../db/repositories';
import { sampleIntervalS } from '../performance/performance-sampler';

type PerformanceRequestName = keyof typeof performanceRequests;

const DAY_MS = 24 * 3600 * 1000;
/** At most this many samples in one reply (24 h at a 10 s interval for two cameras). */
const MAX_POINTS = 20_000;

export function performanceHandlers(repos: Pick<Repositories, 'performanceMetrics' | 'cameras' | 'settings'>, now: () => Date = () => new Date()): Pick<Handlers, PerformanceRequestName> {
  return {
    'performance:series': ({ cameraId, from, to }) => {
      const end = to === undefined ? now() : new Date(to);
      const start = from === undefined ? new Date(end.getTime() - DAY_MS) : new Date(from);
      const rows = repos.performanceMetrics.liveSeries({ from: toIso(start), to: toIso(end), ...(cameraId ? { cameraId } : {}), limit: MAX_POINTS });
      const names = new Map(repos.cameras.list().map((c) => [c.cameraId, c.name]));
      const series = new Map<string, PerformanceSeriesDto>();
      for (const r of rows) {
        const camera = r.cameraId ?? '';
        const modelId = r.modelId ?? '';
        const key = `${camera}\u0000${modelId}\u0000${r.modelVersion}`;
        let s = series.get(key);
        if (!s) {
          s = { cameraId: camera, cameraName: names.get(camera) ?? camera, modelId, modelVersion: r.modelVersion, ref: `${modelId}@${r.modelVersion}`, provider: r.executionProvider, points: [] };
          series.set(key, s);
        }
        if (r.executionProvider) s.provider = r.executionProvider;
        s.points.push({
          at: r.metricTimestamp,
          latencyP50Ms: r.latencyP50Ms ?? r.inferenceLatencyMs,
          latencyP95Ms: r.latencyP95Ms,
          throughputFps: r.throughputFps,
          framesProcessed: r.framesProcessed,
          framesDropped: r.framesDropped,
          intervalS: r.sampleIntervalS,
          cpuPercent: r.cpuUtilizationPercent,
          memoryMb: r.memoryUsageMb,
          gpuPercent: r.gpuUtilizationPercent,
        });
      }
      const intervalS = sampleIntervalS(repos.settings);
      return {
        from: toIso(start),
        to: toIso(end),
        intervalS,
        series: [...series.values()].sort((a, b) => a.cameraName.localeCompare(b.cameraName) || a.ref.localeCompare(b.ref)),
      };
    },
  };
}
