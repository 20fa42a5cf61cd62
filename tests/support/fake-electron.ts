/**
 * A minimal stand-in for the `electron` module, for testing src/main and src/preload in plain
 * Node (no Electron binary here). It records what the code under test registers — app events,
 * webContents handlers, window-open handlers, ipcMain channels, contextBridge exposures, windows
 * created — so a test can drive those handlers with fake events and check the answer.
 *
 *   vi.mock('electron', async () => (await import('../../support/fake-electron')).fakeElectronModule());
 *
 * `fake` is the shared recorder (vi.mock hoists the factory; the module instance is the same for
 * the test file and the code under test). Call `fake.reset()` in beforeEach.
 */
type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((l) => l(...args));
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** A navigation-style event: records whether the handler called preventDefault(). */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}
export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** A webContents: event listeners and the window-open handler it was given. */
export class FakeWebContents extends Emitter {
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
  /** Fires `will-navigate`/`will-redirect` as Electron would and says whether it was refused. */
  navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    const e = fakeEvent();
    this.emit(event, e, url);
    return e.defaultPrevented;
  }
}

/** A frame as ipcMain sees it (`event.senderFrame`): its URL and its parent (null at the top). */
export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}
export function topFrame(url: string): FakeFrame {
  return { url, parent: null };
}
export function subFrame(url: string, parentUrl: string): FakeFrame {
  return { url, parent: topFrame(parentUrl) };
}

export class FakeBrowserWindow extends Emitter {
  static created: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.created;
  }
  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return FakeBrowserWindow.created.find((w) => w.webContents === contents) ?? null;
  }
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  loadedFile: string | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  loadFile(file: string): Promise<void> {
    this.loadedFile = file;
    return Promise.resolve();
  }
  show(): void {}
}

type IpcHandler = (event: { senderFrame: FakeFrame | null }, ...args: unknown[]) => unknown;

export interface FakeSession {
  headersListener: ((details: { responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | null;
  permissionRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null;
  permissionCheck: ((...args: unknown[]) => boolean) | null;
  devicePermission: ((...args: unknown[]) => boolean) | null;
  webRequest: { onHeadersReceived(listener: FakeSession['headersListener']): void };
  setPermissionRequestHandler(handler: FakeSession['permissionRequest']): void;
  setPermissionCheckHandler(handler: FakeSession['permissionCheck']): void;
  setDevicePermissionHandler(handler: FakeSession['devicePermission']): void;
}

export function fakeSession(): FakeSession {
  const s: FakeSession = {
    headersListener: null,
    permissionRequest: null,
    permissionCheck: null,
    devicePermission: null,
    webRequest: {
      onHeadersReceived(listener) {
        s.headersListener = listener;
      },
    },
    setPermissionRequestHandler(handler) {
      s.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler) {
      s.permissionCheck = handler;
    },
    setDevicePermissionHandler(handler) {
      s.devicePermission = handler;
    },
  };
  return s;
}

class FakeApp extends Emitter {
  isPackaged = false;
  sandboxEnabled = false;
  singleInstance = true;
  /** Never resolves by default: importing src/main/index.ts registers its hooks and stops there. */
  ready: Promise<void> = new Promise(() => undefined);
  readonly switches = new Set<string>();
  readonly paths = new Map<string, string>();
  readonly commandLine = { hasSwitch: (name: string) => this.switches.has(name) };
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? `/tmp/fake-electron-${name}`;
  }
  quit(): void {}
  exit(): void {}
  /** Back to a fresh app (the instance stays: the code under test holds it from its import). */
  reset(): void {
    this.listeners.clear();
    this.isPackaged = false;
    this.sandboxEnabled = false;
    this.singleInstance = true;
    this.ready = new Promise(() => undefined);
    this.switches.clear();
    this.paths.clear();
  }
}

export const fake = {
  app: new FakeApp() as FakeApp,
  ipcHandlers: new Map<string, IpcHandler>(),
  ipcRendererListeners: new Emitter(),
  invoked: [] as Array<{ channel: string; args: unknown[] }>,
  /** What ipcRenderer.invoke answers; a test may replace it. */
  invokeReply: (channel: string, ...args: unknown[]): unknown => ({ ok: true, value: { channel, args } }),
  exposed: [] as Array<{ key: string; api: unknown }>,
  /** What dialog.showOpenDialog answers, and the arguments it was called with. */
  openDialogReply: { canceled: true, filePaths: [] } as { canceled: boolean; filePaths: string[] },
  openDialogCalls: [] as unknown[][],
  defaultSession: fakeSession(),
  reset(): void {
    fake.app.reset();
    fake.ipcHandlers.clear();
    fake.ipcRendererListeners = new Emitter();
    fake.invoked = [];
    fake.invokeReply = (channel, ...args) => ({ ok: true, value: { channel, args } });
    fake.exposed = [];
    fake.openDialogReply = { canceled: true, filePaths: [] };
    fake.openDialogCalls = [];
    fake.defaultSession = fakeSession();
    FakeBrowserWindow.created = [];
  },
  /** Creates a webContents as Electron would and runs every `web-contents-created` listener on it. */
  createWebContents(): FakeWebContents {
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', fakeEvent(), contents);
    return contents;
  },
  /** Calls the ipcMain handler of `channel` as a renderer frame would. */
  async callIpc(channel: string, senderFrame: FakeFrame | null, ...args: unknown[]): Promise<unknown> {
    const handler = fake.ipcHandlers.get(channel);
    if (!handler) throw new Error(`no ipcMain handler for "${channel}"`);
    return await handler({ senderFrame }, ...args);
  },
};

/** The module object `vi.mock('electron', …)` returns; every part reads the shared recorder `fake`. */
export function fakeElectronModule(): Record<string, unknown> {
  const ipcMain = {
    handle(channel: string, handler: IpcHandler) {
      if (fake.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      fake.ipcHandlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      fake.ipcHandlers.delete(channel);
    },
  };
  const ipcRenderer = {
    invoke(channel: string, ...args: unknown[]) {
      fake.invoked.push({ channel, args });
      return Promise.resolve().then(() => fake.invokeReply(channel, ...args));
    },
    on(channel: string, listener: Listener) {
      fake.ipcRendererListeners.on(channel, listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      fake.ipcRendererListeners.removeListener(channel, listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      fake.exposed.push({ key, api });
    },
  };
  const session = {
    get defaultSession() {
      return fake.defaultSession;
    },
  };
  const module = {
    app: fake.app,
    session,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    ipcRenderer,
    contextBridge,
    dialog: {
      showErrorBox: () => undefined,
      /** Records the options main passed and answers `fake.openDialogReply`. */
      showOpenDialog(...args: unknown[]) {
        fake.openDialogCalls.push(args);
        return Promise.resolve(fake.openDialogReply);
      },
    },
    safeStorage: { isEncryptionAvailable: () => false },
    utilityProcess: {
      fork: () => {
        throw new Error('utilityProcess is not faked');
      },
    },
    MessageChannelMain: class {},
  };
  return { ...module, default: module };
}
