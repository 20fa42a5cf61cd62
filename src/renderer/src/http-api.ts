/**
 * FootfallApi over the headless server: requests are `POST /api/<name>` with a JSON body, events
 * come from one shared WebSocket on `/events` that reconnects with backoff.
 */
import { buildApi, type FootfallApi, type Invoke, type Subscribe } from '../../shared/client';
import { isEventName, type EventName } from '../../shared/contract';
import type { EngineState } from '../../shared/enums';
import { fail, type Result } from '../../shared/result';

const MIN_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

export function createHttpApi(location: Pick<Location, 'origin' | 'host' | 'protocol'>): FootfallApi {
  const invoke: Invoke = async (name, input) => {
    let response: Response;
    try {
      response = await fetch(`${location.origin}/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
      });
    } catch {
      return fail('UNAVAILABLE', 'cannot reach the Footfall server');
    }
    // A session that ended (idle, signed out elsewhere, password changed): the session store looks again.
    if (response.status === 401 && name !== 'auth:me' && name !== 'auth:login') window.dispatchEvent(new Event('footfall:unauthenticated'));
    // Transport errors (400/404/413…) still carry an envelope; anything else is reported as is.
    try {
      const body = (await response.json()) as unknown;
      if (isEnvelope(body)) return body;
    } catch {
      // fall through
    }
    return fail('UNAVAILABLE', `the server answered HTTP ${response.status}`);
  };

  const stream = new EventStream(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/events`);
  const subscribe: Subscribe = (event, listener) => stream.add(event, listener);
  return buildApi(invoke, subscribe);
}

function isEnvelope(value: unknown): value is Result<unknown> {
  if (value === null || typeof value !== 'object') return false;
  const v = value as { ok?: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  return v.ok === false && typeof v.error === 'object' && v.error !== null;
}

type Listener = (payload: unknown) => void;

/** One socket for all subscriptions; opened on first use and kept alive across server restarts. */
class EventStream {
  private socket: WebSocket | null = null;
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private retryMs = MIN_RETRY_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private wasConnected = false;

  constructor(private readonly url: string) {}

  add(event: EventName, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    this.connect();
    return () => {
      set.delete(listener);
      // Nobody listens any more (signed out): no socket, and no reconnecting without a session.
      if ([...this.listeners.values()].every((l) => l.size === 0)) this.stop();
    };
  }

  private stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    this.wasConnected = false;
    if (socket) {
      socket.onclose = null;
      socket.close();
    }
  }

  private connect(): void {
    if (this.socket || this.retryTimer) return;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = MIN_RETRY_MS;
      if (this.wasConnected) this.status('running', 'reconnected to the Footfall server');
      this.wasConnected = true;
    };
    socket.onmessage = (message: MessageEvent<unknown>) => {
      if (typeof message.data !== 'string') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(message.data);
      } catch {
        return;
      }
      if (parsed === null || typeof parsed !== 'object') return;
      const { event, payload } = parsed as { event?: unknown; payload?: unknown };
      if (isEventName(event)) this.deliver(event, payload);
    };
    // onerror is always followed by onclose; reconnect from there only.
    socket.onclose = () => {
      this.socket = null;
      if ([...this.listeners.values()].every((l) => l.size === 0)) return;
      if (this.wasConnected) this.status('restarting', 'connection to the Footfall server lost; reconnecting');
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.connect();
      }, this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    };
  }

  private status(state: Extract<EngineState, 'running' | 'restarting'>, message: string): void {
    this.deliver('engine:status', { state, message, restarts: 0, at: new Date().toISOString() });
  }

  private deliver(event: EventName, payload: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (err) {
        console.warn(`listener for ${event} failed`, err);
      }
    }
  }
}
