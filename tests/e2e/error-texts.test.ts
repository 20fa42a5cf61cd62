/**
 * The known failures walked one after another, as a user meets them — an empty camera form, a
 * camera that cannot be reached, a file that is no model, the server gone and back — checking
 * that no internal code, file path, stack or validation jargon reaches the page, and that each
 * message goes away once its cause is fixed. Screenshots in test-artifacts/screenshots/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/engine/server/server';
import { screenshotPath } from './support/artifacts';
import { rendererDir, startServedApp, type ServedApp } from './support/served-app';
import { eventually } from './support/walk-pages';

/** What a shop's user must never read: codes, paths, stacks, zod's and protobuf's words. */
const JARGON: Array<[string, RegExp]> = [
  ['an internal code', /\b[A-Z]{2,}(?:_[A-Z]+)+\b|\b(?:VALIDATION|UNAVAILABLE|INTERNAL|FORBIDDEN|CONFLICT)\b/],
  ['an HTTP status', /\bHTTP \d{3}\b|\b(?:404|500|503) (?:Not|Internal|Service)/],
  ['a file path', /(?:^|[\s"'(])(?:\/tmp|\/home|\/root|\/work|\/var|\/usr)\/|[A-Za-z]:\\|footfall-e2e/],
  ['validation jargon', /Too (?:small|big)|expected (?:string|number|object|array)|Invalid (?:input|type|enum)|\bRequired\b|>=\s?\d+ characters/],
  ['file-format jargon', /wire type|protobuf|varint|staging/i],
  ['a system error', /\bE(?:CONN\w+|NOENT|ACCES|PIPE|ADDRINUSE)\b|\w*Error:|\bat \w+ \(|SQLITE_\w+/],
  ['a programming word', /\bundefined\b|\bNaN\b|\[object Object\]|\bnull\b/],
];

/** The page's text, less the status bar's database file (shown on purpose, for the technician). */
const PAGE_TEXT = `(() => {
  const db = document.querySelector('[data-testid="db-path"]');
  return db ? document.body.innerText.replace(db.textContent, '') : document.body.innerText;
})()`;

async function jargonOn(page: Page): Promise<string[]> {
  const text = await page.evaluate<string>(PAGE_TEXT);
  return JARGON.filter(([, pattern]) => pattern.test(text)).map(([what, pattern]) => `${what}: “${pattern.exec(text)?.[0] ?? ''}”`);
}

describe('error texts in plain words that clear themselves (real engine, real Chromium)', () => {
  let app: ServedApp;
  let notModel: string;

  beforeAll(async () => {
    app = await startServedApp('footfall-e2e-errors-');
    notModel = join(app.dataDir, 'notes.onnx');
    writeFileSync(notModel, '{"not": "an onnx model"}\n');
  });
  afterAll(() => app?.close());

  it('walks the known failures without a code, path or jargon on the page', async () => {
    const page = await app.browser.context.newPage();
    const seen: Record<string, string[]> = {};
    const check = async (step: string): Promise<void> => {
      seen[step] = await jargonOn(page);
      await page.screenshot({ path: screenshotPath(`errors-${step}`), fullPage: true });
    };
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${app.server.url}/#/cameras`);
    await page.getByRole('heading', { level: 1, name: 'Cameras' }).waitFor();

    // 1. An empty camera form: each problem said in words, beside its field; fixing them clears it.
    await page.getByRole('button', { name: 'Add camera…' }).click();
    const add = page.getByRole('dialog', { name: 'Add a camera' });
    await add.getByRole('button', { name: 'Add camera' }).click();
    const alerts = add.getByRole('alert');
    await eventually(() => alerts.count(), (n) => expect(n).toBeGreaterThan(0));
    await check('empty-form');
    await add.getByLabel(/^Name/).fill('Back door');
    await add.getByLabel('Stream URL').fill('rtsp://127.0.0.1:9/back');
    await add.getByRole('button', { name: 'Add camera' }).click();
    await eventually(() => page.getByRole('dialog').count(), (n) => expect(n).toBe(0));

    // 2. A camera nobody can reach: the test says so in words; the camera is kept (a warning, not a block).
    const row = page.getByRole('row', { name: /^Back door/ });
    await row.waitFor();
    await page.getByRole('button', { name: 'Test connection of Back door' }).click();
    const result = page.getByRole('status', { name: 'Connection test of Back door' });
    await eventually(() => result.textContent(), (t) => expect(t).toContain('Could not connect'), 40_000);
    await check('unreachable-camera');

    // 3. A file that is no model: what is wrong with it, not the parser's words or the file's path.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
    await page.getByRole('button', { name: 'Import model…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a model' });
    await dialog.getByLabel('Model file').fill(notModel);
    await dialog.getByRole('button', { name: 'Import model' }).click();
    await eventually(() => dialog.getByRole('alert').textContent(), (t) => expect(t).toMatch(/not an ONNX model/), 60_000);
    await check('bad-model-file');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await eventually(() => page.getByRole('dialog').count(), (n) => expect(n).toBe(0));

    expect(seen).toEqual({ 'empty-form': [], 'unreachable-camera': [], 'bad-model-file': [] });
    await page.close();
  });

  it('says the server is gone in words, and the banner clears once it is back', async () => {
    let second: RunningServer = await startServer({ handlers: app.engine.handlers, events: app.engine.events, access: app.engine.access, port: 0, staticDir: rendererDir });
    const port = Number(new URL(second.url).port);
    const cookies = await app.browser.context.cookies(app.server.url);
    await app.browser.context.addCookies(cookies.map((c) => ({ name: c.name, value: c.value, url: second.url, httpOnly: c.httpOnly, sameSite: c.sameSite })));
    const page = await app.browser.context.newPage();
    try {
      await page.goto(`${second.url}/#/dashboard`);
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      await second.close();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Health', exact: true }).click();
      const banner = page.locator('.error-banner');
      await eventually(() => banner.textContent(), (t) => expect(t).toContain('Cannot reach the Footfall server'));
      expect(await jargonOn(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath('errors-server-gone'), fullPage: true });
      second = await startServer({ handlers: app.engine.handlers, events: app.engine.events, access: app.engine.access, port, staticDir: rendererDir });
      // The socket retries with back-off up to 10 s (http-api.ts); on a loaded machine give it room.
      await eventually(() => banner.count(), (n) => expect(n).toBe(0), 45_000);
      expect(await jargonOn(page)).toEqual([]);
    } finally {
      await page.close();
      await second.close();
    }
  });
});
