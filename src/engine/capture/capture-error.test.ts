import { describe, expect, it } from 'vitest';
import { CaptureError, classifyFailure, tidyFfmpegLine, type CaptureErrorReason, type FailureFacts } from './capture-error';

// stderr lines as ffmpeg 5.1 prints them at -loglevel error (captured against the test servers)
const base: FailureFacts = { stderr: '', code: 1, signal: null, live: true };

describe('classifyFailure', () => {
  it.each<[string, Partial<FailureFacts>, CaptureErrorReason]>([
    [
      'rtsp wrong password',
      { stderr: '[rtsp @ 0x56] method DESCRIBE failed: 401 Unauthorized\nrtsp://***@127.0.0.1:36211/cam: Server returned 401 Unauthorized (authorization failed)' },
      'auth',
    ],
    ['http 403', { stderr: 'http://h/x: Server returned 403 Forbidden (access denied)' }, 'auth'],
    ['rtsp wrong path', { stderr: '[rtsp @ 0x55] method DESCRIBE failed: 404 Not Found\nrtsp://h/nope: Server returned 404 Not Found' }, 'not_found'],
    ['missing file', { stderr: 'file:/nope.avi: No such file or directory', live: false }, 'not_found'],
    ['refused', { stderr: '[tcp @ 0x55] Connection to tcp://127.0.0.1:1?timeout=3000000 failed: Connection refused\nrtsp://127.0.0.1:1/cam: Connection refused' }, 'refused'],
    ['stalled stream', { stderr: 'rtsp://127.0.0.1:33417/cam: Connection timed out', code: 0 }, 'timeout'],
    [
      'unknown host',
      { stderr: '[tcp @ 0x56] Failed to resolve hostname nonexistent.invalid: Name or service not known\nrtsp://nonexistent.invalid/cam: Input/output error' },
      'unreachable',
    ],
    ['no route', { stderr: 'Connection to tcp://10.9.9.9:554 failed: No route to host' }, 'unreachable'],
    ['not a video', { stderr: 'file:/work/package.json: Invalid data found when processing input', live: false }, 'unsupported'],
    ['bad codec', { stderr: 'Decoder (codec hevc) not found for input stream #0:0' }, 'unsupported'],
    // a frozen RTSP server answers nothing until the I/O timeout, then ffmpeg 5 says "Invalid data"
    ['frozen server', { stderr: 'rtsp://h/cam: Invalid data found when processing input', elapsedMs: 3200, ioTimeoutMs: 3000, framesIn: 0 }, 'timeout'],
    ['quick invalid data on a live source', { stderr: 'rtsp://h/cam: Invalid data found when processing input', elapsedMs: 200, ioTimeoutMs: 3000 }, 'unsupported'],
    ['end of file', { stderr: '', code: 0, live: false }, 'ended'],
    ['live stream closed by the server', { stderr: '', code: 0 }, 'ended'],
    ['killed', { stderr: '', code: null, signal: 'SIGKILL' }, 'crashed'],
    ['unknown failure', { stderr: 'something odd', code: 187 }, 'crashed'],
  ])('%s → %s', (_name, facts, reason) => {
    expect(classifyFailure({ ...base, ...facts }).reason).toBe(reason);
  });

  it('quotes the line that decided', () => {
    expect(classifyFailure({ ...base, stderr: 'a\nrtsp://h/cam: Connection refused\n' }).message).toBe('rtsp://h/cam: Connection refused');
  });
});

describe('tidyFfmpegLine and codes', () => {
  it.each([
    ['[tcp @ 0x55d1c2a0] Connection to tcp://127.0.0.1:1?timeout=10000000 failed: Connection refused', 'Connection to tcp://127.0.0.1:1 failed: Connection refused'],
    ['[rtsp @ 0x7f00aa] method DESCRIBE failed: 401 Unauthorized', 'method DESCRIBE failed: 401 Unauthorized'],
    ['file:/x/y.avi: No such file or directory', 'file:/x/y.avi: No such file or directory'],
  ])('%s', (raw, tidy) => {
    expect(tidyFfmpegLine(raw)).toBe(tidy);
  });

  it('classified messages are tidy and errors carry a stable code', () => {
    const r = classifyFailure({ stderr: '[tcp @ 0xabc] Connection to tcp://h:554?timeout=5 failed: Connection refused', code: 1, signal: null, live: true });
    expect(r).toEqual({ reason: 'refused', message: 'Connection to tcp://h:554 failed: Connection refused' });
    expect(new CaptureError('refused', r.message).code).toBe('SOURCE_REFUSED');
  });
});
