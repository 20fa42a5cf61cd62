import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listUsbDevices, parseAvfoundationDevices, parseDshowDevices, parseV4l2Formats } from './device-list';

// Output layouts of ffmpeg's device listings (libavdevice v4l2.c, dshow.c, avfoundation.m).
const V4L2_C920 = `[video4linux2,v4l2 @ 0x55d0c1a8b840] Raw       :     yuyv422 :           YUYV 4:2:2 : 640x480 160x90 160x120 176x144 320x180 320x240 352x288 432x240 640x360 800x448 800x600 864x480 960x720 1024x576 1280x720 1600x896 1920x1080 2304x1296 2304x1536
[video4linux2,v4l2 @ 0x55d0c1a8b840] Compressed:       mjpeg :          Motion-JPEG : 640x480 160x90 160x120 176x144 320x180 320x240 352x288 432x240 640x360 800x448 800x600 864x480 960x720 1024x576 1280x720 1600x896 1920x1080
[video4linux2,v4l2 @ 0x55d0c1a8b840] Compressed:        h264 :                H.264 : 640x480 160x90 1920x1080
/dev/video0: Immediate exit requested
`;
const V4L2_STEPWISE = `[video4linux2,v4l2 @ 0x5612] Raw       :        nv12 :         Y/CbCr 4:2:0 : {32-4096, 2}x{32-2304, 2}
[video4linux2,v4l2 @ 0x5612] Raw       :     yuv420p :     Planar YUV 4:2:0 : Emulated : {32-4096, 2}x{32-2304, 2}
[video4linux2,v4l2 @ 0x5612] Compressed: Unsupported :                 HEVC : 1280x800
`;
const V4L2_METADATA_NODE = `[video4linux2,v4l2 @ 0x55a] ioctl(VIDIOC_G_INPUT): Inappropriate ioctl for device
/dev/video1: Inappropriate ioctl for device
`;

const DSHOW_OLD = `[dshow @ 000001c7e0d2e2c0] DirectShow video devices (some may be both video and audio devices)
[dshow @ 000001c7e0d2e2c0]  "Integrated Camera"
[dshow @ 000001c7e0d2e2c0]     Alternative name "@device_pnp_\\\\?\\usb#vid_04f2&pid_b6d9&mi_00#6&2b1f3a9b&0&0000#{65e8773d-8f56-11d0-a3b9-00a0c9223196}\\global"
[dshow @ 000001c7e0d2e2c0]  "OBS Virtual Camera"
[dshow @ 000001c7e0d2e2c0]     Alternative name "@device_sw_{860BB310-5D01-11D0-BD3B-00A0C911CE86}\\{A3FCE0F5-3493-419F-958A-ABA1250EC20B}"
[dshow @ 000001c7e0d2e2c0] DirectShow audio devices
[dshow @ 000001c7e0d2e2c0]  "Microphone Array (Realtek(R) Audio)"
[dshow @ 000001c7e0d2e2c0]     Alternative name "@device_cm_{33D9A762-90C8-11D0-BD43-00A0C911CE86}\\wave_{0E1A3D5A-6B0C-4F59-9B47-7D1E4F1E9C1A}"
dummy: Immediate exit requested
`;
const DSHOW_NEW = `[dshow @ 0000020f8d3e5f40] "USB2.0 HD UVC WebCam" (video)
[dshow @ 0000020f8d3e5f40]   Alternative name "@device_pnp_\\\\?\\usb#vid_13d3&pid_56a2&mi_00#6&1a2b3c4d&0&0000#{65e8773d-8f56-11d0-a3b9-00a0c9223196}\\global"
[dshow @ 0000020f8d3e5f40] "USB Camera" (video)
[dshow @ 0000020f8d3e5f40]   Alternative name "@device_pnp_\\\\?\\usb#vid_0c45&pid_6366&mi_00#7&aaa&0&0000#{65e8773d-8f56-11d0-a3b9-00a0c9223196}\\global"
[dshow @ 0000020f8d3e5f40] "USB Camera" (video)
[dshow @ 0000020f8d3e5f40]   Alternative name "@device_pnp_\\\\?\\usb#vid_0c45&pid_6366&mi_00#7&bbb&0&0000#{65e8773d-8f56-11d0-a3b9-00a0c9223196}\\global"
[dshow @ 0000020f8d3e5f40] "Microphone (Realtek(R) Audio)" (audio)
[dshow @ 0000020f8d3e5f40]   Alternative name "@device_cm_{33D9A762-90C8-11D0-BD43-00A0C911CE86}\\wave_{1}"
[dshow @ 0000020f8d3e5f40] "Some Capture Card" (audio, video)
[dshow @ 0000020f8d3e5f40] "Virtual Thing" (none)
dummy: Immediate exit requested
`;

const AVFOUNDATION = `[AVFoundation indev @ 0x7fb8f2c04a40] AVFoundation video devices:
[AVFoundation indev @ 0x7fb8f2c04a40] [0] FaceTime HD Camera
[AVFoundation indev @ 0x7fb8f2c04a40] [1] Logitech BRIO
[AVFoundation indev @ 0x7fb8f2c04a40] [2] Capture screen 0
[AVFoundation indev @ 0x7fb8f2c04a40] AVFoundation audio devices:
[AVFoundation indev @ 0x7fb8f2c04a40] [0] MacBook Pro Microphone
[AVFoundation indev @ 0x7fb8f2c04a40] [1] Logitech BRIO
: Input/output error
`;
const AVFOUNDATION_OLD = `[AVFoundation input device @ 0x7f9c1a500000] AVFoundation video devices:
[AVFoundation input device @ 0x7f9c1a500000] [0] HD Pro Webcam C920
[AVFoundation input device @ 0x7f9c1a500000] AVFoundation audio devices:
[AVFoundation input device @ 0x7f9c1a500000] [0] Built-in Microphone
`;

describe('parseV4l2Formats', () => {
  it('reads raw and compressed formats with their sizes', () => {
    const f = parseV4l2Formats(V4L2_C920);
    expect(f.map((x) => [x.compressed, x.format, x.description])).toEqual([
      [false, 'yuyv422', 'YUYV 4:2:2'],
      [true, 'mjpeg', 'Motion-JPEG'],
      [true, 'h264', 'H.264'],
    ]);
    expect(f[0]!.sizes).toHaveLength(19);
    expect(f[0]!.sizes[0]).toBe('640x480');
    expect(f[1]!.sizes.at(-1)).toBe('1920x1080');
  });

  it('reads stepwise ranges, emulated and unsupported formats', () => {
    const f = parseV4l2Formats(V4L2_STEPWISE);
    expect(f.map((x) => [x.format, x.description, x.emulated, x.sizes])).toEqual([
      ['nv12', 'Y/CbCr 4:2:0', false, ['{32-4096, 2}x{32-2304, 2}']],
      ['yuv420p', 'Planar YUV 4:2:0', true, ['{32-4096, 2}x{32-2304, 2}']],
      ['Unsupported', 'HEVC', false, ['1280x800']],
    ]);
  });

  it('finds nothing on a metadata node or garbage', () => {
    expect(parseV4l2Formats(V4L2_METADATA_NODE)).toEqual([]);
    expect(parseV4l2Formats('')).toEqual([]);
  });
});

describe('parseDshowDevices', () => {
  it('reads the old sectioned layout, video devices only', () => {
    const d = parseDshowDevices(DSHOW_OLD);
    expect(d.map((x) => [x.device, x.name, x.platform])).toEqual([
      ['video=Integrated Camera', 'Integrated Camera', 'win32'],
      ['video=OBS Virtual Camera', 'OBS Virtual Camera', 'win32'],
    ]);
    expect(d[0]!.alternativeName).toMatch(/^@device_pnp_/);
  });

  it('reads the tagged layout and tells same-named cameras apart by moniker', () => {
    const d = parseDshowDevices(DSHOW_NEW);
    expect(d.map((x) => x.name)).toEqual(['USB2.0 HD UVC WebCam', 'USB Camera', 'USB Camera', 'Some Capture Card']);
    expect(d[0]!.device).toBe('video=USB2.0 HD UVC WebCam');
    expect(d[1]!.device).toMatch(/^video=@device_pnp_.*7&aaa/);
    expect(d[2]!.device).toMatch(/^video=@device_pnp_.*7&bbb/);
    expect(d[3]!.device).toBe('video=Some Capture Card');
  });
});

describe('parseAvfoundationDevices', () => {
  it('lists video devices by index, without screens or microphones', () => {
    expect(parseAvfoundationDevices(AVFOUNDATION)).toEqual([
      { device: '0', name: 'FaceTime HD Camera', platform: 'darwin' },
      { device: '1', name: 'Logitech BRIO', platform: 'darwin' },
    ]);
    expect(parseAvfoundationDevices(AVFOUNDATION_OLD)).toEqual([{ device: '0', name: 'HD Pro Webcam C920', platform: 'darwin' }]);
  });
});

describe('listUsbDevices', () => {
  it('returns [] cleanly on linux without V4L2 devices', async () => {
    expect(await listUsbDevices({ platform: 'linux' })).toEqual([]);
    const empty = mkdtempSync(join(tmpdir(), 'footfall-dev-'));
    expect(await listUsbDevices({ platform: 'linux', devDir: empty })).toEqual([]);
    expect(await listUsbDevices({ platform: 'linux', devDir: join(empty, 'missing') })).toEqual([]);
  });

  it('skips a videoN node that ffmpeg cannot list (not a capture device)', async () => {
    // /dev/null stands in for a node that is not a V4L2 device: ffmpeg runs and lists no format.
    const dir = mkdtempSync(join(tmpdir(), 'footfall-dev-'));
    const { symlinkSync } = await import('node:fs');
    symlinkSync('/dev/null', join(dir, 'video0'));
    expect(await listUsbDevices({ platform: 'linux', devDir: dir, timeoutMs: 10_000 })).toEqual([]);
  });
});
