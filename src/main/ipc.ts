/**
 * Binds the contract to IPC: one `ipcMain.handle` per request name (no generic channel), each
 * checking its sender before anything is parsed. Validation happens in `dispatch`, wherever the
 * engine runs.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { requestNames, type RequestName } from '../shared/contract';
import { fail, type Result } from '../shared/result';
import type { DesktopAuth, EngineLink } from './engine-link';
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
  for (const name of requestNames) ipcMain.handle(name, ipcRequestHandler(name, link, where, auth));
  return () => requestNames.forEach((name) => ipcMain.removeHandler(name));
}

/**
 * The handler of one request channel: the sender frame is checked before the input is even
 * looked at (a sub-frame, a foreign page or a frame already gone gets FORBIDDEN), then the
 * engine validates and answers.
 */
export function ipcRequestHandler(
  name: RequestName,
  link: EngineLink,
  where: RendererLocation,
  auth: DesktopAuth,
): (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, raw: unknown) => Promise<Result<unknown>> | Result<never> {
  return (event, raw) => {
    if (!isTrustedSender(event.senderFrame, where)) {
      return fail('FORBIDDEN', 'request refused: sender is not the Footfall window');
    }
    return link.invoke(name, raw, auth);
  };
}

/** Pushes every engine event to every live window as `webContents.send(eventName, payload)`. */
export function forwardEvents(link: EngineLink, targets: () => WebContents[]): () => void {
  return link.subscribe((event, payload) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send(event, payload);
    }
  });
}
