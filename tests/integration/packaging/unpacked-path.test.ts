import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unpackedPath } from '../../../src/engine/paths';

const dir = mkdtempSync(join(tmpdir(), 'footfall-asar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('unpackedPath', () => {
  it('maps a file inside app.asar to its unpacked copy when electron-builder unpacked it', () => {
    mkdirSync(join(dir, 'app.asar.unpacked', 'node_modules', 'ffmpeg-static'), { recursive: true });
    writeFileSync(join(dir, 'app.asar.unpacked', 'node_modules', 'ffmpeg-static', 'ffmpeg'), '');
    expect(unpackedPath(join(dir, 'app.asar', 'node_modules', 'ffmpeg-static', 'ffmpeg'))).toBe(join(dir, 'app.asar.unpacked', 'node_modules', 'ffmpeg-static', 'ffmpeg'));
  });

  it('leaves a path alone when there is no unpacked copy, or no asar in it', () => {
    expect(unpackedPath(join(dir, 'app.asar', 'resources', 'models', 'yolov8n.onnx'))).toBe(join(dir, 'app.asar', 'resources', 'models', 'yolov8n.onnx'));
    expect(unpackedPath('/usr/bin/ffmpeg')).toBe('/usr/bin/ffmpeg');
  });
});
