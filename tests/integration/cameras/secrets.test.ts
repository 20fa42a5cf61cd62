/**
 * Camera secrets: the serve key file (0600, refused when others can read it), AES-GCM sealing,
 * and a sentinel password that must never appear in the database file's bytes (main file, WAL,
 * shared memory), the log file, any error, any contract reply or any pushed event.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAesGcmSecretBox } from '../../../src/engine/secrets/aes-gcm-secret-box';
import { keyFilePathFor, keyFileProblem, openKeyFileSecretBox } from '../../../src/engine/secrets/key-file-secret-box';
import { SecretBoxError } from '../../../src/engine/secrets/secret-box';
import { requestNames, type RequestName } from '../../../src/shared/contract';
import { cameraRequests } from '../../../src/shared/requests-cameras';
import { startMjpegServer, startRtspServer, stopAllServers } from '../../fixtures/servers/servers';
import { openTestEngine } from './helpers';

const SENTINEL = 'Sentinel-Pw-9f3e1c';
const TOKEN = 'Sentinel-Token-77ab';

afterAll(async () => {
  await stopAllServers();
});

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'footfall-secrets-'));
}

describe('key file secret box', () => {
  it('creates a 32-byte key readable only by its owner, and round-trips secrets', () => {
    const dir = tmp();
    const path = keyFilePathFor(join(dir, 'footfall.db'));
    const box = openKeyFileSecretBox(path);
    expect(existsSync(path)).toBe(false); // nothing is created until a secret is stored
    const sealed = box.encrypt(SENTINEL);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(path).size).toBe(32);
    expect(sealed.includes(Buffer.from(SENTINEL))).toBe(false);
    expect(box.encrypt(SENTINEL).equals(sealed)).toBe(false); // fresh IV every time
    // A second process (a new box over the same file) reads what the first sealed.
    expect(openKeyFileSecretBox(path).decrypt(sealed)).toBe(SENTINEL);
  });

  it.each([
    ['644', 0o644, /readable or writable by group or others \(mode 644\)/],
    ['640', 0o640, /mode 640/],
    ['604', 0o604, /mode 604/],
  ])('refuses a key file with mode %s and says how to fix it', (_label, mode, why) => {
    const dir = tmp();
    const path = join(dir, 'footfall-secrets.key');
    const sealed = openKeyFileSecretBox(path).encrypt(SENTINEL);
    chmodSync(path, mode);
    const box = openKeyFileSecretBox(path);
    expect(() => box.decrypt(sealed)).toThrow(SecretBoxError);
    try {
      box.decrypt(sealed);
    } catch (err) {
      expect((err as SecretBoxError).code).toBe('KEY_FILE_INSECURE');
      expect((err as Error).message).toMatch(why);
      expect((err as Error).message).toContain(`chmod 600 ${path}`);
    }
    expect(() => box.encrypt('x')).toThrow(/KEY|refusing/);
    expect(keyFileProblem(path)?.code).toBe('KEY_FILE_INSECURE');
    chmodSync(path, 0o600);
    expect(openKeyFileSecretBox(path).decrypt(sealed)).toBe(SENTINEL);
    expect(keyFileProblem(path)).toBeNull();
  });

  it('refuses a symlinked or damaged key file; a foreign or tampered ciphertext does not decrypt', () => {
    const dir = tmp();
    const real = join(dir, 'real.key');
    const sealed = openKeyFileSecretBox(real).encrypt(SENTINEL);
    const link = join(dir, 'footfall-secrets.key');
    symlinkSync(real, link);
    expect(() => openKeyFileSecretBox(link).decrypt(sealed)).toThrow(/symbolic link/);
    const short = join(dir, 'short.key');
    writeFileSync(short, Buffer.alloc(16), { mode: 0o600 });
    expect(() => openKeyFileSecretBox(short).decrypt(sealed)).toThrow(/damaged/);
    expect(() => openKeyFileSecretBox(join(dir, 'missing.key')).decrypt(sealed)).toThrow(/missing/);
    const other = createAesGcmSecretBox(Buffer.alloc(32, 7));
    expect(() => other.decrypt(sealed)).toThrow(/cannot be decrypted/);
    const tampered = Buffer.from(sealed);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 1) ^ 1, tampered.length - 1);
    expect(() => openKeyFileSecretBox(real).decrypt(tampered)).toThrow(/cannot be decrypted/);
  });
});

describe('a sentinel password never leaves the secret store', () => {
  it('is absent from the db/WAL bytes, the log, every error, every reply and every event — while the camera uses it', async () => {
    const rtsp = await startRtspServer({ user: 'admin', password: SENTINEL });
    const mjpeg = await startMjpegServer();
    const t = await openTestEngine();
    const replies: unknown[] = [];
    const record = async (name: RequestName, input: unknown): Promise<void> => {
      replies.push(await t.call(name, input));
    };

    // The camera really gets the password: it goes live against a server that demands it.
    await record('cameras:add', { name: 'door', cameraId: 'door', url: rtsp.credentialUrl, processFps: 2, lines: [{ x1: 160, y1: 0, x2: 160, y2: 240 }] });
    // Credential query parameters are secrets too (split off, stored encrypted, shown as ***).
    await record('cameras:add', { name: 'mjpeg', cameraId: 'mjpeg', url: `${mjpeg.url}?token=${TOKEN}`, processFps: 1 });
    await t.health.waitFor('door', 'live', 30_000);
    await t.health.waitFor('mjpeg', 'live', 30_000);

    // Every camera request, plus the core ones, with valid input and with failing input.
    const calls: Array<[RequestName, unknown]> = [
      ['cameras:list', {}],
      ['cameras:get', { cameraId: 'door' }],
      ['cameras:get', { cameraId: 'mjpeg' }],
      ['cameras:edit', { cameraId: 'door', name: 'front door' }],
      ['cameras:edit', { cameraId: 'mjpeg', url: `${mjpeg.url}?token=***`, processFps: 1.5 }], // keeps the stored token
      ['cameras:setEnabled', { cameraId: 'door', enabled: true }],
      ['cameras:test', { cameraId: 'door' }],
      ['cameras:test', { url: rtsp.url, username: 'admin', password: `${SENTINEL}-wrong` }],
      ['cameras:test', { url: `ftp://admin:${SENTINEL}@127.0.0.1/x` }],
      ['cameras:add', { name: 'bad scheme', url: `ftp://admin:${SENTINEL}@127.0.0.1/x` }],
      ['cameras:add', { name: 'bad model', url: `rtsp://admin:${SENTINEL}@127.0.0.1:1/cam`, modelId: 'no-such-model' }],
      ['cameras:add', { name: 'file with pw', url: `rtsp://admin:${SENTINEL}@127.0.0.1:1/cam`, sourceKind: 'file' }],
      ['cameras:add', { name: 'conflict', cameraId: 'door', url: `rtsp://admin:${SENTINEL}@127.0.0.1:1/cam` }],
      ['cameras:edit', { cameraId: 'nope', password: SENTINEL }],
      ['cameras:edit', { cameraId: 'door', url: `rtsp://127.0.0.1:1/cam?token=***` }],
      ['cameras:remove', { cameraId: 'no-such-camera' }],
      ['cameras:devices', {}],
      ['cameras:frame', { cameraId: 'door', timeoutMs: 5000, maxWidth: 320 }],
      ['cameras:frame', { url: rtsp.url, username: 'admin', password: `${SENTINEL}-wrong`, timeoutMs: 5000 }],
      ['cameras:frame', { url: `rtsp://admin:${SENTINEL}@127.0.0.1:1/cam`, timeoutMs: 3000 }],
      ['cameras:status', {}],
      ['recordings:list', {}],
      ['live:snapshot', {}],
      ['health:cameras', {}],
      ['counts:recent', {}],
      ['app:info', {}],
    ];
    const editsAt = Date.now();
    for (const [name, input] of calls) await record(name, input);
    // Every camera-domain request was exercised.
    const called = new Set(calls.map(([n]) => n).concat(['cameras:add']));
    for (const name of Object.keys(cameraRequests)) expect(called.has(name as RequestName)).toBe(true);
    expect(requestNames).toEqual(expect.arrayContaining(Object.keys(cameraRequests)));

    // The edited MJPEG camera restarted with the kept token (its server ignores it, but the URL
    // ffmpeg got must have carried it, not "***"): it is live again.
    await t.health.waitFor('mjpeg', 'live', 30_000, editsAt);
    // Decrypted only into ffmpeg's argv: the running captures got the real secrets.
    const argv = (cameraId: string): string => readFileSync(`/proc/${t.engine.cameras!.runtime(cameraId)!.ffmpegPid}/cmdline`, 'utf8');
    expect(argv('door')).toContain(`:${SENTINEL}@127.0.0.1`);
    expect(argv('mjpeg')).toContain(`token=${TOKEN}`);
    const failures = replies.filter((r) => !(r as { ok: boolean }).ok);
    expect(failures.length).toBeGreaterThanOrEqual(6);
    const door = (await t.ok('cameras:get', { cameraId: 'door' }));
    expect(door).toMatchObject({ hasPassword: true, url: rtsp.url });
    expect((await t.ok('cameras:get', { cameraId: 'mjpeg' })).url).toBe(`${mjpeg.url}?token=***`);

    // While running: the WAL holds the freshest pages.
    const scan = (label: string, bytes: Buffer): void => {
      for (const s of [SENTINEL, TOKEN, encodeURIComponent(SENTINEL)]) {
        expect(bytes.includes(Buffer.from(s, 'utf8')), `${label} contains ${s}`).toBe(false);
        expect(bytes.includes(Buffer.from(s, 'utf16le')), `${label} contains ${s} (utf16)`).toBe(false);
      }
    };
    const files = ['footfall.db', 'footfall.db-wal', 'footfall.db-shm', 'footfall.log'].map((f) => join(t.dir, f));
    for (const f of files) if (existsSync(f)) scan(`${f} (running)`, readFileSync(f));
    const text = JSON.stringify({ replies, events: t.events });
    expect(text).not.toContain(SENTINEL);
    expect(text).not.toContain(TOKEN);
    expect(text).toContain('***'); // the redacted forms did appear

    await t.engine.close();
    for (const f of files) if (existsSync(f)) scan(`${f} (closed)`, readFileSync(f));
    const log = readFileSync(join(t.dir, 'footfall.log'), 'utf8');
    expect(log).toContain('receiving frames'); // the log was written, and redacted
    expect(log).toContain('rtsp://***@127.0.0.1');
  }, 120_000);
});
