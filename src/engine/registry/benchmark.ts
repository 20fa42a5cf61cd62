import type { PersonDetector } from '../inference/person-detector';
import type { RgbFrame } from '../vision/detections';

export interface BenchmarkResult {
  runs: number;
  latencyMsMean: number;
  latencyMsP50: number;
  latencyMsP95: number;
  throughputFps: number;
  memoryUsageMb: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const r2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * Whole-detector latency (letterbox + model + decode) on a real frame, after one warm-up run, the
 * way the counting loop pays it. Throughput is 1000 / mean latency (one frame at a time).
 */
export async function benchmarkDetector(detector: PersonDetector, frame: RgbFrame, runs = 5): Promise<BenchmarkResult> {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a positive integer (got ${runs})`);
  await detector.detect(frame);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await detector.detect(frame)).ms.total);
  const mean = times.reduce((a, b) => a + b, 0) / runs;
  const sorted = [...times].sort((a, b) => a - b);
  return {
    runs,
    latencyMsMean: r2(mean),
    latencyMsP50: r2(percentile(sorted, 50)),
    latencyMsP95: r2(percentile(sorted, 95)),
    throughputFps: r2(1000 / mean),
    memoryUsageMb: r2(process.memoryUsage.rss() / 1048576),
  };
}
