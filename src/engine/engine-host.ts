/**
 * utilityProcess entry for the engine (forked by src/main/engine-process.ts). Plain Node: it never
 * imports electron, so a native crash in inference or SQLite takes down only this process.
 *
 * Protocol (structured-clone messages):
 *   parentPort → host  {type:'init', dbPath}  with a MessagePort in `ports[0]` (falls back to
 *                      parentPort itself when no port is sent)
 *   main → host        {id, name, input, token}  one contract call; `token`: the desktop's session
 *                                             (null: nobody signed in, the PC's passwordless role)
 *                      {type:'shutdown'}      finish in-flight calls, close the engine, exit
 *   host → main        {type:'ready'} | {type:'fatal', message} | {type:'closed'}
 *                      {id, result, session}  result envelope for call `id`; `session` when the call
 *                                             signed in ({token}) or out ({token: null})
 *                      {event, payload}       every EventBus event
 */
import { eventNames, type EventName, type Handlers } from '../shared/contract';
import { dispatch } from '../shared/dispatch';
import { fail, type Result } from '../shared/result';
import type { Caller, SessionSink } from '../shared/roles';
import type { EventBus } from './wiring/event-bus';
import { createAesGcmSecretBox } from './secrets/aes-gcm-secret-box';
import type { SecretBox } from './secrets/secret-box';

export interface EngineCall {
  id: number;
  name: string;
  input: unknown;
  /** The desktop session main holds for the window (null or absent: not signed in). */
  token?: string | null;
}
/** `dataKey`: hex of the camera-secret key main unsealed with safeStorage (absent: key file). */
export type MainToHost = { type: 'init'; dbPath: string; dataKey?: string } | { type: 'shutdown' } | EngineCall;
export type HostToMain =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'closed' }
  | { id: number; result: Result<unknown>; session?: { token: string | null } }
  | { event: EventName; payload: unknown };

/** The part of Electron's parentPort / MessagePortMain used here, typed locally (no electron import). */
export interface HostPort {
  on(event: 'message', listener: (message: { data: unknown; ports?: readonly HostPort[] }) => void): unknown;
  postMessage(message: HostToMain): void;
  start?(): void;
}

/** What the host needs from the engine; `openEngine` from services/engine fits it. */
export interface HostedEngine {
  handlers: Handlers;
  events: EventBus;
  /** Who a desktop call comes from (the engine's AccessService fits). */
  access: { desktopCaller(token: string | null | undefined, sink?: SessionSink): Caller };
  close(): Promise<void>;
}
export type OpenEngine = (options: { dbPath: string; host: 'electron' | 'serve'; secretBox?: SecretBox }) => Promise<HostedEngine>;

// Imported on first use so the protocol can be exercised without the database layer.
const openRealEngine: OpenEngine = async (options) => (await import('./wiring/open-engine')).openEngine(options);

export function isEngineCall(value: unknown): value is EngineCall {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'number' && Number.isSafeInteger(v.id) && typeof v.name === 'string';
}

function isType<T extends string>(value: unknown, type: T): value is { type: T } & Record<string, unknown> {
  return value !== null && typeof value === 'object' && (value as { type?: unknown }).type === type;
}

/** Runs the engine behind `parentPort` until told to shut down. */
export function serveEngine(parentPort: HostPort, open: OpenEngine = openRealEngine, exit: (code: number) => void = (code) => process.exit(code)): void {
  let started = false;
  parentPort.on('message', ({ data, ports }) => {
    if (started || !isType(data, 'init') || typeof data.dbPath !== 'string') return;
    started = true;
    run(ports?.[0] ?? parentPort, data.dbPath, typeof data.dataKey === 'string' ? data.dataKey : undefined);
  });
  parentPort.start?.();

  function run(port: HostPort, dbPath: string, dataKey: string | undefined): void {
    const inFlight = new Set<Promise<void>>();
    let draining = false;
    const opening = (async () => {
      const secretBox = dataKey ? createAesGcmSecretBox(Buffer.from(dataKey, 'hex'), 'safe-storage') : undefined;
      return open({ dbPath, host: 'electron', ...(secretBox ? { secretBox } : {}) });
    })();
    let unsubscribe: () => void = () => undefined;

    opening.then(
      (engine) => {
        const offs = eventNames.map((event) => engine.events.on(event, (payload) => port.postMessage({ event, payload })));
        // The window at the other end of the port shows the live view.
        offs.push(engine.events.addAudience(() => true));
        unsubscribe = () => offs.forEach((off) => off());
        port.postMessage({ type: 'ready' });
      },
      (err: unknown) => {
        // A broken database or config will not heal by restarting: say so and stop.
        port.postMessage({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
        setImmediate(() => exit(1));
      },
    );

    port.on('message', ({ data }) => {
      if (isType(data, 'shutdown')) {
        void shutdown();
        return;
      }
      if (!isEngineCall(data)) return;
      const { id, name, input } = data;
      const token = typeof data.token === 'string' ? data.token : null;
      if (draining) {
        port.postMessage({ id, result: fail('UNAVAILABLE', 'the engine is shutting down') });
        return;
      }
      const call = (async () => {
        let result: Result<unknown>;
        let session: { token: string | null } | undefined;
        const sink: SessionSink = { issue: (t) => (session = { token: t }), clear: () => (session = { token: null }) };
        try {
          const engine = await opening;
          result = await dispatch(engine.handlers, name, input, engine.access.desktopCaller(token, sink));
        } catch {
          result = fail('UNAVAILABLE', 'the engine failed to start');
        }
        port.postMessage(session ? { id, result, session } : { id, result });
      })();
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call));
    });
    port.start?.();

    async function shutdown(): Promise<void> {
      if (draining) return;
      draining = true;
      await Promise.allSettled([...inFlight]);
      unsubscribe();
      try {
        await (await opening).close();
      } catch {
        // Failed to open or to close: either way there is nothing left to drain.
      }
      port.postMessage({ type: 'closed' });
      // One turn of the loop lets the message leave before the process goes.
      setImmediate(() => exit(0));
    }
  }
}

const parentPort = (process as NodeJS.Process & { parentPort?: HostPort }).parentPort;
if (parentPort) serveEngine(parentPort);
