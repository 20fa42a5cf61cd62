/**
 * Electron hardening without an Electron binary: src/main runs against a recording fake of the
 * `electron` module (tests/support/fake-electron.ts), and the handlers it registers are driven
 * with fake events. tests/e2e/electron-launch.test.ts checks the same in a real window where the
 * binary exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../../../src/shared/csp';
import { fake, FakeBrowserWindow, fakeSession } from '../../support/fake-electron';

vi.mock('electron', async () => (await import('../../support/fake-electron')).fakeElectronModule());

const { createMainWindow, mainWindowOptions, MAIN_WINDOW_WEB_PREFERENCES } = await import('../../../src/main/window');
const security = await import('../../../src/main/security');

const root = resolve(import.meta.dirname, '../../..');
const indexHtml = join(root, 'out', 'renderer', 'index.html');
const built = { devUrl: undefined, indexHtml };
const dev = { devUrl: 'http://localhost:5173/', indexHtml };
const appUrl = pathToFileURL(indexHtml).href;

beforeEach(() => fake.reset());

describe('window web preferences', () => {
  it('are the hardened set, with the preload added and nothing weakened', () => {
    expect(MAIN_WINDOW_WEB_PREFERENCES).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
    expect(Object.isFrozen(MAIN_WINDOW_WEB_PREFERENCES)).toBe(true);
    const options = mainWindowOptions({ ...built, preloadPath: '/app/out/preload/index.cjs' });
    expect(options.webPreferences).toEqual({ ...MAIN_WINDOW_WEB_PREFERENCES, preload: '/app/out/preload/index.cjs' });
    // Nothing that would re-enable Node or drop isolation may ride along.
    for (const key of ['nodeIntegration', 'contextIsolation', 'sandbox', 'webSecurity', 'enableBlinkFeatures', 'additionalArguments', 'disableBlinkFeatures']) {
      if (!(key in MAIN_WINDOW_WEB_PREFERENCES)) expect(options.webPreferences).not.toHaveProperty(key);
    }
  });

  it('are what the created window really gets, and the built page (not a URL) is loaded', () => {
    const win = createMainWindow({ ...built, preloadPath: '/app/out/preload/index.cjs' }) as unknown as FakeBrowserWindow;
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(win.options.webPreferences).toEqual({ ...MAIN_WINDOW_WEB_PREFERENCES, preload: '/app/out/preload/index.cjs' });
    expect(win.options.show).toBe(false);
    expect(win.loadedFile).toBe(indexHtml);
    expect(win.loadedUrl).toBeNull();
  });

  it('every BrowserWindow in src/main is made by createMainWindow (so every window gets these preferences)', () => {
    const mainDir = join(root, 'src', 'main');
    const offenders: string[] = [];
    let inWindowTs = 0;
    for (const name of readdirSync(mainDir).filter((n) => n.endsWith('.ts'))) {
      const text = readFileSync(join(mainDir, name), 'utf8');
      const count = (text.match(/new\s+BrowserWindow\s*\(/g) ?? []).length;
      if (name === 'window.ts') inWindowTs = count;
      else if (count > 0 || /webPreferences\s*:/.test(text)) offenders.push(name);
    }
    expect(offenders).toEqual([]);
    expect(inWindowTs).toBe(1);
  });
});

describe('navigation and new windows', () => {
  it('isAppUrl accepts only the built index.html (or the dev server origin in development)', () => {
    expect(security.isAppUrl(appUrl, built)).toBe(true);
    expect(security.isAppUrl(`${appUrl}#/dashboard`, built)).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      pathToFileURL(join(root, 'out', 'renderer', 'other.html')).href,
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'not a url',
      '',
    ]) {
      expect(security.isAppUrl(url, built), url).toBe(false);
    }
    expect(security.isAppUrl('http://localhost:5173/#/live', dev)).toBe(true);
    expect(security.isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(security.isAppUrl(appUrl, dev)).toBe(false);
  });

  it('every webContents refuses navigation and redirects away from the app, webviews and window.open', () => {
    security.hardenAllWebContents(built);
    expect(fake.app.count('web-contents-created')).toBe(1);
    const contents = fake.createWebContents();

    expect(contents.navigate('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-navigate', `${appUrl}#/models`)).toBe(false);

    const attach = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.defaultPrevented).toBe(true);

    expect(contents.windowOpenHandler).not.toBeNull();
    for (const url of ['https://example.com/', appUrl, 'about:blank']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    // A second webContents (a devtools window, a future window) gets the same treatment.
    const second = fake.createWebContents();
    expect(second.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(second.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });
});

describe('session', () => {
  it('sends the production CSP (replacing any the response had) and nosniff; denies every permission', () => {
    const session = fakeSession();
    security.installSessionSecurity(session as never, built);
    let replied: Record<string, string[]> | undefined;
    session.headersListener!({ responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } }, (r) => (replied = r.responseHeaders));
    expect(replied).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      'X-Content-Type-Options': ['nosniff'],
    });
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      session.permissionRequest!({}, permission, (ok) => granted.push(ok));
    }
    expect(granted).toEqual([false, false, false, false, false]);
    expect(session.permissionCheck!({}, 'media', 'file://', {})).toBe(false);
    expect(session.devicePermission!({ deviceType: 'usb' })).toBe(false);
  });

  it('uses the relaxed dev policy only against the dev server', () => {
    expect(security.contentSecurityPolicyFor(built)).toBe(CONTENT_SECURITY_POLICY);
    expect(security.contentSecurityPolicyFor(dev)).toBe(DEV_CONTENT_SECURITY_POLICY);
    expect(security.withSecurityHeaders(undefined, CONTENT_SECURITY_POLICY)).toEqual({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      'X-Content-Type-Options': ['nosniff'],
    });
  });
});

describe('src/main/index.ts wiring', () => {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((s) => [s, process.listeners(s)]));
  const savedUrl = process.env.ELECTRON_RENDERER_URL;
  afterEach(() => {
    // index.ts adds SIGINT/SIGTERM listeners; leave the test worker's own signals alone.
    for (const s of signals) for (const l of process.listeners(s)) if (!before.get(s)!.includes(l)) process.removeListener(s, l);
    if (savedUrl === undefined) delete process.env.ELECTRON_RENDERER_URL;
    else process.env.ELECTRON_RENDERER_URL = savedUrl;
  });

  it('enables the sandbox for all renderers and hardens every webContents before the app is ready; a packaged app ignores ELECTRON_RENDERER_URL', async () => {
    fake.app.isPackaged = true;
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
    await import('../../../src/main/index');
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(fake.app.count('web-contents-created')).toBe(1);
    const contents = fake.createWebContents();
    // Packaged: the dev server is not the app, whatever the environment says.
    expect(contents.navigate('will-navigate', 'http://localhost:5173/')).toBe(true);
    // Its own page (run from source, index.ts sits in src/main, so ../renderer/index.html) is.
    expect(contents.navigate('will-navigate', pathToFileURL(join(root, 'src', 'renderer', 'index.html')).href)).toBe(false);
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    // No window and no IPC before the app is ready (whenReady never resolves in the fake).
    expect(FakeBrowserWindow.created).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
  });
});
