import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSource, parseSourceUrl, SourceError, type CameraSource, type SourceKind } from './source';

const dir = mkdtempSync(join(tmpdir(), 'footfall-source-'));
const video = join(dir, 'shop.mp4');
writeFileSync(video, 'x');

function codeOf(input: string, hint?: SourceKind): string {
  try {
    parseSourceUrl(input, hint, { cwd: dir });
  } catch (e) {
    if (e instanceof SourceError) return e.code;
    throw e;
  }
  return 'ok';
}

describe('parseSourceUrl: accepted', () => {
  it.each<[string, SourceKind | undefined, CameraSource]>([
    ['rtsp://admin:pw@192.168.1.10:554/stream1', undefined, { kind: 'rtsp', url: 'rtsp://admin:pw@192.168.1.10:554/stream1' }],
    ['  RTSPS://cam.local/live  ', undefined, { kind: 'rtsp', url: 'RTSPS://cam.local/live' }],
    ['http://10.0.0.2/video.mjpg', undefined, { kind: 'http_mjpeg', url: 'http://10.0.0.2/video.mjpg' }],
    ['https://cam/mjpg?token=x', 'http_mjpeg', { kind: 'http_mjpeg', url: 'https://cam/mjpg?token=x' }],
    ['rtsp://h/cam', 'rtsp', { kind: 'rtsp', url: 'rtsp://h/cam' }],
    ['/dev/video0', undefined, { kind: 'usb', device: '/dev/video0', platform: 'linux' }],
    ['/dev/video12', 'usb', { kind: 'usb', device: '/dev/video12', platform: 'linux' }],
    ['/dev/v4l/by-id/usb-046d_HD_Pro_Webcam_C920-video-index0', 'usb', { kind: 'usb', device: '/dev/v4l/by-id/usb-046d_HD_Pro_Webcam_C920-video-index0', platform: 'linux' }],
    ['video=Integrated Camera', undefined, { kind: 'usb', device: 'video=Integrated Camera', platform: 'win32' }],
    ['0', undefined, { kind: 'usb', device: '0' }],
    ['1:none', undefined, { kind: 'usb', device: '1' }],
    ['FaceTime HD Camera', 'usb', { kind: 'usb', device: 'FaceTime HD Camera' }],
    [video, 'file', { kind: 'file', path: video }],
    ['shop.mp4', 'file', { kind: 'file', path: video }],
  ])('%s (hint %s)', (input, hint, expected) => {
    expect(parseSourceUrl(input, hint, { cwd: dir })).toEqual(expected);
  });
});

describe('parseSourceUrl: refused', () => {
  it.each<[string, SourceKind | undefined, string]>([
    ['file:///etc/passwd', undefined, 'UNSUPPORTED_SCHEME'],
    ['concat:/a.mp4|/b.mp4', undefined, 'UNSUPPORTED_SCHEME'],
    ['pipe:0', undefined, 'UNSUPPORTED_SCHEME'],
    ['data:video/mp4;base64,AAAA', undefined, 'UNSUPPORTED_SCHEME'],
    ['subfile:,start,0,end,100,:/etc/passwd', undefined, 'UNSUPPORTED_SCHEME'],
    ['tcp://127.0.0.1:9000', undefined, 'UNSUPPORTED_SCHEME'],
    ['udp://0.0.0.0:1234', undefined, 'UNSUPPORTED_SCHEME'],
    ['rtmp://h/live', undefined, 'UNSUPPORTED_SCHEME'],
    ['ftp://h/x.mp4', undefined, 'UNSUPPORTED_SCHEME'],
    ['crypto:file:x', undefined, 'UNSUPPORTED_SCHEME'],
    // even a file chosen explicitly must be a plain path, never a protocol URL
    ['file:///etc/passwd', 'file', 'UNSUPPORTED_SCHEME'],
    ['concat:a|b', 'file', 'UNSUPPORTED_SCHEME'],
    ['pipe:0', 'file', 'UNSUPPORTED_SCHEME'],
    ['file:' + video, 'file', 'UNSUPPORTED_SCHEME'],
    ['tcp://h:1', 'usb', 'UNSUPPORTED_SCHEME'],
    // a plain path needs the explicit kind
    [video, undefined, 'INVALID_SOURCE'],
    ['./shop.mp4', undefined, 'INVALID_SOURCE'],
    ['/etc/passwd', 'usb', 'INVALID_SOURCE'],
    ['-', 'file', 'INVALID_SOURCE'],
    [dir, 'file', 'INVALID_SOURCE'],
    ['missing.mp4', 'file', 'FILE_NOT_FOUND'],
    ['', undefined, 'INVALID_SOURCE'],
    ['rtsp://', undefined, 'INVALID_SOURCE'],
    ['rtsp://h/cam\n-i /etc/passwd', undefined, 'INVALID_SOURCE'],
    ['rtsp://h/my cam', undefined, 'INVALID_SOURCE'],
    ['rtsp://h/cam', 'http_mjpeg', 'KIND_MISMATCH'],
    ['http://h/x', 'rtsp', 'KIND_MISMATCH'],
    ['/dev/video0', 'rtsp', 'INVALID_SOURCE'],
  ])('%s (hint %s) → %s', (input, hint, code) => {
    expect(codeOf(input, hint)).toBe(code);
  });

  it('never puts the password in its error message', () => {
    expect(() => parseSourceUrl('rtsp://admin:hunter2@h/my cam')).toThrow(/rtsp:\/\/\*\*\*@h\/my cam/);
    try {
      parseSourceUrl('rtsp://admin:hunter2@h/my cam');
    } catch (e) {
      expect(String((e as Error).message)).not.toContain('hunter2');
    }
  });
});

describe('describeSource', () => {
  it('redacts network URLs', () => {
    expect(describeSource({ kind: 'rtsp', url: 'rtsp://a:b@h/cam' })).toBe('rtsp://***@h/cam');
    expect(describeSource({ kind: 'usb', device: '/dev/video0' })).toBe('/dev/video0');
  });
});
