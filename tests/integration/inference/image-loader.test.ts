import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg } from '../../../src/engine/capture/ffmpeg-path';
import { loadImageRgb, parsePpmHeader } from '../../../src/engine/inference/image-loader';
import { media, requireAssets } from './assets';

let dir: string;
beforeAll(() => {
  requireAssets(media('person.jpg'), media('basketball1.png'));
  dir = mkdtempSync(join(tmpdir(), 'footfall-image-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadImageRgb', () => {
  it.each([
    ['person.jpg', 640, 424],
    ['basketball1.png', 640, 480],
    ['messi5.jpg', 548, 342],
  ])('decodes %s to %i×%i RGB24', async (name, w, h) => {
    const img = await loadImageRgb(media(name));
    expect([img.width, img.height, img.data.length]).toEqual([w, h, w * h * 3]);
    // A real photo is not one flat colour.
    expect(new Set(img.data.subarray(0, 30_000)).size).toBeGreaterThan(50);
  });

  it('returns exact pixels (a 2×2 PNG written by ffmpeg from known RGB)', async () => {
    const raw = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]);
    const png = join(dir, 'known.png');
    const made = spawnSync(resolveFfmpeg().path, ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', '2x2', '-i', 'pipe:0', png], {
      input: raw,
    });
    expect(made.status).toBe(0);
    const img = await loadImageRgb(png);
    expect([img.width, img.height]).toEqual([2, 2]);
    expect([...img.data]).toEqual([...raw]);
  });

  it('treats odd file names as files, not options or protocols', async () => {
    const odd = join(dir, '-i pipe:0.jpg');
    copyFileSync(media('person.jpg'), odd);
    const img = await loadImageRgb(odd);
    expect(img.width).toBe(640);
  });

  it('missing file → IMAGE_NOT_FOUND', async () => {
    await expect(loadImageRgb(join(dir, 'nope.jpg'))).rejects.toMatchObject({ code: 'IMAGE_NOT_FOUND' });
  });

  it('a folder → IMAGE_NOT_FOUND', async () => {
    await expect(loadImageRgb(dir)).rejects.toMatchObject({ code: 'IMAGE_NOT_FOUND', message: expect.stringMatching(/not a file/) });
  });

  it.each([
    ['text named .jpg', 'fake.jpg', Buffer.from('not an image at all\n')],
    ['empty file', 'empty.png', Buffer.alloc(0)],
    ['truncated JPEG header', 'cut.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00])],
  ])('%s → IMAGE_INVALID', async (_name, file, bytes) => {
    const p = join(dir, file);
    writeFileSync(p, bytes);
    await expect(loadImageRgb(p)).rejects.toMatchObject({ code: 'IMAGE_INVALID', message: expect.stringContaining(p) });
  });

  it('a decoder that runs too long is killed → IMAGE_INVALID', async () => {
    await expect(loadImageRgb(media('person.jpg'), { timeoutMs: 1 })).rejects.toMatchObject({
      code: 'IMAGE_INVALID',
      message: expect.stringMatching(/did not finish within 1 ms/),
    });
  });

  it('an image over the byte limit → IMAGE_INVALID', async () => {
    await expect(loadImageRgb(media('person.jpg'), { maxBytes: 1000 })).rejects.toMatchObject({ code: 'IMAGE_INVALID' });
  });
});

describe('parsePpmHeader', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  it.each<[string, string, ReturnType<typeof parsePpmHeader>]>([
    ['ffmpeg style', 'P6\n640 424\n255\nXXX', { width: 640, height: 424, dataOffset: 15 }],
    ['comments and tabs', 'P6 # made by hand\n2\t3 # size\n255 ', { width: 2, height: 3, dataOffset: 33 }],
    ['P3 (ASCII) refused', 'P3\n2 2\n255\n', undefined],
    ['16-bit refused', 'P6\n2 2\n65535\n', undefined],
    ['truncated', 'P6\n640 42', undefined],
    ['zero width', 'P6\n0 2\n255\n', undefined],
    ['garbage', 'hello', undefined],
  ])('%s', (_name, text, want) => {
    expect(parsePpmHeader(enc(text))).toEqual(want);
  });
});
