import { describe, expect, it } from 'vitest';
import { buildFfmpegArgs, buildVideoFilter, type FfmpegArgsOptions } from './ffmpeg-args';

const head = ['-hide_banner', '-nostats', '-loglevel', 'error'];
const LB = 'fps=5,scale=384:288:force_original_aspect_ratio=decrease,format=rgb24,pad=384:288:(ow-iw)/2:(oh-ih)/2:color=0x727272';
const tail = ['-an', '-sn', '-dn', '-vf', LB, '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1'];
const live = ['-fflags', 'nobuffer', '-flags', 'low_delay'];
const probe = ['-fpsprobesize', '0', '-analyzeduration', '2000000'];
const out = { width: 384, height: 288, fps: 5 };

describe('buildFfmpegArgs', () => {
  it.each<[string, FfmpegArgsOptions, string[]]>([
    ['file, as fast as possible', { ...out, source: { kind: 'file', path: '/v/a.avi' } }, ['-i', 'file:/v/a.avi']],
    ['file, realtime + loop', { ...out, source: { kind: 'file', path: '/v/a.avi', realtime: true, loop: true } }, ['-re', '-stream_loop', '-1', '-i', 'file:/v/a.avi']],
    // a path that looks like a protocol stays a file
    ['file named like a protocol', { ...out, source: { kind: 'file', path: 'concat:x|y' } }, ['-i', 'file:concat:x|y']],
    [
      'rtsp default tcp, 10 s timeout',
      { ...out, source: { kind: 'rtsp', url: 'rtsp://h/cam' } },
      ['-rtsp_transport', 'tcp', '-timeout', '10000000', '-allowed_media_types', 'video', ...probe, ...live, '-i', 'rtsp://h/cam'],
    ],
    [
      'rtsp udp, 3 s timeout',
      { ...out, ioTimeoutMs: 3000, source: { kind: 'rtsp', url: 'rtsp://h/cam', transport: 'udp' } },
      ['-rtsp_transport', 'udp', '-timeout', '3000000', '-allowed_media_types', 'video', ...probe, ...live, '-i', 'rtsp://h/cam'],
    ],
    [
      'http mjpeg auto format',
      { ...out, source: { kind: 'http_mjpeg', url: 'http://h/s.mjpg' } },
      ['-reconnect', '0', '-rw_timeout', '10000000', ...probe, ...live, '-i', 'http://h/s.mjpg'],
    ],
    [
      'http mjpeg forced mpjpeg',
      { ...out, httpFormat: 'mpjpeg', source: { kind: 'http_mjpeg', url: 'http://h/s.mjpg' } },
      ['-reconnect', '0', '-rw_timeout', '10000000', ...probe, ...live, '-f', 'mpjpeg', '-i', 'http://h/s.mjpg'],
    ],
    ['usb linux', { ...out, source: { kind: 'usb', device: '/dev/video0', platform: 'linux' } }, [...live, '-f', 'v4l2', '-i', '/dev/video0']],
    [
      'usb linux index with hints',
      { ...out, usb: { width: 1280, height: 720, framerate: 30, inputFormat: 'mjpeg' }, source: { kind: 'usb', device: '2' } },
      [...live, '-f', 'v4l2', '-framerate', '30', '-video_size', '1280x720', '-input_format', 'mjpeg', '-i', '/dev/video2'],
    ],
    [
      'usb windows dshow',
      { ...out, usb: { framerate: 30 }, source: { kind: 'usb', device: 'video=Integrated Camera', platform: 'win32' } },
      [...live, '-f', 'dshow', '-rtbufsize', '64M', '-framerate', '30', '-i', 'video=Integrated Camera'],
    ],
    [
      'usb windows bare name via options.platform',
      { ...out, platform: 'win32', source: { kind: 'usb', device: 'USB Camera' } },
      [...live, '-f', 'dshow', '-rtbufsize', '64M', '-i', 'video=USB Camera'],
    ],
    [
      'usb mac avfoundation index',
      { ...out, source: { kind: 'usb', device: '0', platform: 'darwin' } },
      [...live, '-f', 'avfoundation', '-framerate', '30', '-i', '0:none'],
    ],
    [
      'usb mac by name and size',
      { ...out, usb: { width: 640, height: 480, framerate: 15 }, source: { kind: 'usb', device: 'FaceTime HD Camera', platform: 'darwin' } },
      [...live, '-f', 'avfoundation', '-framerate', '15', '-video_size', '640x480', '-i', 'FaceTime HD Camera'],
    ],
  ])('%s', (_name, options, input) => {
    expect(buildFfmpegArgs(options)).toEqual([...head, ...input, ...tail]);
  });

  it('stretches instead of letterboxing when asked', () => {
    const args = buildFfmpegArgs({ ...out, letterbox: false, source: { kind: 'file', path: '/a' } });
    expect(args[args.indexOf('-vf') + 1]).toBe('fps=5,scale=384:288');
  });

  it('never emits -progress or a shell string', () => {
    const args = buildFfmpegArgs({ ...out, source: { kind: 'rtsp', url: 'rtsp://h/c; rm -rf /' } });
    expect(args).not.toContain('-progress');
    expect(args).toContain('rtsp://h/c; rm -rf /'); // one argv element, never interpreted
  });

  it.each([
    [0, 288, 5],
    [384, -1, 5],
    [384.5, 288, 5],
    [384, 288, 0],
    [384, 288, Number.NaN],
  ])('refuses size/fps %s x %s @ %s', (w, h, fps) => {
    expect(() => buildVideoFilter(w, h, fps)).toThrow(RangeError);
  });
});
