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
