/**
 * ffmpeg argument arrays, one per source kind. Pure (no Node API): the output is an argv array
 * handed to spawn() as is, never joined into a shell string.
 */
import type { CameraSource } from './source';

/** The letterbox grey YOLO models are trained with (114,114,114). */
export const LETTERBOX_COLOR = '0x727272';
/** Default socket I/O timeout for network sources: a dead camera errors instead of hanging. */
export const DEFAULT_IO_TIMEOUT_MS = 10_000;

export interface UsbInputHints {
  /** Capture mode to ask the camera for; the output size is still width×height. */
  width?: number;
  height?: number;
  framerate?: number;
  /** e.g. 'mjpeg' (v4l2 -input_format / dshow -vcodec) so high resolutions fit USB 2 bandwidth. */
  inputFormat?: string;
}

export interface FfmpegArgsOptions {
  source: CameraSource;
  /** Output frame size in pixels. */
  width: number;
  height: number;
  /** Output frame rate (frames are duplicated or dropped by ffmpeg's fps filter to hit it). */
  fps: number;
  /** Keep the aspect ratio and pad with grey (default) or stretch to width×height. */
  letterbox?: boolean;
  /** Socket I/O timeout for RTSP/HTTP. */
  ioTimeoutMs?: number;
  /** HTTP demuxer: 'auto' lets ffmpeg probe (multipart or raw JPEG), 'mpjpeg' forces multipart. */
  httpFormat?: 'auto' | 'mpjpeg' | 'mjpeg';
  /** Platform whose USB API to use when the source does not say; defaults to linux. */
  platform?: NodeJS.Platform;
  usb?: UsbInputHints;
  /** ffmpeg log level; 'error' keeps stderr to the lines the failure classifier needs. */
  /** 'level+debug' tags each line with its level (FfmpegCapture filters it: detectStreamEnd). */
  logLevel?: 'error' | 'warning' | 'info' | 'level+debug';
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v <= 0) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  return v;
}

function positive(name: string, v: number): number {
  if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${name} must be positive, got ${v}`);
  return v;
}

/** The -vf chain: constant fps, then scale (+ centred grey pad when letterboxing). */
export function buildVideoFilter(width: number, height: number, fps: number, letterbox = true): string {
  const w = positiveInt('width', width);
  const h = positiveInt('height', height);
  const rate = positive('fps', fps);
  if (!letterbox) return `fps=${rate},scale=${w}:${h}`;
  // Convert to rgb24 before padding so odd pad offsets are not rounded to chroma alignment.
  return (
    `fps=${rate},scale=${w}:${h}:force_original_aspect_ratio=decrease,format=rgb24,` +
    `pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:color=${LETTERBOX_COLOR}`
  );
}

// Live sources: do not buffer input for smooth playback; we want the newest frame soonest.
const LOW_LATENCY = ['-fflags', 'nobuffer', '-flags', 'low_delay'];
// Network streams: ffmpeg otherwise probes ~20 frames to guess a frame rate we replace with the fps
// filter anyway (3 s before the first frame of a 10 fps camera, 1 s without); 2 s still leaves
// room to find the picture size for cameras whose SDP does not carry it.
const QUICK_PROBE = ['-fpsprobesize', '0', '-analyzeduration', '2000000'];

function usbInput(device: string, platform: NodeJS.Platform, hints: UsbInputHints = {}): string[] {
  const size = hints.width && hints.height ? ['-video_size', `${hints.width}x${hints.height}`] : [];
  switch (platform) {
    case 'win32': {
      const name = device.startsWith('video=') ? device : `video=${device}`;
      const rate = hints.framerate ? ['-framerate', String(hints.framerate)] : [];
      const codec = hints.inputFormat ? ['-vcodec', hints.inputFormat] : [];
      // rtbufsize: dshow's default 3 MB real-time buffer overflows ("real-time buffer too full")
      // at HD sizes whenever the reader is briefly late.
      return ['-f', 'dshow', '-rtbufsize', '64M', ...rate, ...size, ...codec, '-i', name];
    }
    case 'darwin': {
      // avfoundation refuses its 29.97 default on most webcams, so a frame rate is always given.
      const rate = ['-framerate', String(hints.framerate ?? 30)];
      // "N:none": video device N, no audio device.
      const name = /^\d+$/.test(device) ? `${device}:none` : device;
      const pix = hints.inputFormat ? ['-pixel_format', hints.inputFormat] : [];
      return ['-f', 'avfoundation', ...rate, ...size, ...pix, '-i', name];
    }
    default: {
      const rate = hints.framerate ? ['-framerate', String(hints.framerate)] : [];
      const fmt = hints.inputFormat ? ['-input_format', hints.inputFormat] : [];
      const path = /^\d+$/.test(device) ? `/dev/video${device}` : device;
      return ['-f', 'v4l2', ...rate, ...size, ...fmt, '-i', path];
    }
  }
}

export function inputArgs(o: FfmpegArgsOptions): string[] {
  const s = o.source;
  const timeoutUs = String(Math.round(positive('ioTimeoutMs', o.ioTimeoutMs ?? DEFAULT_IO_TIMEOUT_MS) * 1000));
  switch (s.kind) {
    case 'file':
      return [
        ...(s.realtime ? ['-re'] : []),
        ...(s.loop ? ['-stream_loop', '-1'] : []),
        // The explicit file: protocol keeps a path such as "concat:x" or "pipe:1" from being
        // read as another ffmpeg protocol.
        '-i',
        s.path.startsWith('file:') ? s.path : `file:${s.path}`,
      ];
    case 'rtsp':
      return [
        '-rtsp_transport',
        s.transport ?? 'tcp',
        // ffmpeg >= 5: -timeout is the socket I/O timeout in µs (ffmpeg 4 called it -stimeout,
        // and its -timeout meant "listen").
        '-timeout',
        timeoutUs,
        '-allowed_media_types',
        'video',
        ...QUICK_PROBE,
        ...LOW_LATENCY,
        '-i',
        s.url,
      ];
    case 'http_mjpeg': {
      const fmt = o.httpFormat && o.httpFormat !== 'auto' ? ['-f', o.httpFormat] : [];
      // Reconnection is the supervisor's job (with back-off and state); ffmpeg's own silent
      // reconnects would hide outages from it.
      return ['-reconnect', '0', '-rw_timeout', timeoutUs, ...QUICK_PROBE, ...LOW_LATENCY, ...fmt, '-i', s.url];
    }
    case 'usb':
      return [...LOW_LATENCY, ...usbInput(s.device, s.platform ?? o.platform ?? 'linux', o.usb)];
  }
}

/**
 * Full ffmpeg argv (without the executable) that writes raw RGB24 frames of exactly
 * width*height*3 bytes at `fps` to stdout. Stdin stays open so 'q' can end ffmpeg cleanly.
 */
export function buildFfmpegArgs(o: FfmpegArgsOptions): string[] {
  return [
    '-hide_banner',
    '-nostats',
    '-loglevel',
    o.logLevel ?? 'error',
    ...inputArgs(o),
    '-an',
    '-sn',
    '-dn',
    '-vf',
    buildVideoFilter(o.width, o.height, o.fps, o.letterbox ?? true),
    '-pix_fmt',
    'rgb24',
    '-f',
    'rawvideo',
    'pipe:1',
  ];
}
