// Public surface of capture, so callers (pipeline, CLI, services) do not reach into its files.
export { BoundedQueue } from './bounded-queue';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
export {
  CameraSupervisor,
  type CameraState,
  type CameraSupervisorEvents,
  type CameraSupervisorOptions,
  type StateChange,
  type StateReason,
  type SupervisorStats,
} from './camera-supervisor';
export { CaptureError, classifyFailure, type CaptureErrorReason } from './capture-error';
export { listUsbDevices, parseAvfoundationDevices, parseDshowDevices, parseV4l2Formats, type UsbDevice, type UsbFormat } from './device-list';
export { buildFfmpegArgs, buildVideoFilter, type FfmpegArgsOptions, type UsbInputHints } from './ffmpeg-args';
export {
  FfmpegCapture,
  type CaptureExit,
  type CaptureStats,
  type FfmpegCaptureEvents,
  type FfmpegCaptureOptions,
} from './ffmpeg-capture';
export { FfmpegNotFoundError, resolveFfmpeg, type FfmpegLocation } from './ffmpeg-path';
export { FramePool, FrameReader } from './frame-reader';
export { killAllFfmpeg, liveFfmpegCount, liveFfmpegPids, registerFfmpegChild, stopProcess, type StopOptions } from './process-control';
export { redactText, redactUrl } from './redact-url';
export { RestartPacer, sharedRestartPacer, type RestartPacerOptions } from './restart-pacer';
export { describeSource, parseSourceUrl, SourceError, type CameraSource, type SourceErrorCode, type SourceKind } from './source';
