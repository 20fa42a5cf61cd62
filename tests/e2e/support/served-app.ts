/**
 * The built renderer served by the headless server over an in-process engine on a fresh
 * database, with Chromium ready to drive it: the setup every served end-to-end test starts from.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openEngine, type Engine } from '../../../src/engine/wiring/open-engine';
import { startServer, type RunningServer } from '../../../src/engine/server/server';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { SESSION_COOKIE } from '../../../src/engine/server/session-cookie';
import type { Role } from '../../../src/shared/roles';

/** The admin every served test signs in as (made the way the first start makes it). */
export const ADMIN = { username: 'admin', password: 'e2e-admin-password' } as const;

export const root = resolve(import.meta.dirname, '../../..');
export const rendererDir = join(root, 'out', 'renderer');

/** The server serves out/renderer as built; without it every page would 404. */
export function requireBuild(): void {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('out/renderer/index.html is missing: run `npm run build` before the end-to-end tests');
  }
}

export interface ServedApp {
  dataDir: string;
  dbPath: string;
  engine: Engine;
  server: RunningServer;
  browser: LaunchedBrowser;
  /** Adds an account through the engine as the machine's owner. */
  addUser(username: string, role: Role, password: string): Promise<void>;
  /** Signs `browser.context` in as that account (its session cookie, as the sign-in page would get it). */
  signIn(username: string, password: string): Promise<void>;
  /** Closes the browser, server and engine and deletes the database folder. */
  close(): Promise<void>;
}

/**
 * Starts the engine, the server and Chromium in that order, then makes the admin account and
 * signs the browser in as it (every served test starts signed in, as a real user would be). If a later step fails, what already
 * started is closed before the error is rethrown, so a missing Chromium leaves no engine behind.
 */
export async function startServedApp(tmpPrefix: string, o: { firstStart?: boolean; locale?: string } = {}): Promise<ServedApp> {
  requireBuild();
  const dataDir = mkdtempSync(join(tmpdir(), tmpPrefix));
  const dbPath = join(dataDir, 'footfall.db');
  const closers: Array<() => Promise<void>> = [async () => rmSync(dataDir, { recursive: true, force: true })];
  // Reverse start order: the browser goes before the server it talks to, the server before the engine.
  const close = async (): Promise<void> => {
    for (const closeOne of closers.splice(0).reverse()) await closeOne();
  };
  try {
    const engine = await openEngine({ dbPath, host: 'serve' });
    closers.push(() => engine.close());
    const server = await startServer({ handlers: engine.handlers, events: engine.events, access: engine.access, port: 0, staticDir: rendererDir });
    closers.push(() => server.close());
    const browser = await launchChromium({ locale: o.locale });
    closers.push(() => browser.close());
    const owner = engine.access.ownerCaller();
    const addUser = async (username: string, role: Role, password: string): Promise<void> => {
      await engine.access.addUser({ username, role, password, mustChangePassword: false }, owner);
    };
    const signIn = async (username: string, password: string): Promise<void> => {
      await signInContext(browser, server.url, username, password);
    };
    // `firstStart`: no account yet, as a new install (the page then asks for the admin account).
    if (!o.firstStart) {
      await addUser(ADMIN.username, 'admin', ADMIN.password);
      await signIn(ADMIN.username, ADMIN.password);
    }
    return { dataDir, dbPath, engine, server, browser, addUser, signIn, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Signs in over HTTP (POST /api/auth:login) and gives the browser the session cookie it was sent. */
export async function signInContext(browser: LaunchedBrowser, url: string, username: string, password: string): Promise<void> {
  const response = await fetch(`${url}/api/auth:login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${username} failed: HTTP ${response.status} ${await response.text()}`);
  const match = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(response.headers.get('set-cookie') ?? '');
  if (!match?.[1]) throw new Error('sign-in sent no session cookie');
  await browser.context.clearCookies();
  await browser.context.addCookies([{ name: SESSION_COOKIE, value: match[1], url, httpOnly: true, sameSite: 'Strict' }]);
}
