/**
 * The engine's forwarder: while the engine runs, it pushes the outbox every `intervalMs` when a
 * central server is configured (by `sync push --pg URL`, possibly while the app is running), and
 * retries with back-off while the server is unreachable. Nothing here blocks the frame loop: the
 * shop database work is a few short synchronous transactions, the rest is network I/O.
 */
import type { Handlers } from '../../shared/contract';
import type { SqliteDatabase } from '../db/open-database';
import type { Logger } from '../log';
import { keyFilePathFor, openKeyFileSecretBox } from '../secrets/key-file-secret-box';
import type { SecretBox } from '../secrets/secret-box';
import { backgroundSleep, drainOutbox, type Sleep } from './drain';
import { hasBacklog } from './outbox-batch';
import { isSyncConfigured, loadServerConfig, type ServerConfig } from './server-config';
import { SyncError } from './sync-error';
import { readSyncStatus } from './sync-state';

const CLOSE_WAIT_MS = 3000;

export interface SyncServiceOptions {
  db: SqliteDatabase;
  secrets: SecretBox;
  log: Logger;
  /** Pause between pushes once the outbox is empty (default 30 s). */
  intervalMs?: number;
  sleep?: Sleep;
}

export interface SyncService {
  handlers: Pick<Handlers, 'sync:status'>;
  /** Stops the loop; a batch in flight is abandoned uncommitted and sent again next time. */
  close(): Promise<void>;
}

export function startSyncService(o: SyncServiceOptions): SyncService {
  const stop = new AbortController();
  const sleep = o.sleep ?? backgroundSleep;
  const intervalMs = o.intervalMs ?? 30_000;
  // `sync push --pg` (the command line) encrypts with the key file beside the database; the desktop
  // app's engine holds a safeStorage key instead. The same user's key file is the fallback, so a
  // server configured from the command line also works in the app.
  const keyFile = o.db.memory ? null : openKeyFileSecretBox(keyFilePathFor(o.db.name));
  const config = (): ServerConfig => {
    let c: ServerConfig | null;
    try {
      c = loadServerConfig(o.db, o.secrets);
    } catch (err) {
      if (!(err instanceof SyncError) || err.code !== 'SYNC_SECRET_UNREADABLE' || !keyFile || o.secrets.kind === keyFile.kind) throw err;
      c = loadServerConfig(o.db, keyFile);
    }
    if (!c) throw new SyncError('SYNC_NOT_CONFIGURED', 'no sync server is configured');
    return c;
  };

  const loop = async (): Promise<void> => {
    while (!stop.signal.aborted) {
      try {
        if (isSyncConfigured(o.db) && hasBacklog(o.db)) {
          const r = await drainOutbox(o.db, config, {
            attempts: Number.POSITIVE_INFINITY,
            retryPermanent: true,
            sleep,
            signal: stop.signal,
            onRetry: (err, ms) => o.log.warn({ code: err.code, retryInMs: ms }, `chain sync: ${err.message}`),
          });
          if (r.rows > 0) o.log.info({ rows: r.rows, batches: r.batches, store: r.storeId }, 'chain sync: outbox sent');
        }
      } catch (err) {
        if (stop.signal.aborted) return;
        o.log.warn({ err }, 'chain sync: stopped retrying this round');
      }
      try {
        await sleep(intervalMs, stop.signal);
      } catch {
        return;
      }
    }
  };
  const running = loop();

  return {
    handlers: { 'sync:status': () => readSyncStatus(o.db) },
    async close() {
      stop.abort();
      // A connection still being opened may take up to its timeout; the engine does not wait for
      // it. Whatever it had not marked sent is sent again next time.
      await Promise.race([running, backgroundSleep(CLOSE_WAIT_MS).catch(() => undefined)]);
    },
  };
}
