/**
 * Drains the outbox with retries: what `sync push` and the engine's forwarder both run. Every
 * attempt and failure is recorded in sync_state (for `sync status` and the Health page). Between
 * attempts it waits with exponential back-off; `sleep` is injectable so tests run on a fake clock.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { nowIso } from '../../shared/timestamps';
import { backoffDelay, type BackoffOptions } from '../capture/backoff';
import type { SqliteDatabase } from '../db/open-database';
import { scrubText } from '../log';
import { Forwarder, type PushOptions, type PushResult } from './forwarder';
import type { ServerConfig } from './server-config';
import { asSyncError, type SyncError } from './sync-error';
import { recordAttempt, recordFailure } from './sync-state';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A real wait that ends early (rejecting) on abort; it keeps a command-line process alive. */
export const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, { signal });
};

/** The same wait for the engine's background loop: it never keeps a finished process alive. */
export const backgroundSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, { signal, ref: false });
};

/** Quick retries for a blip, up to a minute apart for an outage. */
export const TRANSIENT_BACKOFF: Readonly<BackoffOptions> = { initialMs: 1000, factor: 2, maxMs: 60_000, jitter: 0.2 };
/** A wrong password or a missing role will not fix itself within seconds. */
export const PERMANENT_BACKOFF: Readonly<BackoffOptions> = { initialMs: 60_000, factor: 2, maxMs: 600_000, jitter: 0.2 };

export interface DrainOptions extends PushOptions {
  /** Attempts before giving up (default 1). The engine passes Infinity. */
  attempts?: number;
  /** Also retry errors a person must fix (wrong password, missing role): the engine does, slowly. */
  retryPermanent?: boolean;
  backoff?: { transient?: Partial<BackoffOptions>; permanent?: Partial<BackoffOptions> };
  sleep?: Sleep;
  signal?: AbortSignal;
  onRetry?: (error: SyncError, delayMs: number, failures: number) => void;
}

export async function drainOutbox(db: SqliteDatabase, loadConfig: () => ServerConfig, o: DrainOptions = {}): Promise<PushResult> {
  const now = o.now ?? nowIso;
  const sleep = o.sleep ?? realSleep;
  const attempts = o.attempts ?? 1;
  const total: PushResult = { storeId: '', batches: 0, entries: 0, rows: 0, applied: 0, gone: 0, sequenceMoved: false };
  let failures = 0;
  for (;;) {
    recordAttempt(db, now());
    let forwarder: Forwarder | null = null;
    // Abort ends the connection, so a query in flight fails at once instead of at its timeout.
    const onAbort = (): void => void forwarder?.close();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      forwarder = await Forwarder.open(db, loadConfig());
      if (o.signal?.aborted) return total;
      total.storeId = forwarder.store.storeId;
      total.sequenceMoved ||= forwarder.sequenceMoved;
      await forwarder.pushAll({
        ...o,
        shouldStop: () => o.signal?.aborted === true || o.shouldStop?.() === true,
        onBatch: async (p) => {
          total.batches += 1;
          total.entries += p.entries;
          total.rows += p.rows;
          total.applied += p.applied;
          total.gone += p.gone;
          await o.onBatch?.({ ...p, batch: total.batches });
        },
      });
      return total;
    } catch (err) {
      const error = asSyncError(err);
      recordFailure(db, scrubText(error.message), now());
      failures += 1;
      if (o.signal?.aborted || failures >= attempts || (!error.transient && o.retryPermanent !== true)) throw error;
      const wait = error.transient
        ? backoffDelay(failures - 1, { ...TRANSIENT_BACKOFF, ...o.backoff?.transient })
        : backoffDelay(failures - 1, { ...PERMANENT_BACKOFF, ...o.backoff?.permanent });
      o.onRetry?.(error, wait, failures);
      try {
        await sleep(wait, o.signal);
      } catch {
        throw error; // aborted while waiting: the last real failure is the answer
      }
    } finally {
      o.signal?.removeEventListener('abort', onAbort);
      await forwarder?.close();
    }
  }
}
