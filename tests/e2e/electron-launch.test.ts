/**
 * Launches the built desktop app with playwright-core's Electron driver. Needs the Electron
 * binary, which `npm install` downloads from the internet; where it is absent the test skips.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually, expectStatusBar, walkEveryPage } from './support/walk-pages';
import { watchPageProblems } from './support/page-problems';

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
    it.skip('Electron binary not installed on this machine (no network to download it); run on a desktop machine', () => undefined);
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
        const p = contents?.getLastWebPreferences();
        return { count: wins.length, contextIsolation: p?.contextIsolation, sandbox: p?.sandbox, nodeIntegration: p?.nodeIntegration, webSecurity: p?.webSecurity };
      });
      expect(prefs).toEqual({ count: 1, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });

      // window.open is refused.
      await page.evaluate(`window.open('https://example.com')`);
      await eventually(async () => (await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)), (n) => expect(n).toBe(1));
      expect(problems).toEqual([]);
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
