/**
 * The sync status row (sync_state): what `sync status`, the `sync:status` request and the Health
 * page show. Written by whichever forwarder ran (the engine's or `sync push`), read by everyone.
 */
import type { SyncStatusDto } from '../../shared/requests-sync';
import type { SqliteDatabase } from '../db/open-database';
import { outboxSize } from './outbox-batch';
import { localStoreIdentity } from './store-identity';

interface StateRow {
  server_url: string | null;
  server_username: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  consecutive_failures: number;
  rows_sent: number;
}

const MAX_ERROR = 2000;

export function recordAttempt(db: SqliteDatabase, at: string): void {
  db.prepare('UPDATE sync_state SET last_attempt_at = ?, updated_at = ? WHERE id = 1').run(at, at);
}

/** The error must already be in plain words and free of credentials (SyncError messages are). */
export function recordFailure(db: SqliteDatabase, message: string, at: string): void {
  db.prepare(
    'UPDATE sync_state SET last_error = ?, last_error_at = ?, consecutive_failures = consecutive_failures + 1, updated_at = ? WHERE id = 1',
  ).run(message.slice(0, MAX_ERROR), at, at);
}

/** Cheap enough for the Health page to poll: the backlog is one b-tree count. */
export function readSyncStatus(db: SqliteDatabase): SyncStatusDto {
  const row = db
    .prepare(
      'SELECT server_url, server_username, last_attempt_at, last_success_at, last_error, last_error_at, consecutive_failures, rows_sent FROM sync_state WHERE id = 1',
    )
    .get() as StateRow;
  const store = localStoreIdentity(db);
  return {
    configured: row.server_url !== null,
    server: row.server_url,
    role: row.server_username,
    storeId: store?.storeId ?? null,
    storeName: store?.storeName ?? null,
    lastSyncAt: row.last_success_at,
    lastAttemptAt: row.last_attempt_at,
    backlog: outboxSize(db),
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    consecutiveFailures: row.consecutive_failures,
    rowsSent: row.rows_sent,
  };
}
