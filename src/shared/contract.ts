/**
 * The one contract between the renderer and the engine. Main binds it to ipcMain.handle, the
 * preload builds `window.footfall` from it, the headless server binds it to HTTP/WebSocket, and
 * the CLI calls the same services. Each request: a `domain:action` name, a zod input schema
 * (validated at every boundary) and an output type.
 */
import { z } from 'zod';
import type {
  AppInfo,
  CameraDto,
  CameraHealthDto,
  CountEventDto,
  CountSummaryDto,
  EngineStatusEvent,
  ExperimentDto,
  LiveCountsEvent,
  LiveFrameEvent,
  LivePreviewEvent,
  ModelDto,
  ModelHealthDto,
  ModelVersionDto,
  SettingDto,
} from './dto';

import { emptyInput as empty, idSchema as id, isoTimeSchema as isoTime, request } from './request-spec';
import { accessRequests } from './requests-access';
import { backupRequests } from './requests-backup';
import { retentionRequests } from './requests-retention';
import { performanceRequests } from './requests-performance';
import { driftRequests } from './requests-drift';
import { auditRequests } from './requests-audits';
import { healthRequests } from './requests-health';
import { BUCKET_SIZES } from './enums';
import { cameraRequests } from './requests-cameras';
import { countRequests } from './requests-counts';
import { salesRequests } from './requests-sales';
import { experimentRequests } from './requests-experiments';
import { modelRequests } from './requests-models';
import { syncRequests } from './requests-sync';
import type { Caller, MinRole } from './roles';

export const requests = {
  'app:info': request<AppInfo>()(empty, 'viewer'),
  'cameras:list': request<CameraDto[]>()(empty, 'viewer'),
  'models:list': request<ModelDto[]>()(empty, 'viewer'),
  'models:versions': request<ModelVersionDto[]>()(z.strictObject({ modelId: id }), 'viewer'),
  'experiments:list': request<ExperimentDto[]>()(empty, 'viewer'),
  'counts:summary': request<CountSummaryDto>()(
    z.strictObject({
      cameraId: id.optional(),
      from: isoTime.optional(),
      to: isoTime.optional(),
      bucket: z.enum(BUCKET_SIZES).default('hour'),
    }),
    'viewer',
  ),
  'counts:recent': request<CountEventDto[]>()(
    z.strictObject({ cameraId: id.optional(), limit: z.number().int().min(1).max(1000).default(50) }),
    'viewer',
  ),
  'health:cameras': request<CameraHealthDto[]>()(empty, 'viewer'),
  'health:models': request<ModelHealthDto[]>()(
    z.strictObject({ limit: z.number().int().min(1).max(1000).default(100) }),
    'viewer',
  ),
  'settings:list': request<SettingDto[]>()(empty, 'viewer'),
  'settings:set': request<SettingDto>()(
    z.strictObject({
      key: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'lowercase key, at most 64 characters'),
      value: z.json(),
    }),
    'admin',
  ),
  ...cameraRequests,
  ...countRequests,
  ...salesRequests, // issue 13: sales and business metrics
  ...modelRequests,
  ...experimentRequests,
  ...accessRequests,
  ...syncRequests,
  ...backupRequests,
  ...retentionRequests,
  ...performanceRequests, // issue 13: live performance
  ...driftRequests,
  ...auditRequests, // issue 13: count review (audits)
  ...healthRequests, // issue 13: health:uptime
} as const;

export type RequestName = keyof typeof requests;
export type RequestInput<K extends RequestName> = z.input<(typeof requests)[K]['input']>;
export type ParsedInput<K extends RequestName> = z.output<(typeof requests)[K]['input']>;
export type RequestOutput<K extends RequestName> = NonNullable<(typeof requests)[K]['output']>;
export const requestNames = Object.keys(requests) as RequestName[];

export interface EventMap {
  'live:counts': LiveCountsEvent;
  'live:frame': LiveFrameEvent;
  'live:preview': LivePreviewEvent;
  'health:camera': CameraHealthDto;
  'engine:status': EngineStatusEvent;
}
export type EventName = keyof EventMap;
export const eventNames: readonly EventName[] = [
  'live:counts',
  'live:frame',
  'live:preview',
  'health:camera',
  'engine:status',
];

/**
 * Handlers implement every request; the engine, main and server all bind this one shape. `caller`
 * is who dispatch let through (always given by dispatch; absent only when in-process code calls a
 * handler directly, which no binding does).
 */
export type Handlers = {
  [K in RequestName]: (input: ParsedInput<K>, caller?: Caller) => Promise<RequestOutput<K>> | RequestOutput<K>;
};

/** The least role a request needs; a request that names none is admin-only (fail closed). */
export function requiredRole(name: RequestName): MinRole {
  const spec: { role?: MinRole } = requests[name];
  return spec.role ?? 'admin';
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}
