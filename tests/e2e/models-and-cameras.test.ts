/**
 * The Cameras, Live and Models pages driven in Debian's Chromium against the real engine served by
 * the headless server: a camera is added, tested, edited and removed through the forms while its
 * password is watched for in the DOM, in every HTTP response and in every WebSocket frame; the
 * default model is inspected and the registry's actions answer inline.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPath } from '../../src/engine/paths';
import type { Engine } from '../../src/engine/wiring/open-engine';
import type { RunningServer } from '../../src/engine/server/server';
import type { LaunchedBrowser } from './support/chromium';
import { watchPageProblems } from './support/page-problems';
import { startServedApp } from './support/served-app';
import { eventually, expectStatusBar } from './support/walk-pages';
import { screenshotPath } from './support/artifacts';

const SENTINEL = 'S3ntinel-pw';
// Port 9 (discard) refuses on 127.0.0.1: the camera exists but never connects, which is fine here.
const CAMERA_URL = `rtsp://user:${SENTINEL}@127.0.0.1:9/cam`;
const hasDefaultModel = existsSync(defaultModelPath());
const VTEST = new URL('../fixtures/media/vtest.avi', import.meta.url).pathname;
const DOOR_TRUTH = new URL('../integration/registry/fixtures/vtest-door-truth.json', import.meta.url).pathname;
// A 1×1 PNG: the preview only has to decode for the overlay to draw boxes over it.
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** Every HTTP response body, WebSocket frame and console line the page sees, searched for `secret`. */
function watchForSecret(page: Page, secret: string): { leaks: string[]; settle(): Promise<void> } {
  const leaks: string[] = [];
  const reads: Array<Promise<void>> = [];
  page.on('response', (res) => {
    reads.push(
      res.text().then(
        (body) => {
          if (body.includes(secret)) leaks.push(`HTTP response ${res.url()}`);
        },
        () => undefined,
      ),
    );
  });
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => {
      if ((typeof payload === 'string' ? payload : payload.toString('utf8')).includes(secret)) leaks.push(`WebSocket frame from ${ws.url()}`);
    });
  });
  page.on('console', (msg) => {
    if (msg.text().includes(secret)) leaks.push('console message');
  });
  return { leaks, settle: async () => void (await Promise.all(reads)) };
}

/** The page's markup, its visible text and the live value of every form control. */
function pageText(page: Page): Promise<string> {
  return page.evaluate<string>(`[
    document.documentElement.outerHTML,
    document.body.innerText,
    ...[...document.querySelectorAll('input, textarea, select')].map((e) => e.value),
  ].join('\\n')`);
}

async function heading(page: Page, name: string): Promise<void> {
  await eventually(() => page.getByRole('heading', { level: 1 }).textContent(), (t) => expect(t).toBe(name));
}

describe('models and cameras pages (real engine, real Chromium)', () => {
  let dbPath: string;
  let engine: Engine;
  let server: RunningServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    const app = await startServedApp('footfall-e2e-mc-');
    ({ dbPath, engine, server, browser } = app);
    // Vitest runs the returned function once the tests are done (as afterAll); a failed start cleaned up itself.
    return () => app.close();
  });

  it('adds, tests, edits and removes a camera through the forms; its password never reaches the page', async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    const secret = watchForSecret(page, SENTINEL);
    await page.goto(`${server.url}/#/cameras`);
    await heading(page, 'Cameras');
    await expectStatusBar(page, dbPath);
    await page.getByText('No cameras yet').waitFor();

    // Add: the password typed inside the URL leaves the visible field as soon as it loses focus.
    await page.getByRole('button', { name: 'Add camera…' }).click();
    const add = page.getByRole('dialog', { name: 'Add a camera' });
    await add.getByLabel(/^Name/).fill('Front door');
    const url = add.getByLabel('Stream URL');
    await url.fill(CAMERA_URL);
    await url.press('Tab');
    expect(await url.inputValue()).toBe('rtsp://user@127.0.0.1:9/cam');
    await add.getByText('New password taken from the URL').waitFor();
    expect(await pageText(page)).not.toContain(SENTINEL);
    await add.getByLabel('Processing rate (fps)').fill('4');
    await add.getByRole('button', { name: 'Add line' }).click();
    for (const [coord, value] of [['x1', '320'], ['y1', '0'], ['x2', '320'], ['y2', '480']] as const) {
      await add.getByLabel(`Line 1 ${coord}`).fill(value);
    }
    await add.getByRole('button', { name: 'Add camera' }).click();
    await eventually(() => page.getByRole('dialog').count(), (n) => expect(n).toBe(0));

    const row = page.getByRole('row', { name: /^Front door/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Password set');
    expect(await row.textContent()).toContain('1 line, 0 zones');
    // The engine keeps the user name apart from the address (CameraDto carries neither).
    expect(await row.textContent()).toContain('rtsp://127.0.0.1:9/cam');
    const [stored] = await engine.handlers['cameras:list']({});
    expect(stored).toMatchObject({ name: 'Front door', hasPassword: true, processFps: 4, lines: [{ x1: 320, y1: 0, x2: 320, y2: 480 }] });
    const cameraId = stored?.cameraId ?? '';

    // Test connection: port 9 refuses, and the answer says so without quoting the credentials.
    await page.getByRole('button', { name: 'Test connection of Front door' }).click();
    const testResult = page.getByRole('status', { name: 'Connection test of Front door' });
    await eventually(() => testResult.textContent(), (t) => expect(t).toContain('Could not connect'), 40_000);

    // Edit: the stored password is only "set"; a two-corner zone is refused by the engine's
    // validation, shown beside that zone, then fixed.
    await page.getByRole('button', { name: 'Edit Front door' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Front door' });
    await edit.getByText('Password set', { exact: true }).waitFor();
    await edit.getByLabel(/^Name/).fill('Front door (main)');
    await edit.getByRole('button', { name: 'Add zone' }).click();
    const corners = edit.getByLabel('Zone 1 corners');
    await corners.fill('0,0;100,0');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await eventually(() => corners.getAttribute('aria-invalid'), (v) => expect(v).toBe('true'));
    expect(await edit.locator('.editor-error').textContent()).toMatch(/^Zone 1: .*3/);
    // In plain words: which zone and what is wrong, never the internal code or zod's wording.
    const refusal = await edit.getByRole('alert').last().textContent();
    expect(refusal).toMatch(/Please check the form: zone 1 polygon: this needs at least 3 points/);
    expect(refusal).not.toMatch(/VALIDATION|Too small/);
    await corners.fill('0,0;100,0;100,100');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await eventually(() => page.getByRole('dialog').count(), (n) => expect(n).toBe(0));
    const edited = page.getByRole('row', { name: /^Front door \(main\)/ });
    await eventually(() => edited.textContent(), (t) => expect(t).toContain('1 line, 1 zone'));
    expect(await edited.textContent()).toContain('Password set');

    await page.setViewportSize({ width: 1366, height: 700 });
    await page.screenshot({ path: screenshotPath('cameras') });
    await page.getByRole('button', { name: 'Edit Front door (main)' }).click();
    await page.getByRole('dialog', { name: 'Edit Front door (main)' }).waitFor();
    await page.setViewportSize({ width: 1366, height: 1100 });
    await page.screenshot({ path: screenshotPath('camera-dialog') });
    await page.keyboard.press('Escape');
    await eventually(() => page.getByRole('dialog').count(), (n) => expect(n).toBe(0));
    await page.setViewportSize({ width: 1366, height: 860 });

    // Live: the tile exists from the snapshot, then shows pushed counts, picture and boxes.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Live' }).click();
    await heading(page, 'Live');
    const tile = page.getByRole('article', { name: 'Front door (main)' });
    await tile.waitFor();
    expect(await tile.locator('.badge').textContent()).toMatch(/^(connecting|live|stalled|reconnecting|failed|stopped)$/);
    const figures = tile.locator('.figures dd');
    await eventually(
      async () => {
        const at = new Date().toISOString();
        engine.events.emit('live:counts', { cameraId, in: 7, out: 3, occupancy: 4, at });
        engine.events.emit('live:preview', { cameraId, jpegDataUrl: PIXEL, at });
        engine.events.emit('live:frame', { cameraId, frameIndex: 1, width: 640, height: 480, boxes: [{ trackId: 42, bbox: [300, 200, 60, 160], confidence: 0.9 }], at });
        return { figures: await figures.allTextContents(), view: await tile.getByRole('img').getAttribute('aria-label') };
      },
      (v) => expect(v).toEqual({ figures: ['7', '3', '4'], view: 'Live view of Front door (main): 1 person tracked' }),
    );
    await page.screenshot({ path: screenshotPath('live') });

    // Remove, after a confirmation.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cameras' }).click();
    await heading(page, 'Cameras');
    await page.getByRole('button', { name: 'Remove Front door (main)' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove Front door (main)?' });
    await confirm.getByRole('button', { name: 'Remove camera' }).click();
    await page.getByText('No cameras yet').waitFor();
    expect(await engine.handlers['cameras:list']({})).toEqual([]);

    expect(await pageText(page)).not.toContain(SENTINEL);
    await secret.settle();
    expect(secret.leaks).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it.skipIf(!hasDefaultModel)('shows the default model in production with its details; failed actions answer inline', async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.goto(`${server.url}/#/models`);
    await heading(page, 'Models');
    const row = page.getByRole('row', { name: /YOLOv8n \(COCO\) person detector/ });
    await row.waitFor();
    const cells = await row.textContent();
    expect(cells).toContain('Production');
    expect(cells).toContain('AGPL-3.0');
    expect(cells).toContain('9697a185dd8e…');

    await row.getByRole('button', { name: /^Details/ }).click();
    const panel = page.getByRole('region', { name: 'YOLOv8n (COCO) person detector' });
    const versions = panel.getByRole('region', { name: 'Versions' });
    await eventually(() => versions.getByRole('row', { name: /^8\.0\.0/ }).textContent(), (t) => expect(t).toMatch(/approved.*deployed/i));
    expect(await panel.getByRole('region', { name: 'Deployments' }).textContent()).toContain('All cameras');

    // Promote through the first stage only: the pipeline history shows it with its times.
    await versions.getByRole('button', { name: 'Promote version 8.0.0' }).click();
    const promote = page.getByRole('dialog', { name: 'Promote version 8.0.0' });
    await promote.getByLabel('Run through stage').selectOption('validate');
    await promote.getByRole('button', { name: 'Run pipeline' }).click();
    await eventually(() => page.getByRole('dialog').count(), (n) => expect(n).toBe(0), 60_000);
    await eventually(() => page.locator('.notice').textContent(), (t) => expect(t).toContain('at stage validate (completed)'));
    const history = panel.getByRole('region', { name: 'Pipeline history' });
    await eventually(() => history.locator('.timeline-stage').first().textContent(), (t) => expect(t).toMatch(/validate\s*completed/i));

    // Rollback needs a reason; with no earlier version the engine's refusal is shown in the dialog.
    await panel.getByRole('button', { name: 'Roll back… All cameras' }).click();
    const rollback = page.getByRole('dialog', { name: 'Roll back all cameras' });
    const confirmRollback = rollback.getByRole('button', { name: 'Roll back' });
    expect(await confirmRollback.isDisabled()).toBe(true);
    await rollback.getByLabel('Reason').fill('counts doubled at the door');
    await confirmRollback.click();
    await eventually(() => rollback.getByRole('alert').textContent(), (t) => expect(t).toContain('has no previous production version'));
    expect(await rollback.getByRole('alert').getAttribute('data-code')).toBe('NO_PREVIOUS_VERSION');
    expect(await rollback.getByRole('alert').textContent()).not.toContain('NO_PREVIOUS_VERSION');
    await rollback.getByRole('button', { name: 'Cancel' }).click();

    await page.setViewportSize({ width: 1366, height: 1500 });
    // Closing a dialog gives focus back to its button, which scrolled <main>: show the page from the top.
    await page.evaluate("document.getElementById('main').scrollTop = 0");
    await page.screenshot({ path: screenshotPath('models') });
    await page.setViewportSize({ width: 1366, height: 860 });

    // A bad import path: a clear message in the dialog, and the page keeps working.
    await page.getByRole('button', { name: 'Import model…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a model' });
    await dialog.getByLabel('Model file').fill('/nonexistent/footfall/missing.onnx');
    await dialog.getByRole('button', { name: 'Import model' }).click();
    const alert = dialog.getByRole('alert');
    await eventually(() => alert.textContent(), (t) => expect(t).toMatch(/Import failed.*not found/s));
    await page.screenshot({ path: screenshotPath('models-import-error') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await eventually(() => page.getByRole('dialog').count(), (n) => expect(n).toBe(0));
    await row.getByRole('button', { name: /^Hide details/ }).click();
    await eventually(() => panel.count(), (n) => expect(n).toBe(0));
    await row.getByRole('button', { name: /^Details/ }).click();
    await panel.waitFor();
    expect(await engine.handlers['models:list']({})).toHaveLength(1);

    expect(problems).toEqual([]);
    await page.close();
  });

  it.skipIf(!hasDefaultModel || !existsSync(VTEST))('an evaluation shows the frames evaluated so far on a progress bar, then the scores', async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.goto(`${server.url}/#/models`);
    await heading(page, 'Models');
    const row = page.getByRole('row', { name: /YOLOv8n \(COCO\) person detector/ });
    await row.getByRole('button', { name: /^Details/ }).click();
    const versions = page.getByRole('region', { name: 'Versions' });
    await versions.getByRole('button', { name: 'Evaluate version 8.0.0' }).click();
    const dialog = page.getByRole('dialog', { name: 'Evaluate version 8.0.0' });
    await dialog.getByLabel('Recording').fill(VTEST);
    await dialog.getByLabel('Truth file').fill(DOOR_TRUTH);
    await dialog.getByLabel('At most frames').fill('25');
    await dialog.getByRole('button', { name: 'Evaluate', exact: true }).click();

    // While the request runs, the bar (a native <progress>, named for screen readers) fills with
    // the frames the engine has evaluated, of the 25 asked for; the text says the same in words.
    const bar = dialog.getByRole('progressbar', { name: 'Evaluation progress' });
    await bar.waitFor({ timeout: 30_000 });
    const values: number[] = [];
    let words = '';
    const result = dialog.getByRole('heading', { name: /^Result \(line crossings\)/ });
    const deadline = Date.now() + 90_000;
    while ((await result.count()) === 0 && (await dialog.getByRole('alert').count()) === 0 && Date.now() < deadline) {
      const value = await bar.getAttribute('value').catch(() => null);
      if (value !== null && Number(value) > 0) values.push(Number(value));
      const text = await dialog.getByTestId('work-progress').textContent().catch(() => null);
      if (text && /of 25 frames/.test(text)) words = text;
      await page.waitForTimeout(50);
    }
    expect(await dialog.getByRole('alert').count()).toBe(0);
    expect(values.length).toBeGreaterThan(1);
    expect(values.every((v, i) => i === 0 || v >= values[i - 1]!)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(1);
    expect(values.some((v) => v < 1)).toBe(true);
    expect(words).toMatch(/^Evaluating frames\d+ of 25 frames \(\d+%\)$/);
    // Done: the bar goes, the scores stay.
    expect(await dialog.getByTestId('work-progress').count()).toBe(0);
    expect(await dialog.getByRole('status').filter({ hasText: 'Frames' }).textContent()).toContain('25');
    await dialog.getByRole('button', { name: 'Close' }).click();

    expect(problems).toEqual([]);
    await page.close();
  });
});
