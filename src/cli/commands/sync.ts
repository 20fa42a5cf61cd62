import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { nowIso } from '../../shared/timestamps';
import { injectSecrets } from '../../engine/cameras/camera-secrets';
import { openMigratedDatabase } from '../../engine/db/open-migrated-database';
import type { SqliteDatabase } from '../../engine/db/open-database';
import { createEphemeralSecretBox } from '../../engine/secrets/aes-gcm-secret-box';
import { keyFilePathFor, openKeyFileSecretBox } from '../../engine/secrets/key-file-secret-box';
import { rememberSecret } from '../../engine/secrets/known-secrets';
import type { SecretBox } from '../../engine/secrets/secret-box';
import { closeCentral, connectCentral, type CentralClient } from '../../engine/sync/central-connection';
import { migrateCentral } from '../../engine/sync/central-migrate';
import { chainReport, chainReportCsv } from '../../engine/sync/chain-report';
import { configureSync, verifyServerUrl } from '../../engine/sync/configure-sync';
import { drainOutbox } from '../../engine/sync/drain';
import { outboxByTable } from '../../engine/sync/outbox-batch';
import type { ServerContext } from '../../engine/sync/pg-errors';
import { loadServerConfig, parseServerUrl } from '../../engine/sync/server-config';
import { SyncError } from '../../engine/sync/sync-error';
import { readSyncStatus } from '../../engine/sync/sync-state';
import type { SyncStatusDto } from '../../shared/requests-sync';
import { action, CliError, printResult } from '../output';

interface DbOptions {
  db: string;
  json?: boolean;
}

/** A push from the command line retries a dropped link a few times, then says why and stops. */
const CLI_ATTEMPTS = 4;

/**
 * The password may come from PGPASSWORD instead of the URL (as for psql), which keeps it out of
 * `ps` and the shell history. It is then stored encrypted like one given in the URL.
 */
function withEnvPassword(url: string): string {
  const password = process.env.PGPASSWORD;
  const parsed = parseServerUrl(url);
  if (!password || parsed.secret.password !== null || parsed.username === null) return url;
  return injectSecrets(parsed.publicUrl, parsed.username, { ...parsed.secret, password });
}

function openShopDatabase(file: string): SqliteDatabase {
  if (file !== ':memory:' && !existsSync(file)) throw new CliError('NOT_FOUND', `no database at ${file}`);
  return openMigratedDatabase(file);
}

function secretBoxFor(file: string): SecretBox {
  return file === ':memory:' ? createEphemeralSecretBox() : openKeyFileSecretBox(keyFilePathFor(file));
}

/** For the admin commands: a URL used once, never stored. */
async function withServer<T>(url: string, fn: (client: CentralClient, ctx: ServerContext) => Promise<T>): Promise<T> {
  const parsed = parseServerUrl(withEnvPassword(url));
  for (const s of parsed.context.secrets) rememberSecret(s);
  const client = await connectCentral({ connectionUrl: injectSecrets(parsed.publicUrl, parsed.username, parsed.secret), context: parsed.context });
  try {
    return await fn(client, parsed.context);
  } finally {
    await closeCentral(client);
  }
}

function describeStatus(s: SyncStatusDto & { backlogByTable: Record<string, number> }): string {
  const tables = Object.entries(s.backlogByTable).map(([t, n]) => `${t} ${n}`).join(', ');
  return [
    `store        ${s.storeId ? `${s.storeId} (${s.storeName})` : 'not assigned yet (the first push settles it)'}`,
    `server       ${s.configured ? `${s.server} as ${s.role ?? '(default role)'}` : 'not configured: run "footfall sync push --db FILE --pg URL"'}`,
    `last sync    ${s.lastSyncAt ?? 'never'}`,
    `backlog      ${s.backlog} change${s.backlog === 1 ? '' : 's'}${tables ? ` (${tables})` : ''}`,
    `last error   ${s.lastError ? `${s.lastError} (at ${s.lastErrorAt}, ${s.consecutiveFailures} failure${s.consecutiveFailures === 1 ? '' : 's'} in a row)` : 'none'}`,
    `rows sent    ${s.rowsSent}`,
  ].join('\n');
}

export function registerSyncCommands(program: Command): void {
  const sync = program.command('sync').description("chain sync: every shop's counts and models in one central PostgreSQL");

  sync
    .command('init')
    .description('create or upgrade the central schema (run with the chain admin role)')
    .requiredOption('--pg <url>', 'postgres://admin:password@host:5432/footfall?sslmode=verify-full')
    .option('--json', 'JSON output')
    .action(
      action(async (opts: { pg: string; json?: boolean }) => {
        const r = await withServer(opts.pg, (client, ctx) => migrateCentral(client, ctx));
        printResult(!!opts.json, r, () =>
          r.applied.length ? `central schema now at v${r.version} (applied ${r.applied.join(', ')})` : `central schema already at v${r.version}`,
        );
      }),
    );

  sync
    .command('push')
    .description('send the outbox to the central server now (with --pg: store that server first)')
    .requiredOption('--db <file>', 'SQLite file')
    .option('--pg <url>', "the central server, stored with its password encrypted (the shop's own role; the password may be in PGPASSWORD)")
    .option('--json', 'JSON output')
    .action(
      action(async (opts: DbOptions & { pg?: string }) => {
        const db = openShopDatabase(opts.db);
        try {
          const box = secretBoxFor(opts.db);
          const url = opts.pg ? withEnvPassword(opts.pg) : null;
          if (url) await verifyServerUrl(db, url);
          const configured = url ? configureSync(db, box, url, nowIso()).config : loadServerConfig(db, box);
          if (!configured) {
            throw new SyncError('SYNC_NOT_CONFIGURED', `no sync server is stored for ${opts.db}: run "footfall sync push --db ${opts.db} --pg URL" once`);
          }
          const r = await drainOutbox(db, () => loadServerConfig(db, box) ?? configured, { attempts: CLI_ATTEMPTS }).catch((err: unknown) => {
            // Offline is normal for a shop: the server is stored and the outbox keeps everything.
            if (err instanceof SyncError && err.transient) {
              throw new SyncError(err.code, `${err.message}; nothing was lost: the app keeps retrying, or run "footfall sync push --db ${opts.db}" later`, true, err);
            }
            throw err;
          });
          const status = readSyncStatus(db);
          printResult(!!opts.json, { ...r, backlog: status.backlog, server: status.server }, () =>
            `sent ${r.rows} row${r.rows === 1 ? '' : 's'} (${r.applied} new or newer) in ${r.batches} batch${r.batches === 1 ? '' : 'es'} as store ${r.storeId} to ${status.server}; backlog ${status.backlog}`,
          );
        } finally {
          db.close();
        }
      }),
    );

  sync
    .command('status')
    .description('last sync, backlog and last error')
    .requiredOption('--db <file>', 'SQLite file')
    .option('--json', 'JSON output')
    .action(
      action((opts: DbOptions) => {
        const db = openShopDatabase(opts.db);
        try {
          const s = { ...readSyncStatus(db), backlogByTable: outboxByTable(db) };
          printResult(!!opts.json, s, () => describeStatus(s));
        } finally {
          db.close();
        }
      }),
    );

  sync
    .command('report')
    .description('in/out per store and day, and per model version, from the central database')
    .requiredOption('--pg <url>', 'the central server (a role in footfall_chain)')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD (each store\'s local day)')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD (inclusive)')
    .option('--format <format>', 'csv or json', 'csv')
    .action(
      action(async (opts: { pg: string; from: string; to: string; format: string }) => {
        if (opts.format !== 'csv' && opts.format !== 'json') throw new CliError('INVALID_FORMAT', `--format must be csv or json, got "${opts.format}"`);
        const r = await withServer(opts.pg, (client, ctx) => chainReport(client, ctx, opts.from, opts.to));
        process.stdout.write(opts.format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : chainReportCsv(r));
      }),
    );
}
