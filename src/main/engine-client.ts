/**
 * Main's side of the engine utilityProcess, free of electron imports so it can be tested in plain
 * Node with fake ports: a timeout on every call, restart-on-death with a cap, 'engine:status'
 * events for the window, and a shutdown that lets in-flight calls finish.
 */
import type { HostToMain, MainToHost } from '../engine/engine-host';
import { isEventName, type RequestName } from '../shared/contract';
import type { EngineStatusEvent } from '../shared/dto';
import { fail, type Result } from '../shared/result';
import type { DesktopAuth, EngineEventListener, EngineLink } from './engine-link';

/** The slice of MessagePortMain used here. */
export interface EnginePort {
  postMessage(message: MainToHost): void;
  on(event: 'message', listener: (message: { data: unknown }) => void): unknown;
  start(): void;
  close(): void;
}

export interface EngineChild {
  port: EnginePort;
  kill(): void;
  onExit(listener: (code: number) => void): void;
}

export type SpawnEngine = () => EngineChild;

export interface EngineClientOptions {
  /** Every call gets an answer within this time, even if the engine hangs. */
  callTimeoutMs?: number;
  /** A child that is not ready by then is killed (and so restarted). */
  startTimeoutMs?: number;
  /** How long shutdown waits for in-flight calls and the engine's own close before killing. */
  shutdownTimeoutMs?: number;
  /** More deaths than this within restartWindowMs and the engine stays down. */
  maxRestarts?: number;
  restartWindowMs?: number;
  restartDelayMs?: (attempt: number) => number;
}

type Readiness = { ok: true } | { ok: false; message: string };
type State = EngineStatusEvent['state'];

interface Pending {
  resolve: (result: Result<unknown>) => void;
  auth?: DesktopAuth | undefined;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Requests that run a model over frames or a recording (import checks, pipeline stages,
 * evaluation, connection tests) legitimately take minutes on a small CPU; the rest answer in
 * milliseconds and keep the short timeout, which is what detects a wedged engine.
 */
const LONG_REQUESTS: ReadonlySet<RequestName> = new Set<RequestName>([
  'models:import',
  'models:promote',
  'models:evaluate',
  'models:training',
  'models:verify',
  'cameras:test',
]);
const LONG_REQUEST_TIMEOUT_MS = 15 * 60_000;

export class EngineClient implements EngineLink {
  private readonly callTimeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly shutdownTimeoutMs: number;
  private readonly maxRestarts: number;
  private readonly restartWindowMs: number;
  private readonly restartDelayMs: (attempt: number) => number;

  private child: EngineChild | null = null;
  private generation = 0;
  private nextId = 1;
  private state: State = 'starting';
  private restarts = 0;
  private recentDeaths: number[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<EngineEventListener>();
  private readiness!: Promise<Readiness>;
  private settleReadiness: (r: Readiness) => void = () => undefined;
  private startTimer: ReturnType<typeof setTimeout> | null = null;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private closing: Promise<void> | null = null;
  private onChildGone: (() => void) | null = null;
  /** Set when the host reported that opening the engine failed; no restart follows. */
  private fatal: string | null = null;

  constructor(
    private readonly spawn: SpawnEngine,
    options: EngineClientOptions = {},
  ) {
    this.callTimeoutMs = options.callTimeoutMs ?? 15_000;
    this.startTimeoutMs = options.startTimeoutMs ?? 30_000;
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
    this.maxRestarts = options.maxRestarts ?? 5;
    this.restartWindowMs = options.restartWindowMs ?? 60_000;
    this.restartDelayMs = options.restartDelayMs ?? ((attempt) => Math.min(250 * 2 ** attempt, 5_000));
    this.resetReadiness();
  }

  /** Forks the first child; resolves once it is ready or has failed for good. */
  start(): Promise<Readiness> {
    this.fork();
    return this.readiness;
  }

  get currentState(): State {
    return this.state;
  }

  async invoke(name: RequestName, raw: unknown, auth?: DesktopAuth): Promise<Result<unknown>> {
    if (this.closing) return fail('UNAVAILABLE', 'the engine is shutting down');
    // While the engine restarts, calls wait for it (within their timeout) instead of failing.
    const timeoutMs = LONG_REQUESTS.has(name) ? Math.max(this.callTimeoutMs, LONG_REQUEST_TIMEOUT_MS) : this.callTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    const ready = await this.waitReady(timeoutMs);
    if (!ready.ok) return fail('UNAVAILABLE', `the engine is not available: ${ready.message}`);
    const child = this.child;
    if (this.closing || !child) return fail('UNAVAILABLE', 'the engine is not available');

    const id = this.nextId++;
    return new Promise<Result<unknown>>((resolve) => {
      const remaining = Math.max(1, deadline - Date.now());
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(fail('TIMEOUT', `the engine did not answer ${name} within ${Math.round(timeoutMs / 1000)} s`));
      }, remaining);
      this.pending.set(id, { resolve, timer, auth });
      try {
        child.port.postMessage({ id, name, input: raw, token: auth?.token ?? null });
      } catch (err) {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(fail('VALIDATION', `input could not be sent: ${err instanceof Error ? err.message : 'not cloneable'}`));
      }
    });
  }

  subscribe(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.startTimer) clearTimeout(this.startTimer);
    this.settleReadiness({ ok: false, message: 'shutting down' });
    const child = this.child;
    if (child) {
      // The host finishes its in-flight calls (their replies still arrive), closes the engine,
      // says 'closed' and exits; a host that does not is killed after the grace period.
      const gone = new Promise<void>((resolve) => (this.onChildGone = resolve));
      child.port.postMessage({ type: 'shutdown' });
      const timer = setTimeout(() => child.kill(), this.shutdownTimeoutMs);
      await gone;
      clearTimeout(timer);
    }
    this.failPending('the engine stopped');
    this.setState('stopped', 'engine stopped');
  }

  private fork(): void {
    const generation = ++this.generation;
    const child = this.spawn();
    this.child = child;
    child.port.on('message', ({ data }) => this.onMessage(generation, data));
    child.onExit((code) => this.onExit(generation, code));
    child.port.start();
    this.startTimer = setTimeout(() => {
      if (generation === this.generation && this.state !== 'running') child.kill();
    }, this.startTimeoutMs);
  }

  private onMessage(generation: number, data: unknown): void {
    if (generation !== this.generation || data === null || typeof data !== 'object') return;
    const msg = data as HostToMain;
    if ('id' in msg && typeof msg.id === 'number') {
      const pending = this.pending.get(msg.id);
      if (!pending) return; // already timed out
      this.pending.delete(msg.id);
      clearTimeout(pending.timer);
      if ('session' in msg && msg.session) pending.auth?.onSession(msg.session.token);
      pending.resolve(msg.result);
      return;
    }
    if ('event' in msg) {
      if (isEventName(msg.event)) this.emit(msg.event, msg.payload);
      return;
    }
    if (!('type' in msg)) return;
    if (msg.type === 'ready') {
      if (this.startTimer) clearTimeout(this.startTimer);
      this.setState('running', this.restarts > 0 ? `engine restarted (${this.restarts})` : 'engine running');
      this.settleReadiness({ ok: true });
    } else if (msg.type === 'fatal') {
      // Opening failed (bad database path, broken file): restarting would fail the same way.
      this.fatal = msg.message;
      this.setState('stopped', `engine failed to start: ${msg.message}`);
      this.settleReadiness({ ok: false, message: msg.message });
    } else if (msg.type === 'closed') {
      this.childGone();
    }
  }

  private onExit(generation: number, code: number): void {
    if (generation !== this.generation) return;
    if (this.startTimer) clearTimeout(this.startTimer);
    this.child = null;
    this.failPending(`the engine process exited (code ${code})`);
    if (this.closing) {
      this.childGone();
      return;
    }
    if (this.fatal !== null) return;

    const now = Date.now();
    this.recentDeaths = [...this.recentDeaths.filter((t) => now - t < this.restartWindowMs), now];
    if (this.recentDeaths.length > this.maxRestarts) {
      const message = `engine crashed ${this.recentDeaths.length} times in ${Math.round(this.restartWindowMs / 1000)} s; not restarting`;
      this.setState('stopped', message);
      this.settleReadiness({ ok: false, message });
      return;
    }
    this.restarts++;
    if (this.state === 'running') this.resetReadiness();
    this.setState('restarting', `engine process exited (code ${code}); restarting`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.closing) this.fork();
    }, this.restartDelayMs(this.recentDeaths.length - 1));
  }

  private childGone(): void {
    const done = this.onChildGone;
    this.onChildGone = null;
    done?.();
  }

  private failPending(message: string): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.resolve(fail('UNAVAILABLE', message));
      this.pending.delete(id);
    }
  }

  private resetReadiness(): void {
    let settled = false;
    this.readiness = new Promise<Readiness>((resolve) => {
      this.settleReadiness = (r) => {
        if (settled) return;
        settled = true;
        resolve(r);
      };
    });
  }

  private waitReady(timeoutMs: number): Promise<Readiness> {
    if (this.state === 'running') return Promise.resolve({ ok: true });
    if (this.state === 'stopped') return Promise.resolve({ ok: false, message: this.fatal ?? 'engine stopped' });
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, message: 'still starting' }), timeoutMs);
      void this.readiness.then((r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
  }

  private setState(state: State, message: string): void {
    this.state = state;
    this.emit('engine:status', { state, message, restarts: this.restarts, at: new Date().toISOString() });
  }

  private emit(event: Parameters<EngineEventListener>[0], payload: unknown): void {
    for (const listener of this.listeners) {
      try {
        (listener as (e: typeof event, p: unknown) => void)(event, payload);
      } catch {
        // A failing window must not stop events reaching the others.
      }
    }
  }
}
