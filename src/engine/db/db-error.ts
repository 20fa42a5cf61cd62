import { AppError } from '../../shared/result';

/** Stable codes for data-layer failures; they travel unchanged through result envelopes. */
export type DbErrorCode =
  | 'DB_OPEN_FAILED'
  | 'MIGRATION_MODIFIED'
  | 'MIGRATION_FAILED'
  | 'SCHEMA_TOO_NEW'
  | 'INVALID_JSON'
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'WRITER_CLOSED'
  | 'RETENTION_FAILED'
  // issue 11 (disk full): the result writer holds rows in memory and retries (result-writer.ts).
  | 'DISK_FULL'
  | 'DISK_WRITE_FAILED';

export class DbError extends AppError {
  override readonly code: DbErrorCode;

  constructor(code: DbErrorCode, message: string, cause?: unknown) {
    super(code, message);
    this.name = 'DbError';
    this.code = code;
    if (cause !== undefined) this.cause = cause;
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
