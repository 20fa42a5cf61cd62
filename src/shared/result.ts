/**
 * Result envelopes cross every process boundary (IPC, HTTP, utilityProcess ports): errors are
 * data with a stable code, never thrown across a boundary.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNKNOWN_REQUEST'
  | 'TIMEOUT'
  | 'UNAVAILABLE'
  | 'INTERNAL'
  | (string & { readonly __domainCode?: never });

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** Field-level problems for VALIDATION errors: path → message. */
  issues?: Array<{ path: string; message: string }>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** An error that services throw on purpose; its code and message reach the caller unchanged. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Array<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, issues?: AppErrorShape['issues']): Result<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});

/** Turns anything thrown into an envelope; errors carrying a string `code` keep it. */
export function toFailure(err: unknown): Result<never> {
  if (err instanceof AppError) return fail(err.code, err.message, err.issues);
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code)) return fail(code, oneLine(err.message));
    return fail('INTERNAL', oneLine(err.message));
  }
  return fail('INTERNAL', 'unexpected error');
}

function oneLine(s: string): string {
  const line = s.split('\n')[0] ?? '';
  return line.length > 500 ? `${line.slice(0, 497)}...` : line;
}
