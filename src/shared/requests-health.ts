/**
 * Camera uptime (issue 13, part 6). Spread into `requests` in contract.ts.
 * Handler: src/engine/handlers/uptime-handlers.ts, over camera_health_samples.
 */
import { z } from 'zod';
import { request } from './request-spec';

/** One camera's share of time live over the period. */
export interface CameraUptimeDto {
  cameraId: string;
  name: string;
  /**
   * 0–1: seconds live / seconds since `since`. Each health sample stands for the time until the
   * next one, at most HEALTH_UPTIME_MAX_GAP_S; time with no sample (engine not running) is not live.
   * Null when the camera has no sample in the period.
   */
  liveShare: number | null;
  /** Health samples in the period. */
  samples: number;
  /** Seconds counted live. */
  liveSeconds: number;
  /** Start of the measured time: the period's start, or the first sample when later. Null without samples. */
  since: string | null;
}

/** A sample stands for at most this many seconds (the engine samples every 15 s). */
export const HEALTH_UPTIME_MAX_GAP_S = 60;

export const healthRequests = {
  // Share of time live per camera over the last `days` days (Health → Camera uptime).
  'health:uptime': request<CameraUptimeDto[]>()(z.strictObject({ days: z.number().int().min(1).max(31).default(1) }), 'viewer'),
} as const;
