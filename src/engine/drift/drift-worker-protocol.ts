/**
 * Messages between the engine and its drift worker (drift-worker.ts). Dates travel as ISO strings
 * (structured clone would keep them, but a string is what the options are built from anyway and
 * keeps the message plain data). The settings are read by the engine, which owns the settings
 * cache, and sent with each request.
 */
import type { DriftCheckOptions, DriftCheckResult, DriftSettings } from './drift-service';

export interface DriftWorkerRequest {
  id: number;
  settings: DriftSettings;
  options: {
    now: string;
    cameraId?: string;
    lookbackHours?: number;
    tamperFrom?: string;
    skipDrift?: boolean;
    skipTamper?: boolean;
  };
}

export type DriftWorkerReply = { id: number; ok: true; result: DriftCheckResult } | { id: number; ok: false; message: string; code?: string };

export function encodeOptions(o: DriftCheckOptions): DriftWorkerRequest['options'] {
  return {
    now: o.now.toISOString(),
    ...(o.cameraId !== undefined ? { cameraId: o.cameraId } : {}),
    ...(o.lookbackHours !== undefined ? { lookbackHours: o.lookbackHours } : {}),
    ...(o.tamperFrom !== undefined ? { tamperFrom: o.tamperFrom.toISOString() } : {}),
    ...(o.skipDrift !== undefined ? { skipDrift: o.skipDrift } : {}),
    ...(o.skipTamper !== undefined ? { skipTamper: o.skipTamper } : {}),
  };
}

export function decodeOptions(o: DriftWorkerRequest['options']): DriftCheckOptions {
  const { now, tamperFrom, ...rest } = o;
  return { ...rest, now: new Date(now), ...(tamperFrom !== undefined ? { tamperFrom: new Date(tamperFrom) } : {}) };
}
