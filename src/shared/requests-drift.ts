/**
 * Drift and camera tampering (issue 13, parts 1–2). Spread into `requests` in contract.ts.
 * Handlers: src/engine/handlers/drift-handlers.ts; the work: src/engine/drift/.
 */
import { z } from 'zod';
import type { DriftSeverity } from './enums';
import { idSchema, isoTimeSchema, request } from './request-spec';

export interface DriftFeatureDto {
  /** brightness, contrast, sharpness, confidence, detections, box_height, box_aspect, count_in, count_out; tamper:covered|blinded|defocused|moved. */
  name: string;
  /** PSI (30 bins) for a distribution, the relative change for in/out, 1 − correlation (or the collapse) for tampering. */
  score: number;
  method?: 'ks' | 'wasserstein' | 'poisson';
  /** KS D, the normed Wasserstein distance, or the χ² statistic. */
  statistic?: number;
  pValue?: number | null;
  drifted?: boolean;
  severity?: DriftSeverity;
  n?: { reference: number; current: number };
  /** Reference vs now over the same 30 bins. */
  histogram?: { edges: number[]; reference: number[]; current: number[] };
}

/** One scored hourly window of a camera and model version. */
export interface DriftWindowDto {
  id: number;
  camera: string;
  cameraId: string;
  modelId: string | null;
  modelVersion: string;
  from: string;
  to: string;
  reference: { basis: 'same_hour' | 'previous_days'; from: string; to: string; hours: number };
  drifted: boolean;
  severity: DriftSeverity;
  /** Drifted windows in a row, this one included. */
  streak: number;
  alerted: boolean;
  features: DriftFeatureDto[];
}

export interface DriftAlertDto {
  id: number;
  /** drift: persisted for drift.alert_windows windows; tamper: at once. */
  kind: 'drift' | 'tamper';
  camera: string;
  cameraId: string;
  modelId: string | null;
  modelVersion: string;
  severity: DriftSeverity;
  from: string;
  to: string;
  at: string;
  /** The features that moved, most first. */
  features: DriftFeatureDto[];
}

export interface DriftCheckDto {
  now: string;
  alerts: DriftAlertDto[];
  windows: DriftWindowDto[];
  tamper: DriftAlertDto[];
}

export interface DriftStatusDto {
  now: string;
  hours: number;
  alerts: DriftAlertDto[];
  /** Newest first. */
  windows: DriftWindowDto[];
  nextCheckAt: string | null;
}

export const driftRequests = {
  // What the Health page shows: stored windows and alerts of the last hours.
  'drift:status': request<DriftStatusDto>()(
    z.strictObject({ cameraId: idSchema.optional(), hours: z.number().int().min(1).max(24 * 31).default(24) }),
    'viewer',
  ),
  // Scores the hourly windows not yet scored and scans for tampering, now (stores rows).
  'drift:check': request<DriftCheckDto>()(z.strictObject({ cameraId: idSchema.optional(), now: isoTimeSchema.optional() }), 'technician'),
} as const;
