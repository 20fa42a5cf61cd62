/**
 * Launches the built desktop app with playwright-core's Electron driver. Needs the Electron
 * binary, which `npm install` downloads from the internet; where it is absent the test skips
 * (saying so). The hardening it checks in the real window — web preferences, window.open,
 * navigation, the CSP — is also checked without Electron in tests/integration/electron/.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually, expectStatusBar, walkEveryPage } from './support/walk-pages';
import { watchPageProblems } from './support/page-problems';
import { META_CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { MAIN_WINDOW_WEB_PREFERENCES } from '../../src/main/web-preferences';

const root = resolve(import.meta.dirname, '../..');
const mainEntry = join(root, 'out', 'main', 'index.js');

/**
 * Where `require('electron')` would point, worked out without calling it: in electron@45 that
 * require tries to download a missing binary, which hangs or fails on an offline machine.
 */
function electronBinary(): string | null {
  try {
    const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const relative = readFileSync(pathFile, 'utf8').trim();
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const binary = override ? join(override, relative) : join(pkgDir, 'dist', relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

describe('Electron app', () => {
  if (!binary) {
    it.skip('SKIPPED: the Electron binary is not installed here (node_modules/electron/dist; npm could not download it, or ELECTRON_SKIP_BINARY_DOWNLOAD was set). Run on a machine with it: `npx electron --version`', () => undefined);
    return;
  }

  it('opens one secure window that walks every page over IPC', async () => {
    if (!existsSync(mainEntry)) throw new Error('out/main/index.js is missing: run `npm run build` first');
    const userData = mkdtempSync(join(tmpdir(), 'footfall-electron-'));
    const app = await electron.launch({
      executablePath: binary,
      // The app folder, as `electron .` would: package.json's main is out/main/index.js.
      // Chromium refuses to run as root without --no-sandbox (CI containers); renderers stay
      // sandboxed by the app's own settings either way.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root],
      env: { ...process.env, FOOTFALL_USER_DATA_DIR: userData, ELECTRON_ENABLE_LOGGING: '1' },
    });
    try {
      const page = await app.firstWindow();
      const { problems } = watchPageProblems(page);
      const dbPath = join(userData, 'footfall.db');
      // First start: the window asks for the admin account (no default password), then signs it in.
      const setup = page.getByRole('form', { name: 'Create the admin account' });
      await setup.getByLabel('User name').fill('admin');
      await setup.getByLabel('Password', { exact: true }).fill('electron-admin-password');
      await setup.getByLabel('Repeat the password').fill('electron-admin-password');
      await setup.getByRole('button', { name: 'Create the admin account' }).click();
      await expectStatusBar(page, dbPath);
      await walkEveryPage(page, dbPath);

      // The page sees named functions only: no Node, no raw ipcRenderer, no generic invoke.
      const surface = await page.evaluate<{ hasRequire: boolean; hasProcess: boolean; domains: string[]; hasInvoke: boolean }>(`({
        hasRequire: typeof window.require !== 'undefined',
        hasProcess: typeof window.process !== 'undefined',
        domains: window.footfall ? Object.keys(window.footfall).sort() : [],
        hasInvoke: window.footfall ? 'invoke' in window.footfall : false,
      })`);
      expect(surface.hasRequire).toBe(false);
      expect(surface.hasProcess).toBe(false);
      expect(surface.hasInvoke).toBe(false);
      expect(surface.domains).toEqual(expect.arrayContaining(['app', 'audit', 'auth', 'cameras', 'counts', 'experiments', 'health', 'models', 'on', 'settings', 'users']));

      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const wins = BrowserWindow.getAllWindows();
        // Internal but long-standing: the preferences the renderer actually got.
        const contents = wins[0]?.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> } | undefined;
        return { count: wins.length, prefs: contents?.getLastWebPreferences() ?? {} };
      });
      expect(prefs.count).toBe(1);
      // The ones that matter most must be reported; every other hardened one, where Electron
      // reports it, must have the value src/main/web-preferences.ts sets.
      expect(prefs.prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
      const reported = Object.fromEntries(Object.keys(MAIN_WINDOW_WEB_PREFERENCES).filter((k) => k in prefs.prefs).map((k) => [k, prefs.prefs[k]]));
      const expected = Object.fromEntries(Object.entries(MAIN_WINDOW_WEB_PREFERENCES).filter(([k]) => k in prefs.prefs));
      expect(reported).toEqual(expected);

      // The page carries the shared CSP.
      expect(await page.evaluate(`document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')`)).toBe(META_CONTENT_SECURITY_POLICY);

      // window.open is refused: it returns null and no window appears.
      expect(await page.evaluate(`window.open('https://example.com') === null`)).toBe(true);
      await eventually(async () => (await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)), (n) => expect(n).toBe(1));
      expect(problems).toEqual([]);

      // Navigation away from the app is refused: the window stays on our index.html.
      const home = page.url();
      expect(home).toMatch(/^file:.*\/out\/renderer\/index\.html/);
      for (const target of ['https://example.com/', 'file:///etc/passwd']) {
        await page.evaluate(`location.href = ${JSON.stringify(target)}`);
        await new Promise((r) => setTimeout(r, 500));
        expect(page.url().split('#')[0], target).toBe(home.split('#')[0]);
      }
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
