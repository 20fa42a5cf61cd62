/**
 * Why a capture ended, read from ffmpeg's stderr and exit status. Pure, so it is tested as a table
 * of real ffmpeg messages.
 */

import type { CaptureErrorReason } from '../../shared/enums';

export type { CaptureErrorReason } from '../../shared/enums';

/** Stable error code for envelopes and the CLI, e.g. SOURCE_REFUSED. */
export function captureErrorCode(reason: CaptureErrorReason): string {
  return `SOURCE_${reason.toUpperCase()}`;
}

export class CaptureError extends Error {
  override readonly name = 'CaptureError';
  get code(): string {
    return captureErrorCode(this.reason);
  }
  constructor(
    readonly reason: CaptureErrorReason,
    /** Already redacted. */
    message: string,
    readonly exitCode: number | null = null,
    readonly signal: NodeJS.Signals | null = null,
    /** Last lines of ffmpeg's stderr, redacted. */
    readonly stderrTail = '',
  ) {
    super(message);
  }
}

// Checked in order: the first family that matches wins. Auth comes first because ffmpeg also
// prints a generic "Input/output error" line after the specific one; timeouts come before
// "Invalid data" for the same reason.
const PATTERNS: ReadonlyArray<readonly [Exclude<CaptureErrorReason, 'ended' | 'crashed'>, RegExp]> = [
  ['auth', /\b401\b|Unauthorized|authori[sz]ation failed|\b403 Forbidden/i],
  ['not_found', /\b404\b|No such file or directory|\b454 Session Not Found|\bENOENT\b/],
  ['refused', /Connection refused|ECONNREFUSED/i],
  ['timeout', /timed out|ETIMEDOUT|Operation timed out/i],
  [
    'unreachable',
    /Name or service not known|Could not resolve host|Failed to resolve hostname|No route to host|Network is unreachable|Temporary failure in name resolution|nodename nor servname|No address associated|Host is unreachable/i,
  ],
  [
    'unsupported',
    /Invalid data found|unsupported codec|Unsupported codec|could not find codec|Decoder \(codec .*\) not found|Protocol not found|Unknown input format|Invalid argument|Could not find tag for codec|Cannot open video device|Inappropriate ioctl/i,
  ],
];

export interface FailureFacts {
  /** Redacted stderr (the whole tail is searched). */
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Live sources (network, USB) have no natural end; a clean exit there means the stream stopped. */
  live: boolean;
  /** Wall time from spawn to exit, and the I/O timeout the run had. */
  elapsedMs?: number;
  ioTimeoutMs?: number;
  framesIn?: number;
}

/**
 * ffmpeg's lines carry its internal context ("[tcp @ 0x55…] ") and the options it appended to the
 * URL ("?timeout=10000000"): noise for a shop owner reading why a camera is down.
 */
export function tidyFfmpegLine(line: string): string {
  return line
    .replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/i, '')
    .replace(/^\[(panic|fatal|error|warning|info|verbose|debug|trace)\]\s*/, '')
    .replace(/(tcp|udp|tls|http|rtsp):\/\/([^\s?]+)\?[^\s]*/gi, '$1://$2')
    .trim();
}

export function classifyFailure(f: FailureFacts): { reason: CaptureErrorReason; message: string } {
  const lines = f.stderr.split('\n').map((l) => tidyFfmpegLine(l.trim())).filter(Boolean);
  for (const [reason, re] of PATTERNS) {
    const line = lines.find((l) => re.test(l));
    if (!line) continue;
    // An RTSP server that accepts the TCP connection but never answers (a frozen camera) makes
    // ffmpeg 5 give up after its I/O timeout with "Invalid data found when processing input":
    // that is a timeout, not a bad stream.
    if (
      reason === 'unsupported' &&
      f.live &&
      !f.framesIn &&
      f.elapsedMs !== undefined &&
      f.ioTimeoutMs !== undefined &&
      f.elapsedMs >= f.ioTimeoutMs * 0.9
    ) {
      return { reason: 'timeout', message: `no answer within ${Math.round(f.ioTimeoutMs / 1000)} s (${line})` };
    }
    return { reason, message: line };
  }
  if (f.signal) return { reason: 'crashed', message: `ffmpeg was killed by ${f.signal}` };
  if (f.code === 0) {
    return { reason: 'ended', message: f.live ? 'the stream ended' : 'end of file' };
  }
  const last = lines.at(-1);
  return { reason: 'crashed', message: `ffmpeg exited with code ${f.code ?? 'unknown'}${last ? `: ${last}` : ''}` };
}
