/**
 * The built renderer served by the headless server, driven in Debian's Chromium: every page is
 * walked through the sidebar and any console error, page error or failed request fails the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/wiring/open-engine';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { AppError } from '../../src/shared/result';
import { startServer, type RunningServer } from '../../src/engine/server/server';
import { launchChromium, type LaunchedBrowser } from './support/chromium';
import { watchPageProblems } from './support/page-problems';
import { ADMIN, rendererDir, requireBuild, root, signInContext, startServedApp } from './support/served-app';
import { eventually, expectStatusBar, walkEveryPage } from './support/walk-pages';
import { screenshotPath } from './support/artifacts';

// The real CLI is tested once its serve command exists.
const cliServe = [join(root, 'src', 'cli', 'index.ts'), join(root, 'src', 'cli', 'commands', 'serve.ts')];

async function openApp(browser: LaunchedBrowser, url: string): Promise<{ page: Page; problems: string[]; headers: Record<string, string> }> {
  const page = await browser.context.newPage();
  const { problems } = watchPageProblems(page);
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  return { page, problems, headers: response?.headers() ?? {} };
}

describe('serve walkthrough (engine in-process)', () => {
  let dbPath: string;
  let engine: Engine;
  let server: RunningServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    const app = await startServedApp('footfall-e2e-');
    ({ dbPath, engine, server, browser } = app);
    // Vitest runs the returned function once the tests are done (as afterAll); a failed start cleaned up itself.
    return () => app.close();
  });

  it('walks every page with its heading and the status bar, without a console error or failed request', async () => {
    const { page, problems } = await openApp(browser, server.url);
    await expectStatusBar(page, dbPath);
    await walkEveryPage(page, dbPath, async (name) => {
      if (name === 'Live') await eventually(() => page.getByText('No cameras yet').count(), (n) => expect(n).toBeGreaterThan(0));
      if (name === 'Dashboard') {
        await page.getByRole('heading', { name: 'Recent events' }).waitFor();
        // The page scrolls inside <main>, so a taller viewport rather than fullPage shows it all.
        await page.setViewportSize({ width: 1366, height: 1000 });
        await page.screenshot({ path: screenshotPath('dashboard') });
        await page.setViewportSize({ width: 1366, height: 860 });
      }
    });
    // A reload on a client route comes back to the same page (hash routing, no server routes).
    await page.reload();
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent(), (t) => expect(t).toBe('Settings'));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sends the CSP header and the page carries no inline script or style', async () => {
    const { page, problems, headers } = await openApp(browser, server.url);
    expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['x-content-type-options']).toBe('nosniff');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const inline = {
      scripts: await page.locator('script:not([src])').count(),
      styles: await page.locator('style').count(),
      meta: await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'),
      // Served over HTTP there is no preload; the renderer built its API over fetch + WebSocket.
      bridge: await page.evaluate<boolean>('"footfall" in window'),
    };
    expect(inline).toEqual({ scripts: 0, styles: 0, meta: expect.stringContaining("script-src 'self'"), bridge: false });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows events pushed over the WebSocket', async () => {
    const { page, problems } = await openApp(browser, `${server.url}/#/dashboard`);
    await expectStatusBar(page, dbPath);
    const engineStatus = page.getByRole('contentinfo', { name: 'Status' }).getByRole('status');
    // The socket connects after the first render; keep pushing until the page has it.
    await eventually(
      async () => {
        engine.events.emit('engine:status', { state: 'restarting', message: 'pushed by the e2e test', restarts: 1, at: new Date().toISOString() });
        return engineStatus.textContent();
      },
      (t) => expect(t).toContain('pushed by the e2e test'),
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a VALIDATION envelope beside the field and in the banner, and keeps working', async () => {
    // The engine stores any JSON setting today, so the refusal is injected at the handler: what is
    // under test is the envelope's path from handler to the page.
    const refusing = await startServer({
      handlers: {
        ...engine.handlers,
        'settings:set': () => {
          throw new AppError('VALIDATION', 'invalid input for settings:set: value: expected a whole number of days', [
            { path: 'value', message: 'expected a whole number of days' },
          ]);
        },
      },
      events: engine.events,
      access: engine.access,
      port: 0,
      staticDir: rendererDir,
    });
    try {
      const { page, problems } = await openApp(browser, `${refusing.url}/#/settings`);
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      const field = page.getByLabel('Keep detailed results for (days)');
      // A typed number input: the engine (here, the injected refusal) says why 4.5 is refused.
      await field.fill('4.5');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await eventually(() => field.getAttribute('aria-invalid'), (v) => expect(v).toBe('true'));
      expect(await page.locator('.field-error').textContent()).toBe('Expected a whole number of days');
      // The banner speaks plain words: the field and why, never the internal code.
      const banner = await page.getByRole('alert').textContent();
      expect(banner).toContain('Please check the form: value: expected a whole number of days');
      expect(banner).not.toContain('VALIDATION');
      await page.getByRole('button', { name: /^Dismiss/ }).click();
      await eventually(() => page.getByRole('alert').count(), (n) => expect(n).toBe(0));
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Live' }).click();
      await eventually(() => page.getByRole('heading', { level: 1 }).textContent(), (t) => expect(t).toBe('Live'));
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await refusing.close();
    }
  });

  it('stores a setting through the form with the real engine', async () => {
    const { page, problems } = await openApp(browser, `${server.url}/#/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByLabel('Keep detailed results for (days)').fill('45');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await eventually(() => page.locator('#settings-status').textContent(), (t) => expect(t).toBe('Settings saved.'));
    expect(engine.repos.settings.getValue('retention.days', null)).toBe(45);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('serve walkthrough (the real `serve` command)', () => {
  const cliReady = cliServe.every((file) => existsSync(file));
  let dataDir: string;
  let child: ChildProcess | null = null;
  let browser: LaunchedBrowser | null = null;

  afterAll(async () => {
    await browser?.close();
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((done) => child?.once('exit', done));
      // The CLI was started in its own process group (npm → tsx → node): end exactly that group.
      process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(() => child?.pid && process.kill(-child.pid, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(!cliReady)('`npm run cli -- serve` serves the app and every page loads', async () => {
    requireBuild();
    dataDir = mkdtempSync(join(tmpdir(), 'footfall-e2e-cli-'));
    const dbPath = join(dataDir, 'footfall.db');
    // The first start's admin account, made on the command line with the password on stdin.
    await new Promise<void>((resolveAdd, reject) => {
      const add = spawn('npm', ['run', '--silent', 'cli', '--', 'users', 'add', ADMIN.username, '--role', 'admin', '--password-stdin', '--db', dbPath], {
        cwd: root,
        stdio: ['pipe', 'ignore', 'pipe'],
      });
      let err = '';
      add.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
      add.once('exit', (code) => (code === 0 ? resolveAdd() : reject(new Error(`users add exited ${code}: ${err}`))));
      add.stdin.end(`${ADMIN.password}\n`);
    });
    child = spawn('npm', ['run', '--silent', 'cli', '--', 'serve', '--db', dbPath, '--port', '0'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve printed no URL within 60 s:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = /https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[0]);
        }
      };
      child?.stdout?.on('data', onData);
      child?.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child?.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with code ${code}:\n${output}`));
      });
    });
    browser = await launchChromium();
    await signInContext(browser, url, ADMIN.username, ADMIN.password);
    const { page, problems } = await openApp(browser, url);
    await expectStatusBar(page, dbPath);
    await walkEveryPage(page, dbPath);
    expect(problems).toEqual([]);
  });
});
