/**
 * The two ends of the desktop IPC against the contract (src/shared/contract.ts), in plain Node
 * with a recording fake of `electron`:
 * - main: one ipcMain.handle per request name, nothing else, and every handler refuses a
 *   sub-frame, a foreign page or a vanished frame before the engine sees the input;
 * - preload: contextBridge exposes exactly one object, `footfall`, whose functions are exactly
 *   the contract's requests (plus `on` for the contract's events, and the desktop's one native
 *   dialog, `dialog.openRecording`), and nothing generic;
 * - the native dialog's channel: sender checked, no input taken from the page, only the picked
 *   recording's path (or null) comes back.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventNames, requestNames, type RequestName } from '../../../src/shared/contract';
import { fake, fakeElectronModule, subFrame, topFrame } from '../../support/fake-electron';

vi.mock('electron', async () => (await import('../../support/fake-electron')).fakeElectronModule());

const { bindRequests, ipcRequestHandler } = await import('../../../src/main/ipc');
const { bindDesktopDialogs, openRecordingHandler } = await import('../../../src/main/dialogs');
const { isTrustedSender } = await import('../../../src/main/security');
type EngineLink = import('../../../src/main/engine-link').EngineLink;

const root = resolve(import.meta.dirname, '../../..');
const where = { devUrl: undefined, indexHtml: join(root, 'out', 'renderer', 'index.html') };
const appUrl = pathToFileURL(where.indexHtml).href;

function recordingLink(): EngineLink & { calls: Array<{ name: string; raw: unknown }> } {
  const calls: Array<{ name: string; raw: unknown }> = [];
  return {
    calls,
    invoke(name, raw) {
      calls.push({ name, raw });
      return Promise.resolve({ ok: true, value: `answered ${name}` });
    },
    subscribe: () => () => undefined,
    close: () => Promise.resolve(),
  };
}

/** What the contract defines, as `domain → sorted actions`. */
function contractShape(): Record<string, string[]> {
  const shape: Record<string, string[]> = {};
  for (const name of requestNames) {
    const [domain, action] = name.split(':') as [string, string];
    (shape[domain] ??= []).push(action);
  }
  for (const actions of Object.values(shape)) actions.sort();
  return shape;
}

/** The contract plus the desktop bridge (src/shared/desktop.ts): all the page can call. */
function preloadShape(): Record<string, string[]> {
  return { ...contractShape(), dialog: ['openRecording'] };
}

beforeEach(() => fake.reset());

describe('main: IPC sender check', () => {
  it('isTrustedSender trusts only our own top-level page', () => {
    const frame = (f: unknown) => f as Parameters<typeof isTrustedSender>[0];
    expect(isTrustedSender(frame(topFrame(appUrl)), where)).toBe(true);
    expect(isTrustedSender(frame(topFrame(`${appUrl}#/settings`)), where)).toBe(true);
    expect(isTrustedSender(frame(subFrame(appUrl, appUrl)), where)).toBe(false);
    expect(isTrustedSender(frame(subFrame('https://evil.example/', appUrl)), where)).toBe(false);
    expect(isTrustedSender(frame(topFrame('https://evil.example/')), where)).toBe(false);
    expect(isTrustedSender(frame(topFrame('file:///tmp/evil.html')), where)).toBe(false);
    expect(isTrustedSender(frame(topFrame('devtools://devtools/bundled/inspector.html')), where)).toBe(false);
    expect(isTrustedSender(null, where)).toBe(false);
  });

  it('binds exactly one channel per contract request, and unbinds them all', () => {
    const undo = bindRequests(recordingLink(), where);
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...requestNames].sort());
    // No generic channel a page could push arbitrary names through.
    for (const generic of ['invoke', 'request', 'footfall', 'footfall:invoke', 'ipc']) expect(fake.ipcHandlers.has(generic)).toBe(false);
    undo();
    expect(fake.ipcHandlers.size).toBe(0);
  });

  it('refuses a sub-frame, a foreign page and a vanished frame on every channel; answers our page', async () => {
    const link = recordingLink();
    bindRequests(link, where);
    const refused = { ok: false, error: { code: 'FORBIDDEN', message: 'request refused: sender is not the Footfall window' } };
    for (const name of requestNames) {
      expect(await fake.callIpc(name, subFrame(appUrl, appUrl), {}), `${name} from a sub-frame`).toEqual(refused);
      expect(await fake.callIpc(name, subFrame('https://evil.example/ad', appUrl), {}), `${name} from a foreign sub-frame`).toEqual(refused);
      expect(await fake.callIpc(name, topFrame('https://evil.example/'), {}), `${name} from a foreign page`).toEqual(refused);
      expect(await fake.callIpc(name, null, {}), `${name} from a vanished frame`).toEqual(refused);
    }
    // The engine never saw any of those.
    expect(link.calls).toEqual([]);
    expect(await fake.callIpc('cameras:list', topFrame(appUrl), {})).toEqual({ ok: true, value: 'answered cameras:list' });
    expect(link.calls).toEqual([{ name: 'cameras:list', raw: {} }]);
  });

  it('ipcRequestHandler checks the sender before it reads the input', async () => {
    const link = recordingLink();
    const auth = { token: null, onSession: () => undefined };
    const handler = ipcRequestHandler('settings:set' as RequestName, link, where, auth);
    let touched = false;
    const input = {
      get key() {
        touched = true;
        return 'x';
      },
    };
    expect(await handler({ senderFrame: subFrame(appUrl, appUrl) as never }, input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(touched).toBe(false);
    expect(link.calls).toEqual([]);
  });
});

describe('main: the native recording dialog', () => {
  it('binds its one channel beside the contract, and unbinds it', () => {
    const undo = bindDesktopDialogs(where);
    expect([...fake.ipcHandlers.keys()]).toEqual(['dialog:open-recording']);
    expect(requestNames).not.toContain('dialog:open-recording');
    undo();
    expect(fake.ipcHandlers.size).toBe(0);
  });

  it('refuses a foreign sender before opening anything, and answers only what the user picked', async () => {
    bindDesktopDialogs(where);
    const refused = { ok: false, error: { code: 'FORBIDDEN', message: 'request refused: sender is not the Footfall window' } };
    expect(await fake.callIpc('dialog:open-recording', subFrame(appUrl, appUrl))).toEqual(refused);
    expect(await fake.callIpc('dialog:open-recording', topFrame('https://evil.example/'))).toEqual(refused);
    expect(await fake.callIpc('dialog:open-recording', null)).toEqual(refused);
    expect(fake.openDialogCalls).toEqual([]);

    // Cancelled: null. Whatever the page sends is ignored (no default path or filter of its own).
    expect(await fake.callIpc('dialog:open-recording', topFrame(appUrl), { defaultPath: '/etc', filters: [] })).toEqual({ ok: true, value: null });
    const options = fake.openDialogCalls[0]?.at(-1) as { properties: string[]; filters: Array<{ extensions: string[] }>; defaultPath?: string };
    expect(options.defaultPath).toBeUndefined();
    expect(options.properties).toContain('openFile');
    expect(options.properties).not.toContain('multiSelections');
    expect(options.properties).not.toContain('openDirectory');
    expect(options.filters[0]?.extensions).toEqual(expect.arrayContaining(['mp4', 'avi', 'mkv']));

    fake.openDialogReply = { canceled: false, filePaths: ['/home/shop/door.mp4'] };
    expect(await fake.callIpc('dialog:open-recording', topFrame(appUrl))).toEqual({ ok: true, value: { path: '/home/shop/door.mp4' } });
    // "All files" chosen in the dialog: a file that is no recording is refused in words.
    fake.openDialogReply = { canceled: false, filePaths: ['/home/shop/.ssh/id_rsa'] };
    expect(await fake.callIpc('dialog:open-recording', topFrame(appUrl))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('the handler works without a window to parent the dialog on', async () => {
    fake.openDialogReply = { canceled: false, filePaths: ['/srv/rec/a.MKV'] };
    const handler = openRecordingHandler(where);
    expect(await handler({ senderFrame: topFrame(appUrl) as never, sender: {} as never })).toEqual({ ok: true, value: { path: '/srv/rec/a.MKV' } });
    expect(fake.openDialogCalls[0]).toHaveLength(1);
  });
});

describe('preload: the API exposed through contextBridge', () => {
  it('exposes exactly window.footfall, whose functions are exactly the contract', async () => {
    await import('../../../src/preload/index');
    expect(fake.exposed.map((e) => e.key)).toEqual(['footfall']);
    const api = fake.exposed[0]!.api as Record<string, unknown>;
    const { on, ...domains } = api;
    expect(typeof on).toBe('function');
    const exposed: Record<string, string[]> = {};
    for (const [domain, actions] of Object.entries(domains)) {
      expect(typeof actions, domain).toBe('object');
      exposed[domain] = Object.keys(actions as object).sort();
      for (const [action, fn] of Object.entries(actions as object)) expect(typeof fn, `${domain}.${action}`).toBe('function');
    }
    expect(exposed).toEqual(preloadShape());
    // The bridge's domain is not a contract domain: nothing of the contract is shadowed.
    expect(Object.keys(contractShape())).not.toContain('dialog');
    // Nothing generic and no Electron object reaches the page.
    for (const key of ['invoke', 'send', 'sendSync', 'ipcRenderer', 'require', 'process', 'removeAllListeners']) expect(api).not.toHaveProperty(key);
  });

  it('each function invokes its own channel only; a failed invoke becomes an UNAVAILABLE envelope', async () => {
    const { createFootfallApi } = await import('../../../src/preload/index');
    const ipcRenderer = fakeElectronModule().ipcRenderer as Parameters<typeof createFootfallApi>[0];
    const api = createFootfallApi(ipcRenderer) as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
    for (const name of requestNames) {
      const [domain, action] = name.split(':') as [string, string];
      await api[domain]![action]!();
    }
    expect(fake.invoked.map((c) => c.channel)).toEqual(requestNames);
    expect(fake.invoked.every((c) => c.args.length === 1)).toBe(true);
    expect(new Set(fake.invoked.map((c) => c.channel)).size).toBe(requestNames.length);

    fake.invokeReply = () => {
      throw new Error("No handler registered for 'cameras:list'");
    };
    expect(await api.cameras!.list!()).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: "No handler registered for 'cameras:list'" } });
  });

  it('the dialog bridge invokes its own channel with no argument; a failed invoke becomes UNAVAILABLE', async () => {
    const { createDesktopBridge } = await import('../../../src/preload/index');
    const ipcRenderer = fakeElectronModule().ipcRenderer as Parameters<typeof createDesktopBridge>[0];
    const bridge = createDesktopBridge(ipcRenderer);
    await (bridge.dialog.openRecording as (...a: unknown[]) => Promise<unknown>)('/etc/passwd');
    expect(fake.invoked).toEqual([{ channel: 'dialog:open-recording', args: [] }]);
    fake.invokeReply = () => {
      throw new Error("No handler registered for 'dialog:open-recording'");
    };
    expect(await bridge.dialog.openRecording()).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('on() listens to contract events only and hands the page the payload, never the IPC event', async () => {
    const { createFootfallApi } = await import('../../../src/preload/index');
    const ipcRenderer = fakeElectronModule().ipcRenderer as Parameters<typeof createFootfallApi>[0];
    const api = createFootfallApi(ipcRenderer);
    for (const event of eventNames) {
      const got: unknown[][] = [];
      const off = api.on(event, (...args: unknown[]) => got.push(args));
      fake.ipcRendererListeners.emit(event, { sender: 'the ipc event with its sender' }, { n: 1 });
      expect(got).toEqual([[{ n: 1 }]]);
      off();
      expect(fake.ipcRendererListeners.count(event)).toBe(0);
    }
    const onAny = api.on as unknown as (event: string, cb: () => void) => () => void;
    for (const bad of ['cameras:list', 'ELECTRON_BROWSER_WINDOW_ALERT', '__proto__', '']) {
      expect(() => onAny(bad, () => undefined), bad).toThrow(/unknown event/);
    }
  });
});
