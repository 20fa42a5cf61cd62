/**
 * The camera form's requests against a real engine (issue 12): `cameras:frame` reads one real
 * picture of a recording (stored camera or typed path) in the camera's own size and answers a
 * missing file or a refused address with a reason, never a throw; `recordings:list` lists only
 * the video files directly in the recordings folder beside the database; `cameras:status` says
 * each camera's state and the model it counts with, running or not.
 */
import { copyFileSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPath } from '../../../src/engine/paths';
import { openTestEngine, VTEST, vtestCamera, type TestEngine } from './helpers';

const ready = existsSync(VTEST) && existsSync(defaultModelPath());

function decode(dataUrl: string): { width: number; height: number; data: Uint8Array } {
  const b64 = dataUrl.replace(/^data:image\/jpeg;base64,/, '');
  return jpeg.decode(Buffer.from(b64, 'base64'), { useTArray: true });
}

describe.skipIf(!ready)('camera form requests (real engine, real ffmpeg)', () => {
  let t: TestEngine;

  beforeAll(async () => {
    t = await openTestEngine();
  });
  afterAll(async () => {
    await t.engine.close();
  });

  it('reads a real picture of a typed recording and of a stored camera, in the camera’s own size', async () => {
    const typed = await t.ok('cameras:frame', { url: VTEST, sourceKind: 'file', maxWidth: 640 });
    expect(typed).toMatchObject({ ok: true, reason: null, width: 768, height: 576, from: 'still' });
    const picture = decode(typed.jpegDataUrl!);
    expect([picture.width, picture.height]).toEqual([640, 480]);
    // A real frame of the street, not a grey pad or a black screen.
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < picture.data.length; i += 4) {
      sum += picture.data[i]!;
      sumSq += picture.data[i]! ** 2;
    }
    const n = picture.data.length / 4;
    expect(Math.sqrt(sumSq / n - (sum / n) ** 2)).toBeGreaterThan(20);

    await t.ok('cameras:add', { ...vtestCamera('plaza', { processFps: 2 }), enabled: false });
    const stored = await t.ok('cameras:frame', { cameraId: 'plaza' });
    expect(stored).toMatchObject({ ok: true, width: 768, height: 576, from: 'still' });
    expect(decode(stored.jpegDataUrl!).width).toBe(768);
  });

  it('answers a missing file and a refused address with a reason, not an error', async () => {
    const missing = await t.ok('cameras:frame', { url: join(t.dir, 'nope.mp4'), sourceKind: 'file' });
    expect(missing).toMatchObject({ ok: false, reason: 'not_found', jpegDataUrl: null, width: null });
    const refused = await t.ok('cameras:frame', { url: 'rtsp://127.0.0.1:9/cam', timeoutMs: 5000 });
    expect(refused.ok).toBe(false);
    expect(['refused', 'unreachable', 'timeout']).toContain(refused.reason);
    expect((await t.call('cameras:frame', { cameraId: 'no-such-camera' })).ok).toBe(false);
    expect((await t.call('cameras:frame', {})).ok).toBe(false);
  });

  it('lists only the video files directly in the recordings folder', async () => {
    expect(await t.ok('recordings:list', {})).toEqual({ folder: join(t.dir, 'recordings'), exists: false, files: [], truncated: false });
    const folder = join(t.dir, 'recordings');
    mkdirSync(join(folder, 'old'), { recursive: true });
    copyFileSync(VTEST, join(folder, 'door.avi'));
    writeFileSync(join(folder, 'till.MP4'), 'x');
    writeFileSync(join(folder, 'notes.txt'), 'x');
    writeFileSync(join(folder, '.hidden.mp4'), 'x');
    writeFileSync(join(folder, 'old', 'deep.mp4'), 'x');
    symlinkSync('/etc/hostname', join(folder, 'link.mp4'));
    const list = await t.ok('recordings:list', {});
    expect(list.exists).toBe(true);
    expect(list.files.map((f) => f.name)).toEqual(['door.avi', 'till.MP4']);
    expect(list.files[0]).toMatchObject({ path: join(folder, 'door.avi'), sizeBytes: 8131690 });
  });

  it('says each camera’s state and the model it counts with, running or not', async () => {
    await t.ok('cameras:setEnabled', { cameraId: 'plaza', enabled: true });
    await t.health.waitFor('plaza', 'live', 60_000);
    let status = await t.ok('cameras:status', {});
    for (let i = 0; i < 100 && !status.find((s) => s.cameraId === 'plaza')?.running; i++) {
      await new Promise((r) => setTimeout(r, 200));
      status = await t.ok('cameras:status', {});
    }
    const plaza = status.find((s) => s.cameraId === 'plaza')!;
    expect(plaza.health.state).toBe('live');
    expect(plaza.running?.versionNumber).toMatch(/^\d+\.\d+\.\d+$/);
    expect(plaza.chosen).toEqual({ modelId: plaza.running!.modelId, versionNumber: plaza.running!.versionNumber, how: 'site' });
    await t.ok('cameras:setEnabled', { cameraId: 'plaza', enabled: false });
    const stopped = (await t.ok('cameras:status', {})).find((s) => s.cameraId === 'plaza')!;
    expect(stopped).toMatchObject({ running: null, health: { state: 'stopped', reason: 'disabled' }, chosen: { how: 'site' } });
  });
});
