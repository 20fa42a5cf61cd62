/**
 * `sync push --pg URL`: stores the server (password encrypted) and turns the outbox on, in one
 * transaction, so a shop is never half-configured. A bad URL is refused before anything changes.
 */
import type { SqliteDatabase } from '../db/open-database';
import type { SecretBox } from '../secrets/secret-box';
import { Forwarder } from './forwarder';
import { enableOutbox, type EnableResult } from './outbox-enable';
import { parseServerUrl, saveServerUrl, serverConfigFromUrl, type ServerConfig } from './server-config';
import { asSyncError } from './sync-error';

/**
 * Tries the server before it replaces a working configuration: a wrong password, role, TLS setting
 * or a server without the Footfall schema is refused and nothing is stored. An unreachable server
 * is not a reason to refuse: the shop works offline, stores it, and the forwarder retries.
 */
export async function verifyServerUrl(db: SqliteDatabase, url: string): Promise<void> {
  let forwarder: Forwarder | null = null;
  try {
    forwarder = await Forwarder.open(db, serverConfigFromUrl(url));
  } catch (err) {
    const error = asSyncError(err);
    if (!error.transient) throw error;
  } finally {
    await forwarder?.close();
  }
}

export function configureSync(db: SqliteDatabase, box: SecretBox, url: string, at: string): { config: ServerConfig; outbox: EnableResult } {
  parseServerUrl(url);
  return db.transaction(() => {
    const config = saveServerUrl(db, box, url);
    return { config, outbox: enableOutbox(db, at) };
  }).immediate();
}
