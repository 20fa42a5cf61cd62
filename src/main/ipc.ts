/**
 * Binds the contract to IPC: one `ipcMain.handle` per request name (no generic channel), each
 * checking its sender before anything is parsed. Validation happens in `dispatch`, wherever the
 * engine runs.
 */
import { ipcMain, type WebContents } from 'electron';
import { requestNames } from '../shared/contract';
import { fail } from '../shared/result';
import type { EngineLink } from './engine-link';
import { isTrustedSender, type RendererLocation } from './security';

/**
 * The desktop's sign-in lives here, in main: the session id is kept in memory and sent with each
 * call; the page never sees it. Before anyone signs in (and after an idle technician or admin
 * session lapses) the engine answers in the PC's passwordless role.
 */
export function bindRequests(link: EngineLink, where: RendererLocation): () => void {
  let token: string | null = null;
  const auth = {
    get token() {
      return token;
    },
    onSession(next: string | null) {
      token = next;
    },
  };
  for (const name of requestNames) {
    ipcMain.handle(name, (event, raw: unknown) => {
      if (!isTrustedSender(event.senderFrame, where)) {
        return fail('FORBIDDEN', 'request refused: sender is not the Footfall window');
      }
      return link.invoke(name, raw, auth);
    });
  }
  return () => requestNames.forEach((name) => ipcMain.removeHandler(name));
}

/** Pushes every engine event to every live window as `webContents.send(eventName, payload)`. */
export function forwardEvents(link: EngineLink, targets: () => WebContents[]): () => void {
  return link.subscribe((event, payload) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send(event, payload);
    }
  });
}
