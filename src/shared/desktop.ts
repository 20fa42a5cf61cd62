/**
 * What the desktop app's preload adds to `window.footfall` beside the contract: native dialogs
 * that only main can show. Narrow on purpose: one channel per dialog, no input from the page,
 * and the only answer is what the user picked (or null when the dialog was cancelled).
 */
import type { Result } from './result';

/** ipcMain channels of the desktop bridge (not contract requests: the engine has no window). */
export const DESKTOP_CHANNELS = { openRecording: 'dialog:open-recording' } as const;

export interface DesktopDialogs {
  /** The native "open file" dialog for a recording (video files only); null when cancelled. */
  openRecording(): Promise<Result<{ path: string } | null>>;
}

export interface DesktopBridge {
  dialog: DesktopDialogs;
}
