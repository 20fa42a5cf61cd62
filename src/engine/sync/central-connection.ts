/**
 * One connection to the central server. TLS follows the URL (sslmode=verify-full checks the
 * certificate and the host name; sslrootcert names the chain's CA file). Every failure comes back
 * as a SyncError in plain words, with credentials scrubbed.
 */
import pg from 'pg';
import { describePgError } from './pg-errors';
import type { ServerConfig } from './server-config';

export type CentralClient = pg.Client;

export interface ConnectOptions {
  connectTimeoutMs?: number;
  /** Server-side limit per statement; a batch that takes longer is rolled back and sent again. */
  statementTimeoutMs?: number;
}

export async function connectCentral(config: Pick<ServerConfig, 'connectionUrl' | 'context'>, o: ConnectOptions = {}): Promise<CentralClient> {
  let client: pg.Client;
  try {
    client = new pg.Client({
      connectionString: config.connectionUrl,
      connectionTimeoutMillis: o.connectTimeoutMs ?? 10_000,
      statement_timeout: o.statementTimeoutMs ?? 120_000,
      query_timeout: (o.statementTimeoutMs ?? 120_000) + 10_000,
      application_name: 'footfall-sync',
      keepAlive: true,
    });
  } catch (err) {
    // The driver parses the URL here (e.g. an unreadable sslrootcert file).
    throw describePgError(err, config.context);
  }
  // A dropped idle connection emits 'error'; unhandled, it would end the process. The next query
  // reports the same failure to its caller.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw describePgError(err, config.context);
  }
  return client;
}

/** Ends the connection; a connection that is already broken is simply dropped. */
export async function closeCentral(client: CentralClient | null | undefined): Promise<void> {
  if (!client) return;
  await client.end().catch(() => undefined);
}
