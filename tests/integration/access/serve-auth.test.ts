/**
 * Sign-in against a real `serve`: the real engine on a real database file, the real server, the
 * real HTTP and WebSocket clients of node. Time is the engine's injected clock, moved by hand:
 * nothing here sleeps and no timing is asserted.
 */
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { manualClock } from '../../../src/engine/access/clock';
import { DEFAULT_MODEL_ID, DEFAULT_MODEL_VERSION } from '../../../src/engine/registry/ensure-model';
import { startServer, type RunningServer } from '../../../src/engine/server/server';
import { openEngine, type Engine } from '../../../src/engine/wiring/open-engine';
import type { AuditEntryDto, AuthMeDto, UserDto } from '../../../src/shared/dto-access';
import { TEST_SCRYPT_COST } from '../../support/test-access';

const VTEST = resolve(import.meta.dirname, '../../fixtures/media/vtest.avi');
const PASSWORDS = {
  admin: 'Admin-pass-0001',
  viewer: 'Viewer-pass-0002',
  operator: 'Operator-pass-0003',
  technician: 'Technician-pass-0004',
  technicianNew: 'Technician-new-0005',
};
const CAMERA_SECRET = 'Cam-secret-0006';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

describe('serve with sign-in (real engine, real server, fake clock)', () => {
  const clock = manualClock(Date.now());
  let dir: string;
  let dbPath: string;
  let engine: Engine;
  let server: RunningServer;
  /** Every reply the tests saw, headers and body, searched for passwords at the end. */
  const seen: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'footfall-auth-'));
    dbPath = join(dir, 'footfall.db');
    engine = await openEngine({ dbPath, host: 'serve', cameras: false, access: { clock, cost: TEST_SCRYPT_COST } });
    server = await startServer({ handlers: engine.handlers, events: engine.events, access: engine.access, port: 0, staticDir: tmpdir() });
  });
  afterAll(async () => {
    await server.close();
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function post(name: string, body: unknown = {}, cookie?: string): Promise<Reply> {
    return new Promise((done, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: `/api/${name}`,
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: server.url, ...(cookie ? { cookie } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            seen.push(JSON.stringify(res.headers), text);
            done({ status: res.statusCode ?? 0, headers: res.headers, text, body: JSON.parse(text) as Reply['body'] });
          });
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
  }

  const cookieOf = (r: Reply): string => {
    const set = ([] as string[]).concat(r.headers['set-cookie'] ?? [])[0] ?? '';
    return set.split(';')[0] ?? '';
  };

  async function signIn(username: string, password: string): Promise<string> {
    const r = await post('auth:login', { username, password });
    expect(r.status, r.text).toBe(200);
    return cookieOf(r);
  }

  function socketStatus(cookie?: string): Promise<number> {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events`, { origin: server.url, headers: cookie ? { cookie } : {} });
    return new Promise((done) => {
      ws.once('unexpected-response', (_req, res) => done(res.statusCode ?? 0));
      ws.once('open', () => {
        ws.close();
        done(101);
      });
      ws.once('error', () => done(-1));
    });
  }

  let adminCookie = '';
  const db0 = () => engine.db;
  const ids: Record<string, number> = {};

  it('a first start asks for the admin account, then signs it in with an HttpOnly SameSite=Strict cookie', async () => {
    const before = await post('cameras:list');
    expect([before.status, before.body.error?.code]).toEqual([401, 'SETUP_REQUIRED']);
    const setup = await post('auth:setup', { username: 'owner', password: PASSWORDS.admin });
    expect(setup.status).toBe(200);
    expect((setup.body.value as AuthMeDto).user).toMatchObject({ username: 'owner', role: 'admin' });
    const setCookie = String(([] as string[]).concat(setup.headers['set-cookie'] ?? [])[0]);
    expect(setCookie).toMatch(/^footfall_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    // The id is in the cookie only: never in a reply body.
    expect(setup.text).not.toContain(cookieOf(setup).split('=')[1]);
    adminCookie = cookieOf(setup);
    // Only once.
    expect((await post('auth:setup', { username: 'mallory', password: 'another-password' })).body.error?.code).toBe('SETUP_DONE');
    for (const role of ['viewer', 'operator', 'technician'] as const) {
      const r = await post('users:add', { username: role, role, password: PASSWORDS[role], mustChangePassword: false }, adminCookie);
      expect(r.status, r.text).toBe(200);
      ids[role] = (r.body.value as UserDto).id;
    }
    ids.admin = (setup.body.value as AuthMeDto).user!.id;
  });

  it('no session: 401 on cameras:list and on the event socket', async () => {
    const r = await post('cameras:list');
    expect([r.status, r.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(await socketStatus()).toBe(401);
    expect(await socketStatus('footfall_session=not-a-session')).toBe(401);
    expect(await socketStatus(adminCookie)).toBe(101);
  });

  it('viewer: cameras:list 200, models:promote 403; technician: allowed', async () => {
    const viewer = await signIn('viewer', PASSWORDS.viewer);
    expect((await post('cameras:list', {}, viewer)).status).toBe(200);
    const refused = await post('models:promote', { modelId: DEFAULT_MODEL_ID, version: DEFAULT_MODEL_VERSION }, viewer);
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    const tech = await signIn('technician', PASSWORDS.technician);
    // Allowed: the role check lets it through to the registry (which then checks the request itself).
    const unknown = await post('models:promote', { modelId: 'no-such-model', version: '1.0.0' }, tech);
    expect(unknown.status).toBe(200);
    expect(unknown.body.error?.code).not.toBe('FORBIDDEN');
    expect((await post('users:list', {}, tech)).status).toBe(403);
  });

  it('10 wrong passwords → 429, and the right one is refused too until the back-off has passed', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await post('auth:login', { username: 'operator', password: `wrong-guess-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    const right = await post('auth:login', { username: 'operator', password: PASSWORDS.operator });
    expect([right.status, right.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    clock.advance(29_000);
    expect((await post('auth:login', { username: 'operator', password: PASSWORDS.operator })).status).toBe(429);
    clock.advance(1_000);
    expect((await post('auth:login', { username: 'operator', password: PASSWORDS.operator })).status).toBe(200);
    // A name that is no account (a password typed into the wrong field?) is counted but not written down.
    expect((await post('auth:login', { username: 'hunter2-not-a-user', password: 'whatever-it-is' })).status).toBe(401);
    // Each failure is in the audit log, without the password.
    const audit = (await post('audit:list', { limit: 50 }, adminCookie)).body.value as AuditEntryDto[];
    expect(audit.filter((e) => e.action === 'auth:login' && e.target === 'operator' && e.outcome === 'failed')).toHaveLength(5);
    expect(audit.filter((e) => e.action === 'auth:login' && e.target === 'operator' && e.outcome === 'refused').length).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(audit)).not.toContain('hunter2-not-a-user');
    expect(audit[0]).toMatchObject({ action: 'auth:login', target: null, outcome: 'failed', details: { knownUser: false } });
  });

  it('a stolen cookie is useless after sign-out, and after a password change', async () => {
    const stolen = await signIn('operator', PASSWORDS.operator);
    expect((await post('cameras:list', {}, stolen)).status).toBe(200);
    // A socket open with it is closed when the session ends.
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events`, { origin: server.url, headers: { cookie: stolen } });
    await new Promise<void>((done, reject) => {
      ws.once('open', () => done());
      ws.once('error', reject);
    });
    const closed = new Promise<void>((done) => ws.once('close', () => done()));
    const out = await post('auth:logout', {}, stolen);
    await closed;
    expect(out.status).toBe(200);
    expect(String(([] as string[]).concat(out.headers['set-cookie'] ?? [])[0])).toMatch(/^footfall_session=; .*Max-Age=0/);
    expect((await post('cameras:list', {}, stolen)).status).toBe(401);
    expect(await socketStatus(stolen)).toBe(401);

    const first = await signIn('technician', PASSWORDS.technician);
    const second = await signIn('technician', PASSWORDS.technician);
    const changed = await post('auth:changePassword', { currentPassword: PASSWORDS.technician, newPassword: PASSWORDS.technicianNew }, first);
    expect(changed.status, changed.text).toBe(200);
    expect((await post('cameras:list', {}, first)).status).toBe(401);
    expect((await post('cameras:list', {}, second)).status).toBe(401);
    // The one who changed it got a fresh session.
    expect((await post('cameras:list', {}, cookieOf(changed))).status).toBe(200);
    expect((await post('auth:login', { username: 'technician', password: PASSWORDS.technician })).status).toBe(401);
  });

  it('sessions end when idle and at their absolute expiry', async () => {
    const c = await signIn('viewer', PASSWORDS.viewer);
    clock.advance(29 * 60_000);
    expect((await post('cameras:list', {}, c)).status).toBe(200);
    clock.advance(29 * 60_000);
    expect((await post('cameras:list', {}, c)).status).toBe(200);
    clock.advance(31 * 60_000);
    expect((await post('cameras:list', {}, c)).status).toBe(401);
    // Used all along, it still ends after 12 hours.
    const busy = await signIn('viewer', PASSWORDS.viewer);
    for (let i = 0; i < 40; i++) {
      clock.advance(25 * 60_000);
      if ((await post('cameras:list', {}, busy)).status !== 200) break;
    }
    expect((await post('cameras:list', {}, busy)).status).toBe(401);
    adminCookie = await signIn('owner', PASSWORDS.admin);
  });

  it('the who-columns and the audit log name the user after a camera edit, a settings change and a promote', async () => {
    const tech = await signIn('technician', PASSWORDS.technicianNew);
    const add = await post('cameras:add', { cameraId: 'door', name: 'Door', url: VTEST, sourceKind: 'file', frameWidth: 768, frameHeight: 576, lines: [{ x1: 384, y1: 0, x2: 384, y2: 576 }] }, tech);
    expect(add.body.ok, add.text).toBe(true);
    const secretCam = await post('cameras:add', { cameraId: 'till', name: 'Till', url: `rtsp://cam:${CAMERA_SECRET}@127.0.0.1:9/s1`, frameWidth: 640, frameHeight: 480, enabled: false }, tech);
    expect(secretCam.body.ok, secretCam.text).toBe(true);
    expect((await post('cameras:edit', { cameraId: 'door', name: 'Front door' }, tech)).body.ok).toBe(true);
    const set = await post('settings:set', { key: 'retention.days', value: 45 }, adminCookie);
    expect(set.body.ok, set.text).toBe(true);
    // A review names the signed-in user, whatever name the payload gives.
    const review = await post('models:review', { modelId: DEFAULT_MODEL_ID, version: DEFAULT_MODEL_VERSION, decision: 'approved', reviewer: 'somebody-else', notes: 'ok' }, tech);
    expect(review.body.ok, review.text).toBe(true);
    expect(review.body.value).toMatchObject({ reviewedBy: 'technician' });
    expect(db0().prepare('SELECT reviewed_by FROM model_version_control WHERE model_id = ? AND version_number = ? ORDER BY id DESC LIMIT 1').get(DEFAULT_MODEL_ID, DEFAULT_MODEL_VERSION)).toEqual({
      reviewed_by: ids.technician,
    });
    // No wait at the canary: this test is about who is recorded, not about the canary's guards.
    const promote = await post('models:promote', { modelId: DEFAULT_MODEL_ID, version: DEFAULT_MODEL_VERSION, cameraId: 'door', benchmarkRuns: 1, shadowFrames: 1, canaryMinutes: 0 }, tech);
    expect(promote.body.ok, promote.text).toBe(true);
    const pipelineId = (promote.body.value as { pipeline: { pipelineId: string } }).pipeline.pipelineId;

    const db = engine.db;
    expect(db.prepare("SELECT created_by, updated_by FROM cameras WHERE camera_id = 'door'").get()).toEqual({ created_by: ids.technician, updated_by: ids.technician });
    expect(db.prepare("SELECT updated_by FROM settings WHERE key = 'retention.days'").get()).toEqual({ updated_by: ids.admin });
    expect(db.prepare('SELECT deployed_by FROM camera_model_deployments WHERE pipeline_id = ?').all(pipelineId)).toEqual([{ deployed_by: ids.technician }]);
    const eventUsers = db.prepare('SELECT DISTINCT user_id FROM model_deployment_events WHERE pipeline_id = ?').all(pipelineId);
    expect(eventUsers).toEqual([{ user_id: ids.technician }]);
    expect(db.prepare('SELECT deployment_config FROM model_deployment_pipeline WHERE pipeline_id = ?').get(pipelineId)).toMatchObject({
      deployment_config: expect.stringContaining('"requestedBy":"technician"'),
    });

    const audit = (await post('audit:list', { limit: 200 }, adminCookie)).body.value as AuditEntryDto[];
    const find = (action: string) => audit.find((e) => e.action === action && e.outcome === 'ok');
    expect(find('cameras:edit')).toMatchObject({ username: 'technician', userId: ids.technician, target: 'camera door', before: { name: 'Door' }, after: { name: 'Front door' } });
    expect(find('settings:set')).toMatchObject({ username: 'owner', target: 'setting retention.days', before: null, after: { key: 'retention.days', value: 45 } });
    expect(find('models:promote')).toMatchObject({ username: 'technician', target: `model ${DEFAULT_MODEL_ID}@${DEFAULT_MODEL_VERSION} on camera door` });
    expect(find('models:promote')?.after).toEqual(expect.arrayContaining([expect.objectContaining({ cameraId: 'door', role: 'production' })]));
    // A viewer cannot read it.
    expect((await post('audit:list', {}, await signIn('viewer', PASSWORDS.viewer))).status).toBe(403);
    // Append-only, and exportable.
    expect(() => db.prepare('UPDATE audit_log SET username = NULL').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    const csv = (await post('audit:export', { format: 'csv' }, adminCookie)).body.value as { text: string; count: number };
    expect(csv.text.split('\r\n')[0]).toBe('id,at,user_id,username,action,target,outcome,address,before,after,details');
    expect(csv.text).toContain('cameras:edit');
  });

  it('no password appears in any database byte, log line or reply', async () => {
    // Make sure the WAL has been folded in and the log written.
    engine.db.pragma('wal_checkpoint(TRUNCATE)');
    const secrets = [...Object.values(PASSWORDS), CAMERA_SECRET];
    const files = readdirSync(dir).filter((f) => /^footfall\.(db|db-wal|db-shm|log)/.test(f));
    expect(files).toEqual(expect.arrayContaining(['footfall.db', 'footfall.log']));
    for (const file of files) {
      const bytes = readFileSync(join(dir, file));
      for (const s of secrets) expect(bytes.includes(Buffer.from(s, 'utf8')), `${s} in ${file}`).toBe(false);
    }
    const log = readFileSync(join(dir, 'footfall.log'), 'utf8');
    expect(log).toMatch(/sign-in failed/);
    expect(log).not.toContain('hunter2-not-a-user');
    for (const s of secrets) expect(seen.some((text) => text.includes(s)), `${s} in a reply`).toBe(false);
  });
});
