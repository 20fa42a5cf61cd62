import { request as httpRequest } from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { Handlers } from '../../../src/shared/contract';
import type { AppInfo, CameraDto, SettingDto } from '../../../src/shared/dto';
import { EventBus } from '../../../src/engine/wiring/event-bus';
import { startServer, type RunningServer } from '../../../src/engine/server/server';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/csp';
import { stubHandlers } from '../../support/stub-handlers';
import { openTestAccess, type TestAccess } from '../../support/test-access';

/** Every request below is signed in as an admin unless it says otherwise (sign-in has its own tests). */
let cookie = '';
let testAccess: TestAccess;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** node:http rather than fetch: the tests must forge Host/Origin headers fetch would not send. */
function send(server: RunningServer, path: string, opts: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: { cookie, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const postJson = (server: RunningServer, name: string, body: string, headers: Record<string, string> = {}) =>
  send(server, `/api/${name}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

function envelope(reply: Reply): { ok: boolean; value?: unknown; error?: { code: string; message: string } } {
  return JSON.parse(reply.text) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

const info: AppInfo = {
  name: 'Footfall',
  version: '0.0.0-test',
  host: 'serve',
  dbPath: '/tmp/test.db',
  schemaVersion: 3,
  latestSchemaVersion: 3,
  ffmpeg: { error: 'not needed' },
  defaultModel: { path: '/nowhere.onnx', present: false },
  recovery: null,
};

function makeHandlers() {
  const setting: SettingDto = { key: 'retention.days', value: 30, updatedAt: '2025-01-01T00:00:00.000Z' };
  return stubHandlers({
    'app:info': vi.fn(() => info),
    'cameras:list': vi.fn(() => []),
    'models:list': vi.fn(() => []),
    'models:versions': vi.fn(() => []),
    'experiments:list': vi.fn(() => []),
    'counts:summary': vi.fn(() => ({ cameraId: null, totalIn: 0, totalOut: 0, buckets: [] })),
    'counts:recent': vi.fn(() => []),
    'health:cameras': vi.fn(() => []),
    'health:models': vi.fn(() => []),
    'settings:list': vi.fn(() => [setting]),
    'settings:set': vi.fn((input: { key: string; value: unknown }) => ({ ...setting, key: input.key, value: input.value })),
  });
}

describe('headless server', () => {
  let dir: string;
  let staticDir: string;
  let server: RunningServer;
  let events: EventBus;
  let handlers: ReturnType<typeof makeHandlers>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'footfall-server-'));
    staticDir = join(dir, 'renderer');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Footfall</title>');
    writeFileSync(join(staticDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    writeFileSync(join(staticDir, 'assets', 'app-abc123.css'), 'body{}');
    writeFileSync(join(dir, 'secret.txt'), 'top secret');
    events = new EventBus();
    handlers = makeHandlers();
    testAccess = await openTestAccess();
    cookie = testAccess.cookieFor(await testAccess.addUser('admin', 'admin'));
    server = await startServer({ handlers, events, access: testAccess.access, port: 0, staticDir });
  });
  afterAll(async () => {
    await server.close();
    testAccess.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('binds loopback on an ephemeral port', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('answers a valid request with a 200 envelope', async () => {
    const reply = await postJson(server, 'app:info', '{}');
    expect(reply.status).toBe(200);
    expect(envelope(reply)).toEqual({ ok: true, value: info });
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('applies schema defaults before the handler runs', async () => {
    const reply = await postJson(server, 'counts:recent', '{}');
    expect(envelope(reply).ok).toBe(true);
    expect(handlers['counts:recent']).toHaveBeenCalledWith({ limit: 50 }, expect.objectContaining({ role: 'admin' }));
  });

  it('refuses malformed JSON with 400 VALIDATION before the handler runs', async () => {
    const reply = await postJson(server, 'settings:set', '{"key": "a",');
    expect(reply.status).toBe(400);
    expect(envelope(reply)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(handlers['settings:set']).not.toHaveBeenCalled();
  });

  it('refuses wrong types with VALIDATION before the handler runs', async () => {
    const reply = await postJson(server, 'counts:recent', JSON.stringify({ limit: 'ten' }));
    expect(reply.status).toBe(200);
    expect(envelope(reply)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const extra = await postJson(server, 'cameras:list', JSON.stringify({ sneaky: true }));
    expect(envelope(extra)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(handlers['counts:recent']).not.toHaveBeenCalled();
    expect(handlers['cameras:list']).not.toHaveBeenCalled();
  });

  it('refuses huge strings and oversized bodies before the handler runs', async () => {
    const longKey = await postJson(server, 'settings:set', JSON.stringify({ key: 'a'.repeat(100_000), value: 1 }));
    expect(envelope(longKey)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const huge = await postJson(server, 'settings:set', JSON.stringify({ key: 'retention.days', value: 'x'.repeat(2_000_000) }));
    expect(huge.status).toBe(413);
    expect(envelope(huge)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(handlers['settings:set']).not.toHaveBeenCalled();
  });

  it('refuses __proto__ keys before the handler runs', async () => {
    const reply = await postJson(server, 'settings:set', '{"key":"retention.days","value":{"__proto__":{"polluted":true}}}');
    expect(envelope(reply)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const top = await postJson(server, 'app:info', '{"__proto__":{"polluted":true}}');
    expect(envelope(top)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(handlers['settings:set']).not.toHaveBeenCalled();
    expect(handlers['app:info']).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers an unknown request with 404 UNKNOWN_REQUEST', async () => {
    const reply = await postJson(server, 'system:exec', '{}');
    expect(reply.status).toBe(404);
    expect(envelope(reply)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_REQUEST' } });
    const proto = await postJson(server, '__proto__', '{}');
    expect(proto.status).toBe(404);
  });

  it('requires POST with a JSON content type', async () => {
    expect((await send(server, '/api/app:info')).status).toBe(405);
    const text = await send(server, '/api/app:info', { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(handlers['app:info']).not.toHaveBeenCalled();
  });

  it('turns a throwing handler into an envelope', async () => {
    handlers['models:list'].mockImplementationOnce(() => {
      throw new Error('disk on fire');
    });
    const reply = await postJson(server, 'models:list', '{}');
    expect(reply.status).toBe(200);
    expect(envelope(reply)).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'disk on fire' } });
  });

  it('serves static files with types, security headers and an SPA fallback', async () => {
    const index = await send(server, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const js = await send(server, '/assets/app-abc123.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await send(server, '/assets/app-abc123.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const route = await send(server, '/dashboard');
    expect(route.status).toBe(200);
    expect(route.text).toContain('<title>Footfall</title>');
    expect((await send(server, '/assets/missing.js')).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/%00index.html',
    '/%E0%A4%A',
  ])('refuses path traversal %s', async (path) => {
    const reply = await send(server, path);
    expect(reply.text).not.toContain('top secret');
    expect([400, 403, 404]).toContain(reply.status);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const rebound = await send(server, '/', { headers: { host: `evil.example:${server.port}` } });
    expect(rebound.status).toBe(403);
    const foreign = await postJson(server, 'app:info', '{}', { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(envelope(foreign)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const nullOrigin = await postJson(server, 'app:info', '{}', { origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    expect(handlers['app:info']).not.toHaveBeenCalled();
    const own = await postJson(server, 'app:info', '{}', { origin: server.url });
    expect(own.status).toBe(200);
  });

  it('pushes EventBus events over the /events WebSocket', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events`, { origin: server.url, headers: { cookie } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const received = new Promise<unknown>((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')))));
    const payload = { cameraId: 'cam-1', in: 3, out: 1, occupancy: 2, at: '2025-01-01T00:00:00.000Z' };
    events.emit('live:counts', payload);
    expect(await received).toEqual({ event: 'live:counts', payload });
    ws.close();
  });

  it('refuses a WebSocket from a foreign origin', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events`, { origin: 'http://evil.example', headers: { cookie } });
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
      ws.once('error', () => resolve(-1));
    });
    expect(status).toBe(403);
  });

  it('never crashes on random JSON payloads and always answers with an envelope', async () => {
    const names = ['app:info', 'settings:set', 'counts:summary', 'counts:recent', 'models:versions', 'nope:nope'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), fc.string()), async (name, body) => {
        const reply = await postJson(server, name, body);
        expect([200, 400, 404]).toContain(reply.status);
        const env = envelope(reply);
        expect(typeof env.ok).toBe('boolean');
        if (!env.ok) expect(typeof env.error?.code).toBe('string');
      }),
      { numRuns: 150 },
    );
    // Still alive and answering normally.
    expect(envelope(await postJson(server, 'app:info', '{}')).ok).toBe(true);
  });
});

describe('server shutdown', () => {
  it('drains an in-flight request before closing', async () => {
    let release: () => void = () => undefined;
    const slowList = vi.fn(() => new Promise<CameraDto[]>((resolve) => (release = () => resolve([]))));
    const handlers: Handlers = { ...makeHandlers(), 'cameras:list': slowList };
    const t = await openTestAccess();
    cookie = t.cookieFor(await t.addUser('admin', 'admin'));
    const server = await startServer({ handlers, events: new EventBus(), access: t.access, port: 0, staticDir: tmpdir() });
    const pending = postJson(server, 'cameras:list', '{}');
    await vi.waitFor(() => expect(slowList).toHaveBeenCalled());
    const closed = server.close();
    release();
    const reply = await pending;
    expect(envelope(reply)).toEqual({ ok: true, value: [] });
    await closed;
    t.close();
  });
});
