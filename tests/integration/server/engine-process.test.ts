/**
 * The utilityProcess protocol end to end, without Electron: EngineClient (main's side) talks to
 * serveEngine (engine-host's side) over in-memory ports that behave like MessagePortMain
 * (structured clone, asynchronous delivery, `{data, ports}` message events).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../../src/shared/contract';
import type { EngineStatusEvent } from '../../../src/shared/dto';
import { EventBus } from '../../../src/engine/wiring/event-bus';
import { serveEngine, type HostPort, type OpenEngine } from '../../../src/engine/engine-host';
import { EngineClient, type EnginePort, type SpawnEngine } from '../../../src/main/engine-client';
import { portPair } from '../../support/fake-ports';
import { stubHandlers } from '../../support/stub-handlers';

function engineStubHandlers(overrides: Partial<Handlers> = {}): Handlers {
  return stubHandlers({
    'app:info': () => ({
      name: 'Footfall',
      version: 'test',
      host: 'electron',
      dbPath: '/tmp/x.db',
      schemaVersion: 1,
      latestSchemaVersion: 1,
      ffmpeg: { error: 'n/a' },
      defaultModel: { path: '/m.onnx', present: false },
      recovery: null,
    }),
    'cameras:list': () => [],
    'models:list': () => [],
    'models:versions': () => [],
    'experiments:list': () => [],
    'counts:summary': () => ({ cameraId: null, totalIn: 0, totalOut: 0, buckets: [] }),
    'counts:recent': () => [],
    'health:cameras': () => [],
    'health:models': () => [],
    'settings:list': () => [],
    'settings:set': (input: { key: string; value: unknown }) => ({ key: input.key, value: input.value, updatedAt: '2025-01-01T00:00:00.000Z' }),
    ...overrides,
  });
}

interface FakeEngine {
  events: EventBus;
  close: ReturnType<typeof vi.fn>;
}

/** Spawns serveEngine in this process; `kill` severs the ports and reports an exit like a crash. */
function fakeSpawner(makeEngine: () => { handlers: Handlers; fail?: string }) {
  const engines: FakeEngine[] = [];
  const kills: Array<() => void> = [];
  let spawned = 0;
  const spawn: SpawnEngine = () => {
    spawned++;
    const [mainPort, hostPort] = portPair();
    const [parentMain, parentHost] = portPair();
    let onExit: ((code: number) => void) | null = null;
    let exited = false;
    const exit = (code: number) => {
      if (exited) return;
      exited = true;
      mainPort.close();
      hostPort.close();
      setImmediate(() => onExit?.(code));
    };
    const spec = makeEngine();
    const open: OpenEngine = async () => {
      if (spec.fail) throw new Error(spec.fail);
      // The protocol is under test here, not roles: every desktop call is an admin's.
      const access = { desktopCaller: () => ({ user: null, role: 'admin' as const, transport: 'ipc' as const, address: 'desktop' }) };
      const engine = { handlers: spec.handlers, events: new EventBus(), access, close: vi.fn(async () => undefined) };
      engines.push(engine);
      return engine;
    };
    serveEngine(parentHost as unknown as HostPort, open, exit);
    parentMain.postMessage({ type: 'init', dbPath: '/tmp/x.db' }, [hostPort]);
    kills.push(() => exit(-9));
    return { port: mainPort as unknown as EnginePort, kill: () => exit(-9), onExit: (l) => (onExit = l) };
  };
  return { spawn, engines, spawnedCount: () => spawned, crashLatest: () => kills.at(-1)?.() };
}

function statuses(client: EngineClient): EngineStatusEvent[] {
  const seen: EngineStatusEvent[] = [];
  client.subscribe((event, payload) => {
    if (event === 'engine:status') seen.push(payload as EngineStatusEvent);
  });
  return seen;
}

describe('engine utilityProcess protocol', () => {
  it('answers calls with envelopes and validates inside the host', async () => {
    const fake = fakeSpawner(() => ({ handlers: engineStubHandlers() }));
    const client = new EngineClient(fake.spawn);
    expect(await client.start()).toEqual({ ok: true });
    expect(await client.invoke('cameras:list', {})).toEqual({ ok: true, value: [] });
    expect(await client.invoke('counts:recent', { limit: -1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await client.close();
  });

  it('forwards engine events to subscribers', async () => {
    const fake = fakeSpawner(() => ({ handlers: engineStubHandlers() }));
    const client = new EngineClient(fake.spawn);
    await client.start();
    const got = new Promise((resolve) => client.subscribe((event, payload) => event === 'live:counts' && resolve(payload)));
    const payload = { cameraId: 'c1', in: 1, out: 0, occupancy: 1, at: '2025-01-01T00:00:00.000Z' };
    fake.engines[0]?.events.emit('live:counts', payload);
    expect(await got).toEqual(payload);
    await client.close();
  });

  it('times out a call the engine never answers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const fake = fakeSpawner(() => ({ handlers: engineStubHandlers({ 'models:list': () => new Promise(() => undefined) }) }));
      const client = new EngineClient(fake.spawn, { callTimeoutMs: 150, shutdownTimeoutMs: 100 });
      await client.start();
      let settled = false;
      const answer = client.invoke('models:list', {}).finally(() => (settled = true));
      await vi.advanceTimersByTimeAsync(149);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await answer).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
      // The host still waits for the call it never answers: the client kills it after the grace.
      const closing = client.close();
      await vi.advanceTimersByTimeAsync(100);
      await closing;
      expect(client.currentState).toBe('stopped');
    } finally {
      vi.useRealTimers();
    }
  });

  it('restarts a dead engine, tells the window, and fails only the calls it lost', async () => {
    const fake = fakeSpawner(() => ({ handlers: engineStubHandlers({ 'models:list': () => new Promise(() => undefined) }) }));
    const client = new EngineClient(fake.spawn, { restartDelayMs: () => 10 });
    const seen = statuses(client);
    await client.start();
    const lost = client.invoke('models:list', {});
    await vi.waitFor(() => expect(fake.engines.length).toBe(1));
    // Crash the child while a call is in flight.
    fake.crashLatest();
    expect(await lost).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    // A call made during the restart waits for the new child.
    expect(await client.invoke('cameras:list', {})).toEqual({ ok: true, value: [] });
    expect(fake.spawnedCount()).toBe(2);
    expect(seen.map((s) => s.state)).toEqual(['running', 'restarting', 'running']);
    expect(seen.at(-1)?.restarts).toBe(1);
    await client.close();
  });

  it('stops restarting after too many deaths in a row', async () => {
    const fake = fakeSpawner(() => ({ handlers: engineStubHandlers() }));
    const client = new EngineClient(fake.spawn, { restartDelayMs: () => 5, maxRestarts: 2, restartWindowMs: 60_000 });
    const seen = statuses(client);
    await client.start();
    const deaths = () => seen.filter((s) => s.state === 'restarting' || s.state === 'stopped').length;
    for (let i = 1; i <= 3; i++) {
      await vi.waitFor(() => expect(client.currentState).toBe('running'));
      fake.crashLatest();
      await vi.waitFor(() => expect(deaths()).toBe(i));
    }
    await vi.waitFor(() => expect(client.currentState).toBe('stopped'));
    expect(seen.at(-1)?.message).toMatch(/not restarting/);
    expect(await client.invoke('cameras:list', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(fake.spawnedCount()).toBe(3);
    await client.close();
  });

  it('does not restart when the engine cannot open its database', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const fake = fakeSpawner(() => ({ handlers: engineStubHandlers(), fail: 'SQLITE_CANTOPEN' }));
      const client = new EngineClient(fake.spawn, { restartDelayMs: () => 5 });
      expect(await client.start()).toEqual({ ok: false, message: 'SQLITE_CANTOPEN' });
      // Far past any restart delay: a restart would have spawned a second engine by now.
      await vi.advanceTimersByTimeAsync(60_000);
      expect(fake.spawnedCount()).toBe(1);
      expect(client.currentState).toBe('stopped');
      await client.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('hosts the real engine on a real database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'footfall-host-'));
    const dbPath = join(dir, 'footfall.db');
    const exits: number[] = [];
    const spawn: SpawnEngine = () => {
      const [mainPort, hostPort] = portPair();
      const [parentMain, parentHost] = portPair();
      let onExit: ((code: number) => void) | null = null;
      serveEngine(parentHost as unknown as HostPort, undefined, (code) => {
        exits.push(code);
        onExit?.(code);
      });
      parentMain.postMessage({ type: 'init', dbPath }, [hostPort]);
      return { port: mainPort as unknown as EnginePort, kill: () => undefined, onExit: (l) => (onExit = l) };
    };
    const client = new EngineClient(spawn, { callTimeoutMs: 60_000, startTimeoutMs: 60_000 });
    try {
      expect(await client.start()).toEqual({ ok: true });
      const info = await client.invoke('app:info', {});
      expect(info).toMatchObject({ ok: true, value: { dbPath, host: 'electron' } });
      // The desktop opens in its passwordless role (viewer): a setting needs an admin's sign-in,
      // whose session main keeps (here: `auth`) and the page never sees.
      expect(await client.invoke('settings:set', { key: 'retention.days', value: 30 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      let token: string | null = null;
      const auth = { get token() { return token; }, onSession: (t: string | null) => void (token = t) };
      const setup = await client.invoke('auth:setup', { username: 'owner', password: 'first-admin-password' }, auth);
      expect(setup).toMatchObject({ ok: true, value: { role: 'admin', user: { username: 'owner' } } });
      expect(JSON.stringify(setup)).not.toContain(token ?? 'no token');
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await client.invoke('settings:set', { key: 'retention.days', value: 30 }, auth)).toMatchObject({ ok: true, value: { key: 'retention.days', value: 30 } });
      expect(await client.invoke('settings:list', {})).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ key: 'retention.days', value: 30 })]) });
      await client.close();
      await vi.waitFor(() => expect(exits).toEqual([0]));
      expect(existsSync(dbPath)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('drains in-flight calls before closing the engine on shutdown', async () => {
    let release: (() => void) | null = null;
    const slow = () => new Promise<[]>((resolve) => (release = () => resolve([])));
    const fake = fakeSpawner(() => ({ handlers: engineStubHandlers({ 'experiments:list': slow }) }));
    const client = new EngineClient(fake.spawn);
    await client.start();
    const inFlight = client.invoke('experiments:list', {});
    // The call has reached the engine's handler (a message hop, not a matter of time).
    await vi.waitFor(() => expect(release).not.toBeNull());
    const closing = client.close();
    expect(await client.invoke('cameras:list', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    // Let the shutdown message reach the host and every hop after it run.
    for (let turn = 0; turn < 20; turn++) await new Promise((r) => setImmediate(r));
    expect(fake.engines[0]?.close).not.toHaveBeenCalled();
    release!();
    expect(await inFlight).toEqual({ ok: true, value: [] });
    await closing;
    expect(fake.engines[0]?.close).toHaveBeenCalledTimes(1);
    expect(client.currentState).toBe('stopped');
  });
});
