/**
 * Camera requests (issue: live cameras). Spread into `requests` in contract.ts.
 * Passwords travel only inward (add, edit, test); no reply ever carries one: a camera's URL comes
 * back redacted and `hasPassword` says whether a secret is stored.
 */
import { z } from 'zod';
import type { CameraDto } from './dto';
import type { CameraFrameDto, CameraRemovedDto, CameraStatusDto, CameraTestDto, LiveSnapshotDto, RecordingListDto, UsbDeviceDto } from './dto-cameras';
import { CAMERA_SOURCE_KINDS } from './enums';
import { emptyInput, idSchema, request } from './request-spec';

/** Pixel coordinates in the camera's own frame; bounded like any boundary number. */
const coord = z.number().min(-100_000).max(100_000);

export const sourceKindSchema = z.enum(CAMERA_SOURCE_KINDS);

export const lineInputSchema = z
  .strictObject({
    /** An existing line's id keeps its running totals when the line is moved. */
    id: z.number().int().positive().optional(),
    name: z.string().trim().min(1).max(100).optional(),
    x1: coord,
    y1: coord,
    x2: coord,
    y2: coord,
    enabled: z.boolean().optional(),
  })
  .refine((l) => l.x1 !== l.x2 || l.y1 !== l.y2, { message: 'a counting line needs two different points' });

export const zoneInputSchema = z.strictObject({
  id: z.number().int().positive().optional(),
  name: z.string().trim().min(1).max(100).optional(),
  polygon: z.array(z.tuple([coord, coord])).min(3).max(100),
  enabled: z.boolean().optional(),
});

/** A camera URL, device name or (kind 'file') path. Checked for its scheme by the engine. */
const urlSchema = z.string().trim().min(1).max(2000);
const passwordSchema = z.string().min(1).max(500);
const usernameSchema = z.string().min(1).max(200);
const cameraIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lowercase letters, digits, - and _, at most 63 characters');

const editable = {
  name: z.string().trim().min(1).max(200),
  /** Inferred from the URL when left out (rtsp/rtsps → rtsp, http/https → http_mjpeg, devices → usb). */
  sourceKind: sourceKindSchema,
  url: urlSchema,
  /** Overrides a user name given in the URL; null removes it. */
  username: usernameSchema.nullable(),
  /** Overrides a password given in the URL; null removes the stored one. */
  password: passwordSchema.nullable(),
  enabled: z.boolean(),
  processFps: z.number().min(0.1).max(30),
  /** The camera's native picture size (lines are drawn in it); probed when left out. */
  frameWidth: z.number().int().min(16).max(16_384).nullable(),
  frameHeight: z.number().int().min(16).max(16_384).nullable(),
  modelId: idSchema.nullable(),
  modelVersion: z.string().min(1).max(50).nullable(),
  /** The full list: lines with an id are updated, without one added, unlisted ones removed. */
  lines: z.array(lineInputSchema).max(32),
  zones: z.array(zoneInputSchema).max(32),
  /**
   * Tracking and counting tuning for this camera (lost-track time, thresholds, line hysteresis…);
   * the engine checks names and safe ranges. null = the measured defaults.
   */
  tuning: z.record(z.string().max(40), z.union([z.number(), z.boolean()])).nullable(),
};

/**
 * Everything but the name and URL may be left out both when adding (defaults and probing fill it)
 * and when editing (what is left out stays as it is); only those two differ between the requests.
 */
const optionalSettings = z.strictObject(editable).omit({ name: true, url: true }).partial().shape;

export const cameraAddSchema = z.strictObject({
  cameraId: cameraIdSchema.optional(),
  name: editable.name,
  url: editable.url,
  ...optionalSettings,
});

export const cameraEditSchema = z.strictObject({
  cameraId: idSchema,
  name: editable.name.optional(),
  url: editable.url.optional(),
  ...optionalSettings,
});

/** A stored camera (with its stored password), or an address typed in the form before saving it. */
const addressShape = {
  cameraId: idSchema.optional(),
  url: urlSchema.optional(),
  sourceKind: sourceKindSchema.optional(),
  username: usernameSchema.optional(),
  password: passwordSchema.optional(),
};
const oneAddress = { message: 'give either cameraId or url' };

export const cameraTestSchema = z
  .strictObject({
    ...addressShape,
    timeoutMs: z.number().int().min(1000).max(30_000).default(10_000),
  })
  .refine((t) => (t.cameraId === undefined) !== (t.url === undefined), oneAddress);

/** `cameras:frame`: one picture of the camera, to draw its lines and zones on. */
export const cameraFrameSchema = z
  .strictObject({
    ...addressShape,
    timeoutMs: z.number().int().min(1000).max(30_000).default(15_000),
    /** The picture's width at most, in pixels (its height keeps the camera's aspect ratio). */
    maxWidth: z.number().int().min(160).max(1920).default(960),
  })
  .refine((t) => (t.cameraId === undefined) !== (t.url === undefined), oneAddress);

export const cameraRequests = {
  'cameras:get': request<CameraDto>()(z.strictObject({ cameraId: idSchema }), 'viewer'),
  'cameras:add': request<CameraDto>()(cameraAddSchema, 'technician'),
  'cameras:edit': request<CameraDto>()(cameraEditSchema, 'technician'),
  'cameras:remove': request<CameraRemovedDto>()(z.strictObject({ cameraId: idSchema }), 'technician'),
  'cameras:setEnabled': request<CameraDto>()(z.strictObject({ cameraId: idSchema, enabled: z.boolean() }), 'technician'),
  'cameras:test': request<CameraTestDto>()(cameraTestSchema, 'technician'),
  'cameras:devices': request<UsbDeviceDto[]>()(emptyInput, 'technician'),
  'live:snapshot': request<LiveSnapshotDto>()(z.strictObject({ cameraId: idSchema.optional() }), 'viewer'),
  /** A still picture of a stored camera or of an address typed in the form (issue 12: lines drawn on the picture). */
  'cameras:frame': request<CameraFrameDto>()(cameraFrameSchema, 'technician'),
  /** Every camera's state, health and the model version it counts with (the Cameras table). */
  'cameras:status': request<CameraStatusDto[]>()(emptyInput, 'viewer'),
  /** Video files in the recordings folder beside the database, for a recording camera (browser file picker). */
  'recordings:list': request<RecordingListDto>()(emptyInput, 'technician'),
} as const;
