/**
 * TLS off loopback and the `users` command line: a non-loopback `serve` refuses to start without
 * TLS, makes a self-signed certificate on first use (reused afterwards) and prints its SHA-256
 * fingerprint, which is what the server then presents; `users add|list|passwd|disable` take the
 * password from standard input only, and their changes are recorded as the machine's owner.
 */
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateSelfSigned, tlsPathsFor } from '../../../src/engine/access/tls';
import { startServer } from '../../../src/engine/server/server';
import { EventBus } from '../../../src/engine/wiring/event-bus';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { stubHandlers } from '../../support/stub-handlers';
import { openTestAccess } from '../../support/test-access';

const root = resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'footfall-tls-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function cli(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'src', 'cli', 'index.ts'), ...args], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('exit', (code) => done({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

describe('TLS for serve off loopback', () => {
  it('refuses to listen on a non-loopback address without TLS', async () => {
    const t = await openTestAccess();
    await expect(startServer({ handlers: stubHandlers({}), events: new EventBus(), access: t.access, port: 0, host: '0.0.0.0', staticDir: tmpdir() })).rejects.toMatchObject({
      code: 'TLS_REQUIRED',
    });
    t.close();
  });

  it('makes a self-signed certificate once (key 0600), reuses it, and serves it over HTTPS', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'footfall.db');
    const first = await loadOrCreateSelfSigned(dbPath, '0.0.0.0');
    expect(first.created).toBe(true);
    expect(statSync(tlsPathsFor(dbPath).keyPath).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateSelfSigned(dbPath, '0.0.0.0');
    expect([again.created, again.fingerprint256]).toEqual([false, first.fingerprint256]);
    expect(new X509Certificate(readFileSync(first.certPath)).fingerprint256).toBe(first.fingerprint256);

    const t = await openTestAccess();
    const server = await startServer({
      handlers: stubHandlers({}),
      events: new EventBus(),
      access: t.access,
      port: 0,
      host: '0.0.0.0',
      staticDir: tmpdir(),
      tls: { cert: first.cert, key: first.key },
    });
    try {
      expect(server.url).toMatch(/^https:\/\/0\.0\.0\.0:\d+$/);
      const { status, fingerprint } = await new Promise<{ status: number; fingerprint: string }>((done, reject) => {
        const req = httpsRequest(
          { host: '127.0.0.1', port: server.port, path: '/api/cameras:list', method: 'POST', rejectUnauthorized: false, headers: { host: `0.0.0.0:${server.port}`, 'content-type': 'application/json' } },
          (res) => {
            const fp = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
            res.resume();
            res.on('end', () => done({ status: res.statusCode ?? 0, fingerprint: fp }));
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
      // The pinned fingerprint is what the server presents; without a session the API still says 401.
      expect([status, fingerprint]).toEqual([401, first.fingerprint256]);
    } finally {
      await server.close();
      t.close();
    }
  });
});

describe('serve --host off loopback (the real command)', () => {
  it('makes its certificate on first use and prints the SHA-256 fingerprint it serves with', async () => {
    const dir = tempDir();
    const db = join(dir, 'footfall.db');
    const child = spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'src', 'cli', 'index.ts'), 'serve', '--db', db, '--host', '0.0.0.0', '--port', '0', '--json'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((done, reject) => {
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString('utf8');
          if (out.includes('\n')) done(out.split('\n')[0] ?? '');
        });
        child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
      });
      const printed = JSON.parse(line) as { url: string; tlsFingerprint256: string; tlsCert: string; setupRequired: boolean };
      expect(printed.url).toMatch(/^https:\/\/0\.0\.0\.0:\d+$/);
      expect(printed.setupRequired).toBe(true);
      expect(printed.tlsFingerprint256).toBe(new X509Certificate(readFileSync(tlsPathsFor(db).certPath)).fingerprint256);
      expect(statSync(tlsPathsFor(db).keyPath).mode & 0o777).toBe(0o600);
    } finally {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
  });
});

describe('users on the command line', () => {
  it('adds, lists, sets a password and disables accounts; the password comes from stdin only; the owner is recorded', async () => {
    const dir = tempDir();
    const db = join(dir, 'footfall.db');
    const secret = 'Cli-admin-pass-77';
    const add = await cli(['users', 'add', 'boss', '--role', 'admin', '--password-stdin', '--db', db, '--json'], `${secret}\n`);
    expect(add.code, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ username: 'boss', role: 'admin', canSignIn: true });
    // No prompt possible and no --password-stdin: refused, never read from an argument.
    const noPassword = await cli(['users', 'add', 'op', '--role', 'operator', '--db', db]);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toMatch(/--password-stdin/);
    const ran = async (args: string[], stdin?: string): Promise<number> => {
      const r = await cli(args, stdin);
      return r.code === 0 ? 0 : (console.error(`${args.join(' ')} → ${r.code}: ${r.stderr}`), r.code);
    };
    expect(await ran(['users', 'add', 'op', '--role', 'operator', '--password-stdin', '--db', db], 'short\n')).toBe(1);
    expect(await ran(['users', 'add', 'op', '--role', 'operator', '--password-stdin', '--db', db], 'operator-pass-1\n')).toBe(0);
    expect(await ran(['users', 'passwd', 'op', '--password-stdin', '--db', db], 'operator-pass-2\n')).toBe(0);
    expect(await ran(['users', 'disable', 'op', '--db', db])).toBe(0);
    const listed = await cli(['users', 'list', '--db', db, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const list = JSON.parse(listed.stdout) as Array<{ username: string; disabled: boolean; canSignIn: boolean }>;
    const owner = `local:${userInfo().username}`;
    expect(list.map((u) => [u.username, u.disabled, u.canSignIn])).toEqual([
      ['boss', false, true],
      [owner, false, false],
      ['op', true, false],
    ]);

    const conn = openMigratedDatabase(db);
    try {
      const audit = conn.prepare('SELECT username, action, target FROM audit_log ORDER BY id').all();
      expect(audit).toEqual([
        { username: owner, action: 'users:add', target: 'boss' },
        { username: owner, action: 'users:add', target: 'op' },
        { username: owner, action: 'users:passwd', target: 'op' },
        { username: owner, action: 'users:update', target: 'op' },
      ]);
      const bytes = readFileSync(db);
      for (const p of [secret, 'operator-pass-1', 'operator-pass-2']) expect(bytes.includes(Buffer.from(p))).toBe(false);
    } finally {
      conn.close();
    }
  });
});
