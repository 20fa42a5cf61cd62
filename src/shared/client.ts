/**
 * Builds the renderer-facing API from the contract: one named function per request, grouped by
 * domain (`api.cameras.list()`), and `on(event, cb)` returning an unsubscribe function. The
 * preload builds it over ipcRenderer; the browser build over HTTP/WebSocket.
 */
import { requestNames, type EventMap, type EventName, type RequestInput, type RequestName, type RequestOutput } from './contract';
import type { Result } from './result';

type DomainOf<K extends string> = K extends `${infer D}:${string}` ? D : never;
type ActionOf<K extends string, D extends string> = K extends `${D}:${infer A}` ? A : never;

/** Everything optional-only can be called without an argument. */
type Call<K extends RequestName> = Record<never, never> extends RequestInput<K>
  ? (input?: RequestInput<K>) => Promise<Result<RequestOutput<K>>>
  : (input: RequestInput<K>) => Promise<Result<RequestOutput<K>>>;

export type FootfallApi = {
  [D in DomainOf<RequestName>]: { [A in ActionOf<RequestName, D>]: Call<Extract<RequestName, `${D}:${A}`>> };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};

export type Invoke = (name: RequestName, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

export function buildApi(invoke: Invoke, subscribe: Subscribe): FootfallApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of requestNames) {
    const [domain, action] = name.split(':') as [string, string];
    (api[domain] ??= {})[action] = (input?: unknown) => invoke(name, input ?? {});
  }
  const on = (event: EventName, listener: (payload: unknown) => void) => subscribe(event, listener);
  return Object.assign(api, { on }) as unknown as FootfallApi;
}
