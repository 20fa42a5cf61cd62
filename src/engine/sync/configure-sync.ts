/**
 * `sync push --pg URL`: stores the server (password encrypted) and turns the outbox on, in one
 * transaction, so a shop is never half-configured. A bad URL is refused before anything changes.
 */
import type { SqliteDatabase } from '../db/open-database';
import type { SecretBox } from '../secrets/secret-box';
import { enableOutbox, type EnableResult } from './outbox-enable';
import { parseServerUrl, saveServerUrl, type ServerConfig } from './server-config';

export function configureSync(db: SqliteDatabase, box: SecretBox, url: string, at: string): { config: ServerConfig; outbox: EnableResult } {
  parseServerUrl(url);
  return db.transaction(() => {
    const config = saveServerUrl(db, box, url);
    return { config, outbox: enableOutbox(db, at) };
  }).immediate();
}
