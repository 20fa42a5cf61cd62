/**
 * The web preferences every Footfall window gets, in a module of its own (only a type import of
 * electron) so tests read the same constant in plain Node and in a real Electron window
 * (tests/integration/electron/, tests/e2e/electron-launch.test.ts).
 */
import type { WebPreferences } from 'electron';

/**
 * The renderer is untrusted: isolated from the preload, sandboxed, no Node anywhere (main frame,
 * sub-frames, workers), web security on, no mixed content, no <webview>, no experimental
 * features, and a file dropped on the window is never navigated to. The preload path is added
 * per window (createMainWindow).
 */
export const MAIN_WINDOW_WEB_PREFERENCES = Object.freeze({
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
} as const satisfies WebPreferences);

/** The full web preferences of a window whose preload is `preloadPath`. */
export function mainWindowWebPreferences(preloadPath: string): WebPreferences {
  return { ...MAIN_WINDOW_WEB_PREFERENCES, preload: preloadPath };
}
