import { spawn } from 'node:child_process';
import { CaptureError, classifyFailure } from './capture-error';
import { inputArgs } from './ffmpeg-args';
import { resolveFfmpeg } from './ffmpeg-path';
import { registerFfmpegChild, stopProcess } from './process-control';
import { scrubSecrets, urlSecrets } from './redact-url';
import type { CameraSource } from './source';

export interface SourceInfo {
  width: number;
  height: number;
  /** Native frame rate when ffmpeg reports one. */
  fps: number | null;
  /** Duration in seconds for recordings, null for live streams. */
  durationS: number | null;
}

const VIDEO_RE = /Stream #\d+:\d+[^\n]*?: Video: [^\n]*?(\d{2,5})x(\d{2,5})/;
const FPS_RE = /Stream #\d+:\d+[^\n]*?: Video: [^\n]*?(\d+(?:\.\d+)?) (?:fps|tbr)/;
const DURATION_RE = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/;

/** Parses ffmpeg's input banner (pure; tested on real banners). */
export function parseSourceBanner(stderr: string): SourceInfo | null {
  const v = VIDEO_RE.exec(stderr);
  if (!v) return null;
  const fps = FPS_RE.exec(stderr);
  const d = DURATION_RE.exec(stderr);
  return {
    width: Number(v[1]),
    height: Number(v[2]),
    fps: fps ? Number(fps[1]) : null,
    durationS: d ? Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]) : null,
  };
}

/**
 * Asks ffmpeg for a source's native frame size before counting starts: lines and zones are in the
 * source's own pixels, while the detector sees a letterboxed copy, so boxes must be mapped back.
 * Reads at most one frame, so it costs one connection to a live camera.
 */
export async function probeSource(
  source: CameraSource,
  opts: { ffmpegPath?: string; timeoutMs?: number } = {},
): Promise<SourceInfo> {
  const bin = opts.ffmpegPath ?? resolveFfmpeg().path;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const args = [
    '-hide_banner',
    '-nostats',
    '-loglevel',
    'info',
    ...inputArgs({ source: { ...source, ...(source.kind === 'file' ? { realtime: false, loop: false } : {}) }, width: 1, height: 1, fps: 1, ioTimeoutMs: Math.min(timeoutMs, 10_000) }),
    '-frames:v',
    '1',
    '-an',
    '-f',
    'null',
    '-',
  ];
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
  registerFfmpegChild(child);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (t: string) => {
    if (stderr.length < 64_000) stderr += t;
  });
  const timer = setTimeout(() => void stopProcess(child, { graceMs: 500 }), timeoutMs);
  const code = await new Promise<number | null>((resolve) => {
    child.once('close', (c) => resolve(c));
    child.once('error', () => resolve(null));
  });
  clearTimeout(timer);
  const info = parseSourceBanner(stderr);
  if (info) return info;
  const secrets = urlSecrets(source.kind === 'rtsp' || source.kind === 'http_mjpeg' ? source.url : '');
  const redacted = scrubSecrets(stderr, secrets);
  const failure = classifyFailure({ stderr: redacted, code, signal: null, live: source.kind !== 'file' });
  // A file ffmpeg opened but found no video in is unusable, not "ended".
  const reason = failure.reason === 'ended' ? 'unsupported' : failure.reason;
  const message = failure.reason === 'ended' ? 'no video stream found' : failure.message;
  throw new CaptureError(reason, message, code, null, redacted.slice(-2000));
}
