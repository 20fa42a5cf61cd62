/**
 * The Live view against the real engine with a recording playing as a camera (vtest.avi replayed
 * in real time, the default model): every picture on screen carries its frame stamp and the boxes
 * drawn on it are that frame's (checked against the `live:frame` events on the WebSocket), previews
 * come at the processed rate, today's counters rise, a line flashes when it counts, the model
 * version is shown, the larger view opens, and a tile says "stale" when its camera stops sending
 * and "offline" the moment the server goes away.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPath } from '../../src/engine/paths';
import { startServer } from '../../src/engine/server/server';
import type { Engine } from '../../src/engine/wiring/open-engine';
import type { RunningServer } from '../../src/engine/server/server';
import { dispatch } from '../../src/shared/dispatch';
import type { CameraDto, LiveFrameEvent, LivePreviewEvent } from '../../src/shared/dto';
import type { LaunchedBrowser } from './support/chromium';
import { watchPageProblems } from './support/page-problems';
import { rendererDir, root, startServedApp } from './support/served-app';
import { eventually } from './support/walk-pages';

const VTEST = join(root, 'tests', 'fixtures', 'media', 'vtest.avi');
const ready = existsSync(defaultModelPath()) && existsSync(VTEST);

interface Received {
  frames: Map<number, LiveFrameEvent>;
  previews: LivePreviewEvent[];
}

/** Every live:frame and live:preview event of `cameraId` the page receives on its WebSocket. */
function watchLiveEvents(page: Page, cameraId: string): Received {
  const got: Received = { frames: new Map(), previews: [] };
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : payload.toString('utf8');
      if (!text.includes(cameraId)) return;
      const { event, payload: p } = JSON.parse(text) as { event: string; payload: LiveFrameEvent & LivePreviewEvent };
      if (p.cameraId !== cameraId) return;
      if (event === 'live:frame') got.frames.set(p.frameIndex, p);
      if (event === 'live:preview') got.previews.push(p);
    });
  });
  return got;
}

async function canvasStamps(page: Page, tile: string): Promise<{ picture: number | null; boxesFrame: number | null; boxes: number }> {
  const canvas = page.getByRole('article', { name: tile }).locator('canvas');
  const [picture, boxesFrame, boxes] = await Promise.all([canvas.getAttribute('data-picture-frame'), canvas.getAttribute('data-boxes-frame'), canvas.getAttribute('data-boxes')]);
  return { picture: picture === null ? null : Number(picture), boxesFrame: boxesFrame === null ? null : Number(boxesFrame), boxes: Number(boxes ?? 0) };
}

describe.skipIf(!ready)('Live view with a recording playing as a camera (real engine, real Chromium)', () => {
  let engine: Engine;
  let server: RunningServer;
  let browser: LaunchedBrowser;
  let camera: CameraDto;

  beforeAll(async () => {
    const app = await startServedApp('footfall-e2e-live-');
    ({ engine, server, browser } = app);
    const added = await dispatch(
      engine.handlers,
      'cameras:add',
      { name: 'Plaza', sourceKind: 'file', url: VTEST, processFps: 5, lines: [{ name: 'road', x1: 600, y1: 150, x2: 600, y2: 450 }] },
      engine.access.ownerCaller(),
    );
    if (!added.ok) throw new Error(`cameras:add failed: ${added.error.message}`);
    camera = added.value as CameraDto;
    return () => app.close();
  });

  it('draws on each picture the boxes of that very frame, at the processed rate; counters rise and the line flashes', async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    const got = watchLiveEvents(page, camera.cameraId);
    await page.setViewportSize({ width: 1366, height: 860 });
    await page.goto(`${server.url}/#/live`);
    const tile = page.getByRole('article', { name: 'Plaza' });
    await tile.waitFor();
    await eventually(() => tile.locator('.badge').textContent(), (t) => expect(t).toBe('live'), 90_000);
    await eventually(() => canvasStamps(page, 'Plaza'), (s) => expect(s.picture).not.toBeNull(), 60_000);

    // Sample the screen: the picture's stamp and the boxes' stamp are one frame, and the boxes
    // drawn are exactly the ones the engine sent for that frame in its live:frame event.
    let checked = 0;
    let withPeople = 0;
    const startedAt = Date.now();
    const processedBefore = engine.cameras?.runtime(camera.cameraId)?.figures().processed ?? 0;
    const previewsBefore = got.previews.length;
    while (Date.now() - startedAt < 8000) {
      const s = await canvasStamps(page, 'Plaza');
      expect(s.boxesFrame).toBe(s.picture);
      const sent = s.picture === null ? undefined : got.previews.find((p) => p.frameIndex === s.picture);
      expect(sent, `the preview of frame ${s.picture} came over the socket`).toBeDefined();
      expect(sent?.boxes?.length).toBe(s.boxes);
      const frameEvent = got.frames.get(s.picture ?? -1);
      if (frameEvent) expect(frameEvent.boxes).toEqual(sent?.boxes);
      checked++;
      if (s.boxes > 0) withPeople++;
      await page.waitForTimeout(150);
    }
    const seconds = (Date.now() - startedAt) / 1000;
    const previews = got.previews.length - previewsBefore;
    const processed = (engine.cameras?.runtime(camera.cameraId)?.figures().processed ?? 0) - processedBefore;
    const cost = engine.cameras?.runtime(camera.cameraId)?.figures().preview;
    console.log(
      `live view: ${checked} screen samples (${withPeople} with people), ${(previews / seconds).toFixed(1)} previews/s for ${(processed / seconds).toFixed(1)} processed frames/s; ` +
        `preview cost: downscale ${cost?.downscaleMs} ms, JPEG ${cost?.encodeMs} ms, ${cost?.meanChars} chars, ${cost?.skipped} skipped`,
    );
    expect(withPeople).toBeGreaterThan(0);
    // One preview per processed frame up to 5 a second (the slower of the two rates on this machine).
    expect(previews).toBeGreaterThanOrEqual(Math.floor(Math.min(processed, 5 * seconds) * 0.6));
    // Pairs with frame events sent alongside: every stamped preview has its frame's boxes.
    for (const p of got.previews) {
      const f = got.frames.get(p.frameIndex ?? -1);
      if (f) expect(f.boxes).toEqual(p.boxes);
    }
    await page.screenshot({ path: '/tmp/footfall-live-recording.png' });

    // The model that processed the frames, and today's counters rising on the road line.
    expect(await tile.getByTestId('tile-model').textContent()).toMatch(/^Model .+ v\d+\.\d+\.\d+$/);
    const figures = tile.locator('.figures dd');
    let flashed = false;
    await eventually(
      async () => {
        if ((await tile.locator('canvas').getAttribute('data-flashing')) === String(camera.lines[0]?.id)) flashed = true;
        const [i, o] = await figures.allTextContents();
        return Number(i) + Number(o);
      },
      (n) => expect(n).toBeGreaterThan(0),
      120_000,
    );
    await eventually(
      async () => {
        if ((await tile.locator('canvas').getAttribute('data-flashing')) === String(camera.lines[0]?.id)) flashed = true;
        return flashed;
      },
      (f) => expect(f).toBe(true),
      120_000,
    );
    const stored = await dispatch(engine.handlers, 'counts:summary', { cameraId: camera.cameraId }, engine.access.ownerCaller());
    expect(stored.ok).toBe(true);
    await page.screenshot({ path: '/tmp/footfall-live-counted.png' });

    // The larger view, with a full-screen button.
    await tile.getByRole('button', { name: 'Enlarge Plaza' }).click();
    const dialog = page.getByRole('dialog', { name: 'Plaza' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Full screen' }).waitFor();
    const box = await dialog.locator('canvas').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(600);
    await page.screenshot({ path: '/tmp/footfall-live-enlarged.png' });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await eventually(() => page.getByRole('dialog').count(), (n) => expect(n).toBe(0));

    // The camera stops sending (its ffmpeg frozen): "stale" within seconds, before any watchdog.
    const pid = engine.cameras?.runtime(camera.cameraId)?.ffmpegPid;
    expect(pid).toBeTruthy();
    process.kill(pid!, 'SIGSTOP');
    try {
      await eventually(() => tile.locator('.badge').textContent(), (t) => expect(t).toBe('stale'), 8000);
      await page.screenshot({ path: '/tmp/footfall-live-stale.png' });
    } finally {
      process.kill(pid!, 'SIGCONT');
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says "offline" at once when the server goes away', async () => {
    const second = await startServer({ handlers: engine.handlers, events: engine.events, access: engine.access, port: 0, staticDir: rendererDir });
    const page = await browser.context.newPage();
    const cookies = await browser.context.cookies(server.url);
    await browser.context.addCookies(cookies.map((c) => ({ name: c.name, value: c.value, url: second.url, httpOnly: c.httpOnly, sameSite: c.sameSite })));
    await page.goto(`${second.url}/#/live`);
    const tile = page.getByRole('article', { name: 'Plaza' });
    await eventually(() => tile.locator('.badge').textContent(), (t) => expect(t).toMatch(/^(live|stale|stalled|reconnecting|connecting)$/), 60_000);
    const closedAt = Date.now();
    // The server's own close waits for in-flight requests; the page must not wait for that.
    const closing = second.close();
    await eventually(() => tile.locator('.badge').textContent(), (t) => expect(t).toBe('offline'), 5000);
    expect(Date.now() - closedAt).toBeLessThan(3000);
    await closing;
    expect(await tile.textContent()).toContain('No connection to the Footfall server');
    await page.screenshot({ path: '/tmp/footfall-live-offline.png' });
    await page.close();
  });
});
