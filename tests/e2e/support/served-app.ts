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
  /** Closes the browser, server and engine and deletes the database folder. */
  close(): Promise<void>;
}

/**
 * Starts the engine, the server and Chromium in that order. If a later step fails, what already
 * started is closed before the error is rethrown, so a missing Chromium leaves no engine behind.
 */
export async function startServedApp(tmpPrefix: string): Promise<ServedApp> {
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
    const server = await startServer({ handlers: engine.handlers, events: engine.events, port: 0, staticDir: rendererDir });
    closers.push(() => server.close());
    const browser = await launchChromium();
    closers.push(() => browser.close());
    return { dataDir, dbPath, engine, server, browser, close };
  } catch (err) {
    await close();
    throw err;
  }
}
