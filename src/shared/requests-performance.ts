/**
 * Live performance tracking (issue 13, part 3). Spread into `requests` in contract.ts. The rows
 * come from the engine's sampler (src/engine/performance/); the handler is
 * src/engine/handlers/performance-handlers.ts; the Health page charts them.
 */
import { z } from 'zod';
import type { ExecutionProviderName } from './enums';
import { idSchema, isoTimeSchema, request } from './request-spec';

/** One sample of one camera and model version: the figures of the interval that ended at `at`. */
export interface PerformancePointDto {
  at: string;
  /** Model inference time per frame, median and 95th percentile, ms. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  /** Frames processed per second over the interval. */
  throughputFps: number | null;
  framesProcessed: number | null;
  framesDropped: number | null;
  intervalS: number | null;
  /** The engine process's CPU share over all cores, percent (the same for every camera of one sample). */
  cpuPercent: number | null;
  /** The engine process's resident memory, MB. */
  memoryMb: number | null;
  /** GPU utilisation, percent; null unless the camera's model runs on CUDA. */
  gpuPercent: number | null;
}

/** The samples of one camera and model version, oldest first. */
export interface PerformanceSeriesDto {
  cameraId: string;
  cameraName: string;
  modelId: string;
  modelVersion: string;
  /** MODEL_ID@VERSION. */
  ref: string;
  provider: ExecutionProviderName | null;
  points: PerformancePointDto[];
}

export interface PerformanceSeriesReplyDto {
  from: string;
  to: string;
  /** performance.sample_interval_s as it applies now. */
  intervalS: number;
  series: PerformanceSeriesDto[];
}

export const performanceRequests = {
  // Same audience as the rest of the Health page. Default: the last 24 hours.
  'performance:series': request<PerformanceSeriesReplyDto>()(
    z.strictObject({
      cameraId: idSchema.optional(),
      from: isoTimeSchema.optional(),
      to: isoTimeSchema.optional(),
    }),
    'viewer',
  ),
} as const;
