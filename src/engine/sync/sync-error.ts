import { AppError } from '../../shared/result';

/** Stable codes for chain-sync failures; they travel unchanged through result envelopes. */
export type SyncErrorCode =
  | 'SYNC_INVALID_URL'
  | 'SYNC_NOT_CONFIGURED'
  | 'SYNC_UNREACHABLE'
  | 'SYNC_AUTH_FAILED'
  | 'SYNC_TLS_FAILED'
  | 'SYNC_NO_DATABASE'
  | 'SYNC_SCHEMA_MISSING'
  | 'SYNC_SCHEMA_MODIFIED'
  | 'SYNC_PERMISSION_DENIED'
  | 'SYNC_STORE_UNKNOWN'
  | 'SYNC_STORE_MISMATCH'
  | 'SYNC_SECRET_UNREADABLE'
  | 'SYNC_SERVER_ERROR'
  | 'SYNC_LOCAL_ERROR'
  | 'SYNC_INVALID_INPUT';

/**
 * A sync failure in plain words (never a credential). `transient`: worth retrying as it is (the
 * server is down, the link dropped); otherwise someone must change something first (a password,
 * a role, the URL), though the engine still retries slowly in case they already did.
 */
export class SyncError extends AppError {
  override readonly code: SyncErrorCode;

  constructor(
    code: SyncErrorCode,
    message: string,
    readonly transient = false,
    cause?: unknown,
  ) {
    super(code, message);
    this.name = 'SyncError';
    this.code = code;
    if (cause !== undefined) this.cause = cause;
  }
}

/** Anything thrown while syncing, as a SyncError (a busy shop database is worth a retry). */
export function asSyncError(err: unknown): SyncError {
  if (err instanceof SyncError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const busy = typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
  const message = err instanceof Error ? err.message : String(err);
  return new SyncError('SYNC_LOCAL_ERROR', busy ? `the shop database was busy: ${message}` : `sync failed in the shop: ${message}`, busy, err);
}
