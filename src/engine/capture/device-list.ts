/**
 * USB camera discovery through ffmpeg's own device listing, so what we list is exactly what the
 * capture (the same ffmpeg) can open. The parsers are pure and tested against each platform's
 * output format; only listUsbDevices() runs processes.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveFfmpeg } from './ffmpeg-path';
import { registerFfmpegChild, stopProcess } from './process-control';

export interface UsbFormat {
  compressed: boolean;
  /** ffmpeg's pixel format or codec name (yuyv422, mjpeg, …; 'Unsupported' when ffmpeg has none). */
  format: string;
  description: string;
  /** "640x480", or a stepwise range such as "{32-4096, 2}x{32-2304, 2}". */
  sizes: string[];
  emulated: boolean;
}

export interface UsbDevice {
  /** The value for CameraSource { kind: 'usb', device }. */
  device: string;
  name: string;
  platform: NodeJS.Platform;
  /** dshow's unique moniker, used as the device when two cameras share a name. */
  alternativeName?: string;
  /** v4l2 only: capture formats the device offers. */
  formats?: UsbFormat[];
}

// "[dshow @ 000001c7e0d2e2c0] ", "[AVFoundation indev @ 0x7f…] ", "[video4linux2,v4l2 @ 0x55…] "
const LOG_PREFIX_RE = /^\[[^\]]* @ [^\]]*\]\s?/;

function contentLines(output: string): string[] {
  return output.split(/\r?\n/).map((l) => l.replace(LOG_PREFIX_RE, ''));
}

/** Parses `ffmpeg -f v4l2 -list_formats all -i /dev/videoN` output. */
export function parseV4l2Formats(output: string): UsbFormat[] {
  const out: UsbFormat[] = [];
  for (const line of contentLines(output)) {
    // "Raw       :     yuyv422 :           YUYV 4:2:2 : 640x480 320x240"
    // The description may contain colons ("4:2:2") but never " : ", which separates fields.
    const m = /^(Raw|Compressed)\s*:\s*(\S+)\s+:\s+(.+?)\s+:(.*)$/.exec(line.trim());
    if (!m) continue;
    let rest = m[4]!;
    const emulated = /^\s*Emulated\s*:/.test(rest);
    if (emulated) rest = rest.replace(/^\s*Emulated\s*:/, '');
    out.push({
      compressed: m[1] === 'Compressed',
      format: m[2]!,
      description: m[3]!.trim(),
      sizes: rest.match(/\{[^}]*\}x\{[^}]*\}|\d+x\d+/g) ?? [],
      emulated,
    });
  }
  return out;
}

/** Parses `ffmpeg -list_devices true -f dshow -i dummy` (old sectioned and ffmpeg ≥ 4.4 tagged layouts). */
export function parseDshowDevices(output: string): UsbDevice[] {
  const found: Array<{ name: string; alternativeName?: string; video: boolean }> = [];
  let section: 'video' | 'audio' | undefined;
  let last: (typeof found)[number] | undefined;
  for (const raw of contentLines(output)) {
    const line = raw.trim();
    if (/^DirectShow video devices/i.test(line)) section = 'video';
    else if (/^DirectShow audio devices/i.test(line)) section = 'audio';
    const alt = /^Alternative name\s+"(.+)"$/.exec(line);
    if (alt) {
      if (last) last.alternativeName = alt[1]!;
      continue;
    }
    // '"Integrated Camera" (video)' (new) or '"Integrated Camera"' under a section header (old).
    const dev = /^"(.+)"(?:\s+\(([^)]*)\))?$/.exec(line);
    if (!dev) continue;
    const types = dev[2];
    last = { name: dev[1]!, video: types !== undefined ? /\bvideo\b/.test(types) : section === 'video' };
    found.push(last);
  }
  const videos = found.filter((d) => d.video);
  return videos.map((d) => {
    const duplicate = videos.filter((o) => o.name === d.name).length > 1;
    const id = duplicate && d.alternativeName ? d.alternativeName : d.name;
    const device: UsbDevice = { device: `video=${id}`, name: d.name, platform: 'win32' };
    if (d.alternativeName) device.alternativeName = d.alternativeName;
    return device;
  });
}

/** Parses `ffmpeg -f avfoundation -list_devices true -i ""`; screen-capture entries are left out. */
export function parseAvfoundationDevices(output: string): UsbDevice[] {
  const out: UsbDevice[] = [];
  let inVideo = false;
  for (const raw of contentLines(output)) {
    const line = raw.trim();
    if (/^AVFoundation video devices:?/i.test(line)) {
      inVideo = true;
      continue;
    }
    if (/^AVFoundation audio devices:?/i.test(line)) {
      inVideo = false;
      continue;
    }
    const m = /^\[(\d+)\]\s+(.+)$/.exec(line);
    if (!m || !inVideo) continue;
    const name = m[2]!.trim();
    if (/^Capture screen \d+$/i.test(name)) continue;
    out.push({ device: m[1]!, name, platform: 'darwin' });
  }
  return out;
}

export interface ListUsbOptions {
  ffmpegPath?: string;
  platform?: NodeJS.Platform;
  /** Per ffmpeg run (a wedged driver must not hang discovery). */
  timeoutMs?: number;
  /** Linux: where to look for videoN nodes (tests point it elsewhere). */
  devDir?: string;
}

/** Runs ffmpeg with the given args and returns its stderr (listing output goes there). */
async function ffmpegListing(bin: string, args: string[], timeoutMs: number): Promise<string> {
  const child = spawn(bin, args, { stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
  registerFfmpegChild(child);
  let text = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    if (text.length < 256 * 1024) text += s;
  });
  const done = new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.once('error', () => resolve());
  });
  const timer = setTimeout(() => void stopProcess(child, { graceMs: 500 }), timeoutMs);
  await done;
  clearTimeout(timer);
  return text;
}

async function listV4l2(bin: () => string, o: ListUsbOptions): Promise<UsbDevice[]> {
  const dir = o.devDir ?? '/dev';
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /^video\d+$/.test(n));
  } catch {
    return [];
  }
  names.sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  const out: UsbDevice[] = [];
  for (const n of names) {
    const path = join(dir, n);
    const text = await ffmpegListing(bin(), ['-hide_banner', '-f', 'v4l2', '-list_formats', 'all', '-i', path], o.timeoutMs ?? 10_000);
    const formats = parseV4l2Formats(text);
    // UVC cameras expose a second, metadata-only node per camera: it lists no video format.
    if (formats.length === 0) continue;
    const name = await readFile(`/sys/class/video4linux/${n}/name`, 'utf8').then(
      (s) => s.trim(),
      () => n,
    );
    out.push({ device: path, name, platform: 'linux', formats });
  }
  return out;
}

/**
 * Lists USB cameras for the platform. Returns [] (never throws) when there are none or ffmpeg
 * cannot list them; throws only FfmpegNotFoundError when no ffmpeg exists and one is needed.
 */
export async function listUsbDevices(o: ListUsbOptions = {}): Promise<UsbDevice[]> {
  const platform = o.platform ?? process.platform;
  const bin = (): string => o.ffmpegPath ?? resolveFfmpeg().path;
  const timeoutMs = o.timeoutMs ?? 10_000;
  switch (platform) {
    case 'linux':
      return listV4l2(bin, o); // ffmpeg is looked for only when a videoN node exists
    case 'win32':
      return parseDshowDevices(await ffmpegListing(bin(), ['-hide_banner', '-list_devices', 'true', '-f', 'dshow', '-i', 'dummy'], timeoutMs));
    case 'darwin':
      return parseAvfoundationDevices(
        await ffmpegListing(bin(), ['-hide_banner', '-f', 'avfoundation', '-list_devices', 'true', '-i', ''], timeoutMs),
      );
    default:
      return [];
  }
}
