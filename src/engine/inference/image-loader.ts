import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { resolveFfmpeg } from '../capture/ffmpeg-path';
import type { RgbFrame } from '../vision/detections';
import { InferenceError } from './errors';

export interface LoadImageOptions {
  /** Kill ffmpeg after this long; a stuck decoder must not hang `detect --image`. */
  timeoutMs?: number;
  /** Refuse decoded images above this many bytes (a 16k×16k image is 768 MB of RGB). */
  maxBytes?: number;
  ffmpegPath?: string;
}

interface PpmHeader {
  width: number;
  height: number;
  dataOffset: number;
}

/** P6 header: magic, width, height, maxval, separated by whitespace, `#` comments allowed. */
export function parsePpmHeader(buf: Uint8Array): PpmHeader | undefined {
  if (buf.length < 2 || buf[0] !== 0x50 || buf[1] !== 0x36) return undefined;
  let pos = 2;
  const fields: number[] = [];
  while (fields.length < 3) {
    if (pos >= buf.length) return undefined;
    const c = buf[pos]!;
    if (c === 0x23) {
      while (pos < buf.length && buf[pos] !== 0x0a) pos++;
      continue;
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      pos++;
      continue;
    }
    let value = 0;
    let digits = 0;
    while (pos < buf.length && buf[pos]! >= 0x30 && buf[pos]! <= 0x39 && digits < 9) {
      value = value * 10 + (buf[pos]! - 0x30);
      pos++;
      digits++;
    }
    if (digits === 0 || pos >= buf.length) return undefined;
    fields.push(value);
  }
  // Exactly one whitespace byte separates maxval from the pixels.
  const [width, height, maxval] = fields as [number, number, number];
  if (width < 1 || height < 1 || maxval !== 255) return undefined;
  return { width, height, dataOffset: pos + 1 };
}

/**
 * Decodes the first frame of any image ffmpeg reads (jpg, png, bmp, webp…) into RGB24. ffmpeg
 * writes a PPM to stdout, whose header carries the size, so one process gives size and pixels
 * without a separate probe. The path is passed as `file:` so names that look like protocols or
 * options are never interpreted.
 */
export async function loadImageRgb(file: string, opts: LoadImageOptions = {}): Promise<RgbFrame> {
  const path = resolve(file);
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new InferenceError('IMAGE_NOT_FOUND', `Image ${file} is not a file`);
  } catch (err) {
    if (err instanceof InferenceError) throw err;
    throw new InferenceError('IMAGE_NOT_FOUND', `Image ${file} not found`, { cause: err });
  }
  const ffmpeg = opts.ffmpegPath ?? resolveFfmpeg().path;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxBytes = opts.maxBytes ?? 768 * 1024 * 1024;
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-i', `file:${path}`, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'ppm', '-pix_fmt', 'rgb24', 'pipe:1'];

  const { stdout, stderr, code, failure } = await new Promise<{ stdout: Buffer; stderr: string; code: number | null; failure?: string }>((done) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const chunks: Buffer[] = [];
    let size = 0;
    let err = '';
    let failure: string | undefined;
    const timer = setTimeout(() => {
      failure = `ffmpeg did not finish within ${timeoutMs} ms`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        failure = `decoded image exceeds ${maxBytes} bytes`;
        child.kill('SIGKILL');
        return;
      }
      chunks.push(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      // Keep the tail only: the last lines say why decoding failed.
      err = (err + c.toString('utf8')).slice(-4000);
    });
    child.on('error', (e) => {
      failure = `cannot run ffmpeg (${ffmpeg}): ${e.message}`;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ stdout: Buffer.concat(chunks), stderr: err, code, failure });
    });
  });

  const invalid = (why: string): never => {
    throw new InferenceError('IMAGE_INVALID', `Image ${file} could not be decoded: ${why}`);
  };
  if (failure) invalid(failure);
  const lastLine = stderr.trim().split('\n').pop()?.trim();
  if (code !== 0) invalid(lastLine || `ffmpeg exited with code ${code}`);
  const header = parsePpmHeader(stdout);
  if (!header) invalid(lastLine || 'ffmpeg produced no image');
  const { width, height, dataOffset } = header!;
  const bytes = width * height * 3;
  if (stdout.length - dataOffset < bytes) invalid(`ffmpeg produced ${stdout.length - dataOffset} of ${bytes} pixel bytes`);
  // Copy out of the (possibly pooled) Buffer so the frame owns exactly its pixels.
  const data = new Uint8Array(bytes);
  data.set(stdout.subarray(dataOffset, dataOffset + bytes));
  return { width, height, data, index: 0, timeS: 0 };
}
