/**
 * Each role against each request of the contract. The matrix is generated from the contract
 * (requestNames × roles), so a new request takes part on its own; one that names no role fails
 * the first test, and one whose role differs from POLICY fails the second (POLICY is typed over
 * every request name, so it cannot be forgotten either). The same matrix then runs through the
 * desktop binding (engine-host over its port, as Electron main uses it) and the HTTP binding
 * (the real server), which must give the same answers.
 */
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestNames, requests, requiredRole, type RequestName } from '../../../src/shared/contract';
import { dispatch } from '../../../src/shared/dispatch';
import { ROLES, roleAllows, type Caller, type MinRole, type Role } from '../../../src/shared/roles';
import type { Result } from '../../../src/shared/result';
import { serveEngine, type HostPort } from '../../../src/engine/engine-host';
import { startServer, type RunningServer } from '../../../src/engine/server/server';
import { SESSION_COOKIE } from '../../../src/engine/server/session-cookie';
import { EventBus } from '../../../src/engine/wiring/event-bus';
import { EngineClient, type EnginePort } from '../../../src/main/engine-client';
import { portPair } from '../../support/fake-ports';
import { stubHandlers } from '../../support/stub-handlers';
import { openTestAccess, type TestAccess } from '../../support/test-access';

/** Who may do what, written down once; the contract must say the same. */
const POLICY: Record<RequestName, MinRole> = {
  'auth:login': 'public',
  'auth:setup': 'public',
  'auth:logout': 'viewer',
  'auth:me': 'viewer',
  'auth:changePassword': 'viewer',
  'app:info': 'viewer',
  'cameras:list': 'viewer',
  'cameras:get': 'viewer',
  'live:snapshot': 'viewer',
  'models:list': 'viewer',
  'experiments:status': 'viewer',
  'experiments:create': 'technician',
  'experiments:start': 'technician',
  'experiments:stop': 'technician',
  'experiments:run': 'technician',
  'experiments:conclude': 'technician',
  'models:versions': 'viewer',
  'models:show': 'viewer',
  'models:pipeline': 'viewer',
  'models:deployments': 'viewer',
  'models:lineage': 'viewer',
  'models:trainingCurves': 'viewer',
  'experiments:list': 'viewer',
  'counts:summary': 'viewer',
  'counts:recent': 'viewer',
  'counts:series': 'viewer',
  'counts:export': 'viewer',
  'sales:series': 'viewer',
  'sales:list': 'viewer',
  'sales:import': 'operator',
  'sales:metrics': 'technician',
  'health:cameras': 'viewer',
  'health:models': 'viewer',
  'sync:status': 'viewer',
  'backup:list': 'admin',
  'backup:create': 'admin',
  'backup:restore': 'admin',
  'health:database': 'viewer',
  'retention:preview': 'admin',
  'performance:series': 'viewer',
  'drift:status': 'viewer',
  'drift:check': 'technician',
  'audits:next': 'operator',
  'audits:answer': 'operator',
  'audits:report': 'viewer',
  'health:uptime': 'viewer',
  'settings:list': 'viewer',
  'cameras:add': 'technician',
  'cameras:edit': 'technician',
  'cameras:remove': 'technician',
  'cameras:setEnabled': 'technician',
  'cameras:test': 'technician',
  'cameras:devices': 'technician',
  'cameras:frame': 'technician',
  'cameras:status': 'viewer',
  'recordings:list': 'technician',
  'models:import': 'technician',
  'models:branch': 'technician',
  'models:merge': 'technician',
  'models:review': 'technician',
  'models:evaluate': 'technician',
  'models:promote': 'technician',
  'models:rollback': 'technician',
  'models:training': 'technician',
  'models:verify': 'technician',
  'models:derive': 'technician',
  'models:progress': 'technician',
  'settings:set': 'admin',
  'users:list': 'admin',
  'users:add': 'admin',
  'users:update': 'admin',
  'users:resetPassword': 'admin',
  'audit:list': 'admin',
  'audit:export': 'admin',
};

const CALLERS: Array<Role | null> = [null, ...ROLES];
const callerAs = (role: Role | null): Caller =>
  role === null ? { user: null, role: null, transport: 'internal', address: 'test' } : { user: { id: 1, username: role, role }, role, transport: 'internal', address: 'test' };

/** The answer the role check gives: through (the stub then answers), or the refusal's code. */
function expected(role: Role | null, name: RequestName): 'through' | 'UNAUTHENTICATED' | 'FORBIDDEN' {
  if (roleAllows(role, requiredRole(name))) return 'through';
  return role === null ? 'UNAUTHENTICATED' : 'FORBIDDEN';
}
const outcome = (r: Result<unknown>): string => (r.ok ? 'ok' : r.error.code === 'UNAVAILABLE' || r.error.code === 'VALIDATION' ? 'through' : r.error.code);

describe('the contract names a role for every request', () => {
  it.each(requestNames)('%s declares its role', (name) => {
    const spec: { role?: MinRole } = requests[name];
    expect(spec.role, `${name} has no role in the contract (request-spec.ts)`).toBeDefined();
  });

  it('the roles are the policy, and the policy covers exactly the contract', () => {
    expect(Object.keys(POLICY).sort()).toEqual([...requestNames].sort());
    expect(Object.fromEntries(requestNames.map((n) => [n, requiredRole(n)]))).toEqual(POLICY);
  });
});

describe('dispatch enforces each role against each request', () => {
  const table = CALLERS.flatMap((role) => requestNames.map((name) => [role ?? 'nobody', name, expected(role, name)] as const));
  it.each(table)('%s → %s: %s', async (roleName, name, want) => {
    const role = roleName === 'nobody' ? null : (roleName as Role);
    let reached = false;
    const handlers = stubHandlers({ [name]: () => ((reached = true), null) });
    const r = await dispatch(handlers, name, {}, callerAs(role));
    // Through the role check, a request either runs or fails validation of its empty input.
    expect(outcome(r) === 'ok' ? 'through' : outcome(r)).toBe(want);
    if (want !== 'through') expect(reached).toBe(false);
  });

  it('a user who must change the password may only do that, see who they are, or sign out', async () => {
    const caller = { ...callerAs('admin'), mustChangePassword: true };
    const handlers = stubHandlers({ 'auth:me': () => null as never, 'cameras:list': () => [] });
    expect(await dispatch(handlers, 'auth:me', {}, caller)).toEqual({ ok: true, value: null });
    expect(await dispatch(handlers, 'cameras:list', {}, caller)).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
  });
});

describe('IPC and HTTP give the same answers', () => {
  let t: TestAccess;
  let server: RunningServer;
  let client: EngineClient;
  const cookies = new Map<Role, string>();
  const ipcTokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await openTestAccess();
    const handlers = stubHandlers({});
    server = await startServer({ handlers, events: new EventBus(), access: t.access, port: 0, staticDir: tmpdir() });
    for (const role of ROLES) {
      const id = await t.addUser(`${role}-user`, role);
      cookies.set(role, t.cookieFor(id));
      ipcTokens.set(role, t.access.sessions.create(id, 'ipc', 'desktop', { idleMs: 3600_000, absoluteMs: 3600_000 }).token);
    }
    // The desktop binding: main's EngineClient and the engine host, over ports like Electron's.
    client = new EngineClient(() => {
      const [mainPort, hostPort] = portPair();
      const [parentMain, parentHost] = portPair();
      serveEngine(parentHost as unknown as HostPort, async () => ({ handlers, events: new EventBus(), access: t.access, close: async () => undefined }), () => undefined);
      parentMain.postMessage({ type: 'init', dbPath: ':memory:' }, [hostPort]);
      return { port: mainPort as unknown as EnginePort, kill: () => undefined, onExit: () => undefined };
    });
    expect(await client.start()).toEqual({ ok: true });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
    t.close();
  });

  function http(name: string, cookie: string | undefined): Promise<{ status: number; body: Result<unknown> }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: server.port, path: `/api/${name}`, method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Result<unknown> }));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
  }

  it.each(ROLES)('%s: every request answers alike over IPC and HTTP, with the HTTP status of its refusal', async (role) => {
    const token = ipcTokens.get(role)!;
    const auth = { token, onSession: () => undefined };
    const rows: Array<[string, string, string, number]> = [];
    for (const name of requestNames) {
      // Signing out would end the session the rest of the table uses.
      if (name === 'auth:logout') continue;
      const ipc = outcome(await client.invoke(name, {}, auth));
      const h = await http(name, cookies.get(role));
      rows.push([name, ipc, outcome(h.body), h.status]);
    }
    const want = rows.map(([name]) => {
      const e = expected(role, name as RequestName);
      return [name, e, e, e === 'FORBIDDEN' ? 403 : 200];
    });
    expect(rows).toEqual(want);
  });

  it('without a session HTTP answers 401 to all but sign-in; the desktop answers in its passwordless role', async () => {
    for (const name of requestNames) {
      const h = await http(name, undefined);
      const ipc = outcome(await client.invoke(name, {}));
      expect([name, outcome(h.body), h.status]).toEqual([name, expected(null, name) === 'through' ? 'through' : 'UNAUTHENTICATED', POLICY[name] === 'public' ? 200 : 401]);
      expect([name, ipc]).toEqual([name, expected('viewer', name)]);
    }
    // A cookie that is no session is no better than none.
    expect((await http('cameras:list', `${SESSION_COOKIE}=${'x'.repeat(43)}`)).status).toBe(401);
  });

  it('the desktop role without a password is configurable (viewer by default, never above operator)', async () => {
    expect(t.access.desktopCaller(null).role).toBe('viewer');
    t.repos.settings.set('access.desktop_role', 'operator');
    expect(t.access.desktopCaller(null).role).toBe('operator');
    t.repos.settings.set('access.desktop_role', 'admin');
    expect(t.access.desktopCaller(null).role).toBe('viewer');
  });
});
