/**
 * Cameras that cannot work end in `failed` with the reason a person needs to fix them — wrong
 * password (auth), nothing listening (refused, after bounded retries), unknown host (unreachable)
 * — and a message without the password. A network failure is still retried quietly, so a camera
 * that comes back heals by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveFfmpegPids } from '../../../src/engine/capture/process-control';
import { freePort, startRtspServer, stopAllServers, type RtspServer } from '../../fixtures/servers/servers';
import { openTestEngine, type TestEngine } from './helpers';

const PASSWORD = 'Fail-Sentinel-Pw-7731';

let t: TestEngine;
let auth: RtspServer;

beforeAll(async () => {
  auth = await startRtspServer({ user: 'admin', password: PASSWORD });
  t = await openTestEngine({
    cameras: {
      giveUp: { refused: { attempts: 3, afterMs: 1000 }, unreachable: { attempts: 2, afterMs: 0 } },
      maxPermanentFailures: 2,
      backoff: { initialMs: 200, factor: 2, maxMs: 1000, jitter: 0 },
      failedRetryMs: 3000,
    },
  });
}, 60_000);

afterAll(async () => {
  await t?.engine.close();
  await stopAllServers();
});

function expectNoPassword(...values: unknown[]): void {
  const text = JSON.stringify(values);
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(encodeURIComponent(PASSWORD));
}

describe('cameras that cannot work end in failed, with the right reason and no password', () => {
  it('wrong password → failed/auth', async () => {
    const wrong = `x${PASSWORD}`;
    const added = await t.ok('cameras:add', { name: 'wrong pw', cameraId: 'wrong-pw', url: auth.credentialUrl.replace(PASSWORD, wrong) });
    const failed = await t.health.waitFor('wrong-pw', 'failed', 30_000);
    expect(failed.reason).toBe('auth');
    const state = t.engine.cameras!.runtime('wrong-pw')!.state;
    expect(state.message).toMatch(/401|Unauthorized/i);
    expect(state.message).not.toContain(wrong);
    expectNoPassword(added, state, t.health.seen);
    expect(JSON.stringify([state, t.health.seen])).not.toContain(wrong);
    expect(t.engine.cameras!.runtime('wrong-pw')!.ffmpegPid).toBeNull();
  });

  it('the right password (decrypted only for ffmpeg) makes the same camera live', async () => {
    const editedAt = Date.now();
    const edited = await t.ok('cameras:edit', { cameraId: 'wrong-pw', password: PASSWORD });
    expect(edited.hasPassword).toBe(true);
    expect((await t.health.waitFor('wrong-pw', 'live', 30_000, editedAt)).state).toBe('live');
    await t.ok('cameras:remove', { cameraId: 'wrong-pw' });
  });

  it('refused port → reconnecting a few times, then failed/refused; it heals when the camera appears', async () => {
    const port = await freePort();
    const since = Date.now();
    await t.ok('cameras:add', { name: 'refused', cameraId: 'refused', url: `rtsp://admin:${PASSWORD}@127.0.0.1:${port}/cam` });
    const failed = await t.health.waitFor('refused', 'failed', 30_000, since);
    expect(failed.reason).toBe('refused');
    expect(t.health.states('refused', since)).toMatch(/reconnecting\/refused.*failed\/refused/);
    const state = t.engine.cameras!.runtime('refused')!.state;
    expect(state.message).toMatch(/refused/i);
    expect(state.message).toContain('next try in 3 s');
    expectNoPassword(state, t.health.seen);
    // Failed: no ffmpeg hammers the port in the meantime.
    expect(t.engine.cameras!.runtime('refused')!.ffmpegPid).toBeNull();
    // The camera comes up on that port: the quiet retry finds it.
    const srv = await startRtspServer({ port });
    try {
      await t.health.waitFor('refused', 'live', 30_000, failed.at);
    } finally {
      await t.ok('cameras:remove', { cameraId: 'refused' });
      await srv.stop();
    }
  });

  it('unknown host → failed/unreachable', async () => {
    const since = Date.now();
    await t.ok('cameras:add', { name: 'unknown host', cameraId: 'unknown-host', url: `rtsp://admin:${PASSWORD}@camera-does-not-exist.invalid:554/cam` });
    const failed = await t.health.waitFor('unknown-host', 'failed', 40_000, since);
    expect(failed.reason).toBe('unreachable');
    const state = t.engine.cameras!.runtime('unknown-host')!.state;
    expectNoPassword(state, t.health.seen);
    expect(state.message).toContain('camera-does-not-exist.invalid');
  });

  it('cameras:test reports the same reasons without the password', async () => {
    const wrong = await t.ok('cameras:test', { url: auth.credentialUrl.replace(PASSWORD, `${PASSWORD}-x`) });
    expect(wrong).toMatchObject({ ok: false, reason: 'auth' });
    const refused = await t.ok('cameras:test', { url: `rtsp://127.0.0.1:${await freePort()}/cam`, password: PASSWORD, username: 'admin' });
    expect(refused).toMatchObject({ ok: false, reason: 'refused' });
    const right = await t.ok('cameras:test', { url: auth.url, username: 'admin', password: PASSWORD });
    expect(right).toMatchObject({ ok: true, width: 320, height: 240 });
    expectNoPassword(wrong, refused, right);
    expect(JSON.stringify(wrong)).not.toContain(`${PASSWORD}-x`);
  });

  it('a removed camera leaves no ffmpeg; the engine stops with none left', async () => {
    await t.ok('cameras:remove', { cameraId: 'unknown-host' });
    expect(t.engine.cameras!.running).toHaveLength(0);
    expect(liveFfmpegPids()).toEqual([]);
  });
});
