/**
 * Exposes `window.footfall`: one named function per contract request (`footfall.cameras.list()`)
 * and `on(event, cb)` returning an unsubscribe function, plus the desktop's native dialogs
 * (`footfall.dialog.openRecording()`, src/shared/desktop.ts). No generic invoke/send reaches the
 * page, so a compromised renderer can call only what the contract and that one dialog list.
 */
import { contextBridge, ipcRenderer, type IpcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi, type FootfallApi } from '../shared/client';
import { isEventName } from '../shared/contract';
import { DESKTOP_CHANNELS, type DesktopBridge } from '../shared/desktop';
import { fail, type Result } from '../shared/result';

/** The name the API is exposed under: `window.footfall`. */
export const API_KEY = 'footfall';

/** The API over an ipcRenderer (the real one here; a recording fake in tests). */
export function createFootfallApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): FootfallApi {
  return buildApi(
    async (name, input) => {
      try {
        return (await ipc.invoke(name, input)) as Result<unknown>;
      } catch (err) {
        // invoke rejects when main has no handler (during shutdown) or the input is not cloneable.
        return fail('UNAVAILABLE', err instanceof Error ? err.message : 'the app is not available');
      }
    },
    (event, listener) => {
      if (!isEventName(event)) throw new Error(`unknown event "${String(event)}"`);
      // The IPC event object (with its sender) stays here; the page gets the payload only.
      const forward = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
      ipc.on(event, forward);
      return () => {
        ipc.removeListener(event, forward);
      };
    },
  );
}

/** The native dialogs: no argument goes to main, only the user's pick comes back. */
export function createDesktopBridge(ipc: Pick<IpcRenderer, 'invoke'>): DesktopBridge {
  return {
    dialog: {
      async openRecording() {
        try {
          return (await ipc.invoke(DESKTOP_CHANNELS.openRecording)) as Result<{ path: string } | null>;
        } catch (err) {
          return fail('UNAVAILABLE', err instanceof Error ? err.message : 'the app is not available');
        }
      },
    },
  };
}

contextBridge.exposeInMainWorld(API_KEY, { ...createFootfallApi(ipcRenderer), ...createDesktopBridge(ipcRenderer) });
