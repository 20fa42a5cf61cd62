import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import type { RendererLocation } from './security';
import { mainWindowWebPreferences } from './web-preferences';

export { MAIN_WINDOW_WEB_PREFERENCES, mainWindowWebPreferences } from './web-preferences';

export interface WindowOptions extends RendererLocation {
  preloadPath: string;
  iconPath?: string;
}

/** Every option of the main window (pure, so tests check exactly what the window gets). */
export function mainWindowOptions(options: WindowOptions): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Footfall',
    show: false,
    backgroundColor: '#f5f7fa',
    autoHideMenuBar: true,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: mainWindowWebPreferences(options.preloadPath),
  };
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(options));
  // Avoids a white flash before the first paint.
  win.once('ready-to-show', () => win.show());
  if (options.devUrl) void win.loadURL(options.devUrl);
  else void win.loadFile(options.indexHtml);
  return win;
}
