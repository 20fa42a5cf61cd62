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
import { screenshotPath } from './support/artifacts';

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

/** The stamps of what is on screen, read in one go (three separate reads could straddle a redraw). */
async function canvasStamps(page: Page, tile: string): Promise<{ picture: number | null; boxesFrame: number | null; boxes: number }> {
  const canvas = page.getByRole('article', { name: tile }).locator('canvas');
  const [picture, boxesFrame, boxes] = await canvas.evaluate((el) => [el.getAttribute('data-picture-frame'), el.getAttribute('data-boxes-frame'), el.getAttribute('data-boxes')]);
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
    await page.screenshot({ path: screenshotPath('live-recording') });

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
    await page.screenshot({ path: screenshotPath('live-counted') });

    // The larger view, with a full-screen button.
    await tile.getByRole('button', { name: 'Enlarge Plaza' }).click();
    const dialog = page.getByRole('dialog', { name: 'Plaza' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Full screen' }).waitFor();
    const box = await dialog.locator('canvas').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(600);
    await page.screenshot({ path: screenshotPath('live-enlarged') });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await eventually(() => page.getByRole('dialog').count(), (n) => expect(n).toBe(0));

    // The camera stops sending (its ffmpeg frozen): "stale" within seconds, before any watchdog.
    const pid = engine.cameras?.runtime(camera.cameraId)?.ffmpegPid;
    expect(pid).toBeTruthy();
    process.kill(pid!, 'SIGSTOP');
    try {
      await eventually(() => tile.locator('.badge').textContent(), (t) => expect(t).toBe('stale'), 8000);
      await page.screenshot({ path: screenshotPath('live-stale') });
    } finally {
      process.kill(pid!, 'SIGCONT');
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);

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
    await page.screenshot({ path: screenshotPath('live-offline') });
    await page.close();
  });

  it('stores a line dragged on the preview, and the engine counts on the new line', async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${server.url}/#/live`);
    const tile = page.getByRole('article', { name: 'Plaza' });
    await eventually(() => tile.locator('canvas').getAttribute('data-picture-frame'), (v) => expect(v).not.toBeNull(), 60_000);
    await tile.getByRole('button', { name: 'Enlarge Plaza' }).click();
    const dialog = page.getByRole('dialog', { name: 'Plaza' });
    await dialog.getByRole('button', { name: 'Edit lines…' }).click();
    const canvas = dialog.locator('canvas.line-editor-canvas');
    await canvas.waitFor();
    const box = (await canvas.boundingBox())!;
    const toPage = (x: number, y: number): [number, number] => [box.x + (x / 768) * box.width, box.y + (y / 576) * box.height];
    // Drag the upper end point from 600,150 to 540,120.
    await page.mouse.move(...toPage(600, 150));
    await page.mouse.down();
    await page.mouse.move(...toPage(570, 135), { steps: 4 });
    await page.mouse.move(...toPage(540, 120), { steps: 4 });
    await page.mouse.up();
    const coords = await dialog.getByTestId('line-1-coords').textContent();
    const [x1, y1] = (coords ?? '').split(' → ')[0]!.split(',').map(Number) as [number, number];
    expect(Math.abs(x1 - 540)).toBeLessThanOrEqual(2);
    expect(Math.abs(y1 - 120)).toBeLessThanOrEqual(2);
    await page.screenshot({ path: screenshotPath('live-line-editor') });
    // Dragged along the top edge, the editor warns (and still lets it be saved).
    await page.mouse.move(...toPage(540, 120));
    await page.mouse.down();
    await page.mouse.move(...toPage(540, 1), { steps: 3 });
    await page.mouse.up();
    await page.mouse.move(...toPage(600, 450));
    await page.mouse.down();
    await page.mouse.move(...toPage(700, 1), { steps: 3 });
    await page.mouse.up();
    await eventually(() => dialog.getByRole('status', { name: 'Warnings about the lines' }).textContent(), (t) => expect(t).toContain('lies along the edge of the picture'));
    // Back across the road, then saved.
    await page.mouse.move(...toPage(540, 1));
    await page.mouse.down();
    await page.mouse.move(...toPage(540, 120), { steps: 3 });
    await page.mouse.up();
    await page.mouse.move(...toPage(700, 1));
    await page.mouse.down();
    await page.mouse.move(...toPage(600, 450), { steps: 3 });
    await page.mouse.up();
    expect(await dialog.getByRole('status', { name: 'Warnings about the lines' }).count()).toBe(0);
    const savedAt = new Date().toISOString();
    await dialog.getByRole('button', { name: 'Save lines' }).click();
    await eventually(() => dialog.getByText('Lines saved').count(), (n) => expect(n).toBe(1));
    const stored = await dispatch(engine.handlers, 'cameras:get', { cameraId: camera.cameraId }, engine.access.ownerCaller());
    const line = (stored.ok ? (stored.value as CameraDto) : camera).lines[0]!;
    expect(line.id).toBe(camera.lines[0]!.id);
    expect(Math.abs(line.x1 - 540)).toBeLessThanOrEqual(2);
    expect(Math.abs(line.y1 - 120)).toBeLessThanOrEqual(2);
    expect([Math.abs(line.x2 - 600) <= 2, Math.abs(line.y2 - 450) <= 2]).toEqual([true, true]);
    // The engine restarts the camera on the new line (within seconds) and counts crossings of it.
    await eventually(async () => engine.cameras?.runtime(camera.cameraId)?.signature ?? '', (sig) => expect(sig).toContain(`"x1":${line.x1},"y1":${line.y1}`), 20_000);
    const runningSince = new Date().toISOString();
    expect(runningSince > savedAt).toBe(true);
    const crossings = (): number =>
      engine.db.prepare("SELECT count(*) FROM counting_results WHERE camera_id = ? AND line_id = ? AND event_type = 'cross_line' AND created_at > ?").pluck().get(camera.cameraId, line.id, runningSince) as number;
    await eventually(async () => crossings(), (n) => expect(n).toBeGreaterThan(0), 180_000);
    await page.keyboard.press('Escape');
    // The Models page says which version this camera runs (the one stamped on its frames).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models', exact: true }).click();
    await eventually(() => page.getByTestId(`running-model-${camera.cameraId}`).textContent(), (t) => expect(t).toMatch(/^\S+ \d+\.\d+\.\d+$/));
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);
});
