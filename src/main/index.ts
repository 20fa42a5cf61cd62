/**
 * Electron main: glue only. Opens the engine (in-process by default, or in a utilityProcess with
 * --engine-process / FOOTFALL_ENGINE_PROCESS=1), binds the contract to IPC, opens one hardened
 * window and drains the engine before quitting.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { loadOrCreateDataKey } from './data-key';
import type { EngineLink } from './engine-link';
import { openInProcessEngine } from './engine-link';
import { createEngineProcess } from './engine-process';
import { bindDesktopDialogs } from './dialogs';
import { bindRequests, forwardEvents } from './ipc';
import { hardenAllWebContents, installSessionSecurity, type RendererLocation } from './security';
import { createMainWindow } from './window';

const here = import.meta.dirname;
const where: RendererLocation = {
  devUrl: !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined,
  indexHtml: join(here, '../renderer/index.html'),
};
// The engine runs in a utilityProcess so a native crash in onnxruntime, ffmpeg glue or SQLite
// cannot take the window down; `--in-process-engine` (or FOOTFALL_ENGINE_PROCESS=0) runs it in
// main, for debugging.
const useEngineProcess = !(app.commandLine.hasSwitch('in-process-engine') || process.env.FOOTFALL_ENGINE_PROCESS === '0');

// Tests and side-by-side installs point the app at their own data folder; set before the
// single-instance lock, which is scoped to the userData folder.
if (process.env.FOOTFALL_USER_DATA_DIR) app.setPath('userData', process.env.FOOTFALL_USER_DATA_DIR);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let link: EngineLink | null = null;
const teardown: Array<() => void> = [];
let quitState: 'running' | 'draining' | 'done' = 'running';

if (!app.requestSingleInstanceLock()) {
  // Two engines on one database file would fight over the cameras: hand over to the first.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  hardenAllWebContents(where);
  app.whenReady().then(start, fatal);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  mkdirSync(userData, { recursive: true });
  const dbPath = join(userData, 'footfall.db');

  installSessionSecurity(session.defaultSession, where);
  link = await openEngine(dbPath);
  teardown.push(bindRequests(link, where));
  teardown.push(bindDesktopDialogs(where));
  teardown.push(forwardEvents(link, () => BrowserWindow.getAllWindows().map((w) => w.webContents)));
  openWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

async function openEngine(dbPath: string): Promise<EngineLink> {
  const sealed = loadOrCreateDataKey(app.getPath('userData'));
  if (sealed.message) console.warn(`footfall: ${sealed.message}`);
  const dataKey = sealed.key ?? undefined;
  if (!useEngineProcess) return openInProcessEngine(dbPath, dataKey);
  const client = createEngineProcess({ entry: join(here, 'engine-host.js'), dbPath, ...(dataKey ? { dataKey } : {}) });
  const ready = await client.start();
  if (!ready.ok) throw new Error(`the engine could not start: ${ready.message}`);
  return client;
}

function openWindow(): void {
  const icon = join(here, '../../resources/icon.png');
  mainWindow = createMainWindow({
    ...where,
    preloadPath: join(here, '../preload/index.cjs'),
    ...(existsSync(icon) ? { iconPath: icon } : {}),
  });
  mainWindow.on('closed', () => (mainWindow = null));
}

function fatal(err: unknown): void {
  dialog.showErrorBox('Footfall could not start', err instanceof Error ? err.message : String(err));
  quitState = 'done';
  app.exit(1);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Quitting waits for the engine to finish in-flight work (batched writes, open calls).
app.on('before-quit', (event) => {
  if (quitState === 'done' || !link) return;
  event.preventDefault();
  if (quitState === 'draining') return;
  quitState = 'draining';
  for (const undo of teardown.splice(0)) undo();
  const closing = link.close();
  void closing
    .catch(() => undefined)
    .finally(() => {
      quitState = 'done';
      app.quit();
    });
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
