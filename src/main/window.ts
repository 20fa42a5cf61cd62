import { BrowserWindow } from 'electron';
import type { RendererLocation } from './security';

export interface WindowOptions extends RendererLocation {
  preloadPath: string;
  iconPath?: string;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Footfall',
    show: false,
    backgroundColor: '#f5f7fa',
    autoHideMenuBar: true,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
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
    },
  });
  // Avoids a white flash before the first paint.
  win.once('ready-to-show', () => win.show());
  if (options.devUrl) void win.loadURL(options.devUrl);
  else void win.loadFile(options.indexHtml);
  return win;
}
