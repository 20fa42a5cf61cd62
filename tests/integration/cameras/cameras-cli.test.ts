/**
 * `npm run --silent cli -- cameras add|list|edit|remove|test --db FILE … --json`: the real CLI on a
 * real database file. Passwords given in the URL or on stdin are stored encrypted and never
 * printed; addresses ffmpeg could be tricked with are refused.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../../../src/engine/paths';
import type { CameraDto } from '../../../src/shared/dto';
import { startRtspServer, stopAllServers, type RtspServer } from '../../fixtures/servers/servers';

const SENTINEL = 'Cli-Sentinel-Pw-5521';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile('npm', ['run', '--silent', 'cli', '--', 'cameras', ...args], { cwd: appRoot(), timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

let dir: string;
let db: string;
let srv: RtspServer;
const outputs: string[] = [];

async function ok(args: string[], stdin?: string): Promise<unknown> {
  const r = await cli([...args, '--json'], stdin);
  outputs.push(r.stdout, r.stderr);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as unknown;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'footfall-cli-'));
  db = join(dir, 'footfall.db');
  srv = await startRtspServer({ user: 'admin', password: SENTINEL });
});

afterAll(async () => {
  await stopAllServers();
});

describe('cameras CLI', () => {
  it('add (password in the URL) → list → edit (password on stdin, line moved) → test → remove', async () => {
    const added = (await ok(['add', '--db', db, '--name', 'Front door', '--url', srv.credentialUrl, '--line', '160,0,160,240', '--fps', '2'])) as CameraDto;
    expect(added).toMatchObject({ name: 'Front door', sourceKind: 'rtsp', url: srv.url, hasPassword: true, processFps: 2 });
    expect(added.cameraId).toMatch(/^front-door-[0-9a-f]{4}$/);
    expect(statSync(join(dir, 'footfall-secrets.key')).mode & 0o777).toBe(0o600);

    const list = (await ok(['list', '--db', db])) as CameraDto[];
    expect(list.map((c) => c.cameraId)).toEqual([added.cameraId]);

    const tested = (await ok(['test', '--db', db, '--id', added.cameraId])) as { ok: boolean; width: number };
    expect(tested).toMatchObject({ ok: true, width: 320, height: 240 });

    const edited = (await ok(['edit', '--db', db, '--id', added.cameraId, '--password-stdin', '--line', '100,0,100,240', '--disable'], 'wrong-password\n')) as CameraDto;
    expect(edited).toMatchObject({ enabled: false, hasPassword: true });
    expect(edited.lines).toEqual([expect.objectContaining({ id: added.lines[0]!.id, x1: 100 })]); // same line: its totals continue
    const wrong = await cli(['test', '--db', db, '--id', added.cameraId, '--json']);
    outputs.push(wrong.stdout, wrong.stderr);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ ok: false, reason: 'auth' });

    const human = await cli(['list', '--db', db]);
    outputs.push(human.stdout);
    expect(human.stdout).toContain(`${added.cameraId}  Front door  rtsp ${srv.url} [password set]  disabled`);

    expect(await ok(['remove', '--db', db, '--id', added.cameraId])).toEqual({ cameraId: added.cameraId, removed: true });
    expect(await ok(['list', '--db', db])).toEqual([]);
  }, 120_000);

  it.each([
    ['file: URL', ['--url', 'file:/etc/passwd'], 'UNSUPPORTED_SCHEME'],
    ['concat: as a file', ['--url', 'concat:/etc/passwd', '--kind', 'file'], 'UNSUPPORTED_SCHEME'],
    ['ftp: with a password', ['--url', `ftp://admin:${SENTINEL}@127.0.0.1/x`], 'UNSUPPORTED_SCHEME'],
    ['missing file', ['--url', '/no/such/file.mp4', '--kind', 'file'], 'FILE_NOT_FOUND'],
    ['zero-length line', ['--url', 'rtsp://127.0.0.1/cam', '--line', '1,1,1,1'], 'INVALID_GEOMETRY'],
  ])('add with a %s is refused', async (_label, args, code) => {
    const r = await cli(['add', '--db', db, '--name', 'bad', ...args, '--json']);
    outputs.push(r.stdout, r.stderr);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code } });
  });

  it('never prints the password, and the database file never holds it', () => {
    const text = outputs.join('\n');
    expect(text).not.toContain(SENTINEL);
    expect(readFileSync(db).includes(Buffer.from(SENTINEL))).toBe(false);
  });
});
