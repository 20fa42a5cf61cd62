/**
 * A PostgreSQL cluster that lives in a temporary folder, for the sync benchmark and tests: initdb
 * from Debian's `postgresql` package, one server on 127.0.0.1 with a free port, its unix socket in
 * the same folder, a password for TCP (scram-sha-256) so the real sign-in path is exercised.
 *
 * PostgreSQL refuses to run as root; when this process is root (CI), every PostgreSQL binary runs
 * as the `postgres` user through runuser, and the folder is handed to that user. Deleting the
 * folder also ends a server whose owner died: the postmaster checks its lock file every minute.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';
const REQUIRED = ['initdb', 'pg_ctl', 'postgres'];

export interface PgBinaries {
  dir: string;
  /** Major version, e.g. 15. */
  version: number;
}

/** The newest installed server binaries (FOOTFALL_PG_BIN overrides), or null with why not. */
export function findPgBinaries(): { binaries: PgBinaries | null; reason: string } {
  const override = process.env.FOOTFALL_PG_BIN;
  const candidates = override
    ? [override]
    : existsSync(PG_ROOT)
      ? readdirSync(PG_ROOT)
          .filter((v) => /^\d+$/.test(v))
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => join(PG_ROOT, v, 'bin'))
      : [];
  for (const dir of candidates) {
    if (REQUIRED.every((b) => existsSync(join(dir, b)))) {
      const version = Number(/(\d+)\/bin\/?$/.exec(dir)?.[1] ?? 0);
      return { binaries: { dir, version }, reason: '' };
    }
  }
  return {
    binaries: null,
    reason: override
      ? `FOOTFALL_PG_BIN=${override} has no ${REQUIRED.join('/')}`
      : `PostgreSQL server binaries not found under ${PG_ROOT}/*/bin: install Debian's "postgresql" package (scripts/setup.sh does)`,
  };
}

export interface ThrowawayPostgres {
  host: '127.0.0.1';
  port: number;
  /** The cluster's superuser and its password (TCP sign-in). */
  superuser: string;
  password: string;
  folder: string;
  /** postgres://user:password@127.0.0.1:port/database */
  url(database?: string, user?: string, password?: string): string;
  /** Stops the server; 'immediate' is a crash (recovery runs at the next start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and deletes everything. */
  destroy(): Promise<void>;
}

export interface ThrowawayOptions {
  /**
   * fsync=off and synchronous_commit=off: faster, and nothing here outlives the folder (tests).
   * A client that needs a durable COMMIT must ask for it per transaction (the forwarder does).
   */
  fsync?: boolean;
}

/** A port on 127.0.0.1 that was free a moment ago (bind to 0 and release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function postgresUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error('running as root, and there is no "postgres" user to run PostgreSQL as (PostgreSQL refuses root): install the "postgresql" package');
  }
}

export async function startThrowawayPostgres(o: ThrowawayOptions = {}): Promise<ThrowawayPostgres> {
  const { binaries, reason } = findPgBinaries();
  if (!binaries) throw new Error(reason);
  const owner = await postgresUser();
  // As root the folder goes to /tmp itself: the postgres user must be able to reach it, and a
  // TMPDIR inside root's home would not let it.
  const folder = mkdtempSync(join(owner ? '/tmp' : tmpdir(), 'footfall-pg-'));
  const data = join(folder, 'data');
  const password = randomBytes(12).toString('hex');
  const exec = async (bin: string, args: string[]): Promise<void> => {
    const file = join(binaries.dir, bin);
    try {
      if (owner) await run('runuser', ['-u', 'postgres', '--', file, ...args], { timeout: 120_000 });
      else await run(file, args, { timeout: 120_000 });
    } catch (err) {
      const log = existsSync(join(folder, 'server.log')) ? readFileSync(join(folder, 'server.log'), 'utf8').slice(-2000) : '';
      const e = err as { stderr?: string; message: string };
      throw new Error(`${bin} failed: ${(e.stderr ?? e.message).trim()}${log ? `\nserver log:\n${log}` : ''}`);
    }
  };
  try {
    if (owner) chownSync(folder, owner.uid, owner.gid);
    const pwfile = join(folder, 'pwfile');
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (owner) chownSync(pwfile, owner.uid, owner.gid);
    await exec('initdb', ['-D', data, '-U', 'postgres', `--pwfile=${pwfile}`, '-A', 'scram-sha-256', '--auth-local=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    rmSync(pwfile, { force: true });
  } catch (err) {
    rmSync(folder, { recursive: true, force: true });
    throw err;
  }

  let port = 0;
  const start = async (): Promise<void> => {
    const settings = [
      `-c port=${port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${folder}`,
      '-c max_connections=50',
      ...(o.fsync === false ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
    ].join(' ');
    await exec('pg_ctl', ['-D', data, '-l', join(folder, 'server.log'), '-w', '-t', '60', '-o', settings, 'start']);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast'): Promise<void> => {
    await exec('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
  };

  // The free port may be taken between the probe and the start: try a few.
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      await start();
      break;
    } catch (err) {
      if (attempt >= 2) {
        rmSync(folder, { recursive: true, force: true });
        throw err;
      }
    }
  }

  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    superuser: 'postgres',
    password,
    folder,
    url: (database = 'postgres', user = 'postgres', pw = password) =>
      `postgres://${encodeURIComponent(user)}:${encodeURIComponent(pw)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop,
    start,
    async destroy() {
      await stop('immediate').catch(() => undefined);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
