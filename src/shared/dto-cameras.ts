/** Camera-domain DTOs (issue: live cameras). Pure types; no secret ever appears in one. */
import type { CameraHealthDto, LiveCountsEvent, LiveFrameEvent, LivePreviewEvent } from './dto';

export interface CameraRemovedDto {
  cameraId: string;
  removed: boolean;
}

/** What `cameras:test` found: the camera answered (with its picture size) or why it did not. */
export interface CameraTestDto {
  ok: boolean;
  /** auth, not_found, refused, timeout, unreachable, unsupported, … null when ok. */
  reason: string | null;
  /** Human-readable, credentials redacted. */
  message: string;
  width: number | null;
  height: number | null;
  fps: number | null;
  elapsedMs: number;
}

export interface UsbFormatDto {
  format: string;
  description: string;
  compressed: boolean;
  sizes: string[];
}

export interface UsbDeviceDto {
  /** The value to use as the camera's URL with source kind 'usb'. */
  device: string;
  name: string;
  platform: string;
  formats: UsbFormatDto[];
}

export interface LiveLineCountDto {
  lineId: number | null;
  name: string;
  in: number;
  out: number;
}

/** Everything the Live page needs for one camera right now, before the next pushed event. */
export interface LiveCameraSnapshotDto {
  cameraId: string;
  health: CameraHealthDto;
  counts: LiveCountsEvent | null;
  lines: LiveLineCountDto[];
  frame: LiveFrameEvent | null;
  preview: LivePreviewEvent | null;
}

export interface LiveSnapshotDto {
  cameras: LiveCameraSnapshotDto[];
  at: string;
}

/**
 * `cameras:frame`: one picture of a camera to draw its lines and zones on, or why there is none.
 * `width`/`height` are the camera's own picture size (the pixels lines and zones are stored in);
 * the JPEG itself may be smaller.
 */
export interface CameraFrameDto {
  ok: boolean;
  /** auth, not_found, refused, timeout, unreachable, unsupported, … null when ok. */
  reason: string | null;
  /** Credentials redacted; the page shows the reason in words, not this. */
  message: string;
  /** data:image/jpeg;base64,… */
  jpegDataUrl: string | null;
  width: number | null;
  height: number | null;
  /** 'still': read from the camera now; 'live': the running camera's latest preview. */
  from: 'still' | 'live' | null;
  elapsedMs: number;
}

/** How the model a camera runs (or would run) was chosen; see cameras/model-resolver.ts. */
export type CameraModelChoice = 'pinned' | 'canary' | 'camera' | 'site' | 'default';

/** `cameras:status`: a camera's state and health with the model version it counts with. */
export interface CameraStatusDto {
  cameraId: string;
  health: CameraHealthDto;
  /** The version processing its frames now; null when it is not running (yet). */
  running: { modelId: string; versionNumber: string } | null;
  /** What it runs, or would run once started: pinned on it, deployed to it, deployed to every camera, or the bundled default. */
  chosen: { modelId: string | null; versionNumber: string | null; how: CameraModelChoice };
}

export interface RecordingFileDto {
  /** The file name shown to the user. */
  name: string;
  /** Absolute path: what a recording camera's address is. */
  path: string;
  sizeBytes: number;
  modifiedAt: string;
}

/** `recordings:list`: the video files in the recordings folder beside the database (only there). */
export interface RecordingListDto {
  /** null when the engine has no folder (an in-memory database). */
  folder: string | null;
  exists: boolean;
  files: RecordingFileDto[];
  /** More files than the list carries. */
  truncated: boolean;
}
