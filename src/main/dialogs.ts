/**
 * The desktop's native dialogs, outside the contract (the engine has no window to show one on):
 * one ipcMain channel per dialog (src/shared/desktop.ts), the sender checked like every request
 * channel, nothing read from the page (no default path, no filters of its choosing), and the only
 * answer is the one file the user picked, or null when the dialog was cancelled.
 */
import { isAbsolute } from 'node:path';
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type OpenDialogOptions } from 'electron';
import { DESKTOP_CHANNELS } from '../shared/desktop';
import { isRecordingName, RECORDING_EXTENSIONS } from '../shared/recordings';
import { fail, ok, type Result } from '../shared/result';
import { isTrustedSender, type RendererLocation } from './security';

const RECORDING_DIALOG: OpenDialogOptions = {
  title: 'Choose a recording',
  buttonLabel: 'Use this recording',
  properties: ['openFile', 'dontAddToRecent'],
  filters: [{ name: 'Video files', extensions: [...RECORDING_EXTENSIONS] }],
};

/** The handler of `dialog:open-recording`; takes no input from the page. */
export function openRecordingHandler(where: RendererLocation) {
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): Promise<Result<{ path: string } | null>> => {
    if (!isTrustedSender(event.senderFrame, where)) return fail('FORBIDDEN', 'request refused: sender is not the Footfall window');
    let path: string | undefined;
    try {
      const owner = BrowserWindow.fromWebContents(event.sender);
      const picked = owner ? await dialog.showOpenDialog(owner, RECORDING_DIALOG) : await dialog.showOpenDialog(RECORDING_DIALOG);
      path = picked.canceled ? undefined : picked.filePaths[0];
    } catch {
      return fail('UNAVAILABLE', 'The file dialog could not be opened.');
    }
    if (!path) return ok(null);
    // The dialog's filter is a hint on some systems ("All files" may be chosen): check again.
    if (!isAbsolute(path) || !isRecordingName(path)) return fail('VALIDATION', 'That file is not a video recording (MP4, AVI, MKV, MOV…).');
    return ok({ path });
  };
}

/** Binds the desktop dialogs; returns the unbinding. */
export function bindDesktopDialogs(where: RendererLocation): () => void {
  ipcMain.handle(DESKTOP_CHANNELS.openRecording, openRecordingHandler(where));
  return () => ipcMain.removeHandler(DESKTOP_CHANNELS.openRecording);
}
