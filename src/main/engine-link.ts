/**
 * What main needs from the engine, whichever process it runs in: one call per contract request
 * (always an envelope, never a throw), the live event stream, and a draining shutdown.
 * `openInProcessEngine` is the simple binding; engine-process.ts runs it in a utilityProcess.
 */
import type { EventMap, EventName, RequestName } from '../shared/contract';
import { dispatch } from '../shared/dispatch';
import { eventNames } from '../shared/contract';
import { fail, type Result } from '../shared/result';

export type EngineEventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/**
 * The desktop's session, held by main (never by the page): `token` goes with each call and
 * `onSession` receives a new one after signing in, or null after signing out.
 */
export interface DesktopAuth {
  token: string | null;
  onSession(token: string | null): void;
}

export interface EngineLink {
  invoke(name: RequestName, raw: unknown, auth?: DesktopAuth): Promise<Result<unknown>>;
  subscribe(listener: EngineEventListener): () => void;
  /** Stops taking calls, lets in-flight ones finish, then closes the engine. */
  close(): Promise<void>;
}

export async function openInProcessEngine(dbPath: string, dataKey?: string): Promise<EngineLink> {
  // Loaded on demand so that with the engine process the native addons never load into main.
  const { openEngine } = await import('../engine/wiring/open-engine');
  const { createAesGcmSecretBox } = await import('../engine/secrets/aes-gcm-secret-box');
  const secretBox = dataKey ? createAesGcmSecretBox(Buffer.from(dataKey, 'hex'), 'safe-storage') : undefined;
  const engine = await openEngine({ dbPath, host: 'electron', ...(secretBox ? { secretBox } : {}) });
  const inFlight = new Set<Promise<unknown>>();
  let closing: Promise<void> | null = null;

  return {
    invoke(name, raw, auth) {
      if (closing) return Promise.resolve(fail('UNAVAILABLE', 'the engine is shutting down'));
      const sink = { issue: (token: string) => auth?.onSession(token), clear: () => auth?.onSession(null) };
      const call = dispatch(engine.handlers, name, raw, engine.access.desktopCaller(auth?.token ?? null, sink));
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call));
      return call;
    },
    subscribe(listener) {
      const offs = eventNames.map((event) => engine.events.on(event, (payload) => listener(event, payload)));
      offs.push(engine.events.addAudience(() => true));
      return () => offs.forEach((off) => off());
    },
    close() {
      closing ??= (async () => {
        await Promise.allSettled([...inFlight]);
        await engine.close();
      })();
      return closing;
    },
  };
}
