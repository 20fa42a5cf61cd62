import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { redactUrl } from './redact-url';

/** Where a camera's frames come from. Only these kinds ever reach ffmpeg. */
export type CameraSource =
  | { kind: 'file'; path: string; loop?: boolean; realtime?: boolean }
  | { kind: 'rtsp'; url: string; transport?: 'tcp' | 'udp' }
  | { kind: 'http_mjpeg'; url: string }
  | { kind: 'usb'; device: string; platform?: NodeJS.Platform };

export type SourceKind = CameraSource['kind'];

export type SourceErrorCode = 'UNSUPPORTED_SCHEME' | 'INVALID_SOURCE' | 'FILE_NOT_FOUND' | 'KIND_MISMATCH';

export class SourceError extends Error {
  override readonly name = 'SourceError';
  constructor(
    readonly code: SourceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ffmpeg treats any "name:" prefix as a protocol (file:, concat:, pipe:, data:, subfile:, tcp:,
// udp:, rtmp:, …); several read local files or other processes' descriptors, so a camera address
// typed by a user must never reach ffmpeg unless its scheme is on this list.
const URL_SCHEMES: Readonly<Record<string, 'rtsp' | 'http_mjpeg'>> = {
  rtsp: 'rtsp',
  rtsps: 'rtsp',
  http: 'http_mjpeg',
  https: 'http_mjpeg',
};

const SCHEME_PREFIX_RE = /^([a-z][a-z0-9+.-]*):/i;
const WINDOWS_DRIVE_RE = /^[a-z]:[\\/]/i;
// eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
const V4L2_RE = /^\/dev\/video\d+$/;
const V4L2_STABLE_RE = /^\/dev\/v4l\/by-(id|path)\/[^/]+$/;
const DSHOW_RE = /^video=.+$/;
const INDEX_RE = /^\d{1,3}(:none)?$/;

export interface ParseSourceOptions {
  /** Platform a USB device name is meant for (defaults to the running one when ffmpeg starts). */
  platform?: NodeJS.Platform;
  /** Resolves relative file paths (defaults to process.cwd()). */
  cwd?: string;
}

/**
 * Turns what a user typed into a CameraSource, refusing anything ffmpeg could be tricked with.
 * Accepted without a hint: rtsp://, rtsps://, http://, https:// URLs and USB device names
 * (/dev/videoN, dshow `video=Name`, an avfoundation index). A filesystem path is accepted only when
 * the user explicitly chose kind 'file', and must name an existing regular file.
 */
export function parseSourceUrl(input: string, kindHint?: SourceKind, options: ParseSourceOptions = {}): CameraSource {
  const text = input.trim();
  if (!text) throw new SourceError('INVALID_SOURCE', 'camera source is empty');
  if (CONTROL_RE.test(text)) throw new SourceError('INVALID_SOURCE', 'camera source contains control characters');

  if (kindHint === 'file') return parseFilePath(text, options.cwd);
  if (kindHint === 'usb') return parseUsbDevice(text, options.platform, true);

  const scheme = SCHEME_PREFIX_RE.exec(text);
  // "C:\videos\x.mp4" looks like a scheme "c:" but is a path: report it as a path needing kind 'file'.
  if (scheme && !WINDOWS_DRIVE_RE.test(text)) {
    const name = scheme[1]!.toLowerCase();
    const kind = URL_SCHEMES[name];
    // dshow's "video=Name" and avfoundation's "0:none" never match: no letter-led "name:" prefix.
    if (!kind) {
      throw new SourceError('UNSUPPORTED_SCHEME', `unsupported source scheme "${name}:" (use rtsp, rtsps, http or https)`);
    }
    if (kindHint && kindHint !== kind) {
      throw new SourceError('KIND_MISMATCH', `a ${name}: URL cannot be a "${kindHint}" source`);
    }
    const url = validateNetworkUrl(text);
    return kind === 'rtsp' ? { kind: 'rtsp', url } : { kind: 'http_mjpeg', url };
  }
  if (kindHint === 'rtsp' || kindHint === 'http_mjpeg') {
    throw new SourceError('INVALID_SOURCE', `a ${kindHint} source needs a URL`);
  }
  if (V4L2_RE.test(text) || DSHOW_RE.test(text) || INDEX_RE.test(text)) {
    return parseUsbDevice(text, options.platform, false);
  }
  throw new SourceError(
    'INVALID_SOURCE',
    'not a camera URL or device; to read a video file, choose the source kind "file" explicitly',
  );
}

function validateNetworkUrl(text: string): string {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new SourceError('INVALID_SOURCE', `not a valid URL: ${redactUrl(text)}`);
  }
  if (!parsed.hostname) throw new SourceError('INVALID_SOURCE', `URL has no host: ${redactUrl(text)}`);
  if (/\s/.test(text)) throw new SourceError('INVALID_SOURCE', `URL contains spaces: ${redactUrl(text)}`);
  // Keep the user's spelling (WHATWG normalisation could re-encode credentials the camera expects).
  return text;
}

function parseFilePath(text: string, cwd: string | undefined): CameraSource {
  const scheme = SCHEME_PREFIX_RE.exec(text);
  if (scheme && !WINDOWS_DRIVE_RE.test(text)) {
    throw new SourceError(
      'UNSUPPORTED_SCHEME',
      `a file source must be a plain filesystem path, not a "${scheme[1]!.toLowerCase()}:" URL`,
    );
  }
  if (text === '-') throw new SourceError('INVALID_SOURCE', 'standard input is not a file source');
  const path = isAbsolute(text) ? text : resolve(cwd ?? process.cwd(), text);
  if (!existsSync(path)) throw new SourceError('FILE_NOT_FOUND', `file not found: ${path}`);
  if (!statSync(path).isFile()) throw new SourceError('INVALID_SOURCE', `not a regular file: ${path}`);
  return { kind: 'file', path };
}

function parseUsbDevice(text: string, platform: NodeJS.Platform | undefined, explicit: boolean): CameraSource {
  if (V4L2_RE.test(text) || (explicit && V4L2_STABLE_RE.test(text))) {
    return { kind: 'usb', device: text, platform: platform ?? 'linux' };
  }
  if (DSHOW_RE.test(text)) return { kind: 'usb', device: text, platform: platform ?? 'win32' };
  // avfoundation takes "index" or "index:none"; a device name is accepted only when the user
  // said it is a USB camera (otherwise a typo'd path would silently become a device name).
  if (/^\d{1,3}(:none)?$/.test(text)) return withPlatform(text.replace(/:none$/, ''), platform);
  if (explicit) {
    // Stable udev names (/dev/v4l/by-id/…) are fine; any other path is not a camera.
    if (text.startsWith('/') && !V4L2_STABLE_RE.test(text)) {
      throw new SourceError('INVALID_SOURCE', `not a camera device: ${text}`);
    }
    const scheme = SCHEME_PREFIX_RE.exec(text);
    if (scheme && !text.startsWith('video=')) {
      throw new SourceError('UNSUPPORTED_SCHEME', `a USB device name cannot carry a "${scheme[1]!.toLowerCase()}:" prefix`);
    }
    return withPlatform(text, platform);
  }
  throw new SourceError('INVALID_SOURCE', `not a camera device: ${text}`);
}

function withPlatform(device: string, platform: NodeJS.Platform | undefined): CameraSource {
  return platform ? { kind: 'usb', device, platform } : { kind: 'usb', device };
}

/** A display string for a source with credentials removed (for UI, logs, errors). */
export function describeSource(source: CameraSource): string {
  switch (source.kind) {
    case 'file':
      return source.path;
    case 'rtsp':
    case 'http_mjpeg':
      return redactUrl(source.url);
    case 'usb':
      return source.device;
  }
}
