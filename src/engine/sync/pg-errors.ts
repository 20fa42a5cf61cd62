/**
 * What went wrong talking to the central server, in words a shop manager can act on. The raw
 * driver message is kept at the end (scrubbed of every credential) for the technician.
 */
import { scrubSecrets } from '../capture/redact-url';
import { scrubText } from '../log';
import { SyncError } from './sync-error';

export interface ServerContext {
  /** host:port (or the socket folder) as written in the URL; never carries credentials. */
  address: string;
  user: string | null;
  database: string | null;
  /** Secret strings to scrub from any message (the password, credential query values). */
  secrets: readonly string[];
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

// SQLSTATE classes that describe the moment, not the request: retry as is.
const TRANSIENT_SQLSTATE = /^(08|53|57P0[1-3]|40001|40P01|55P03)/;

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** Node gives an AggregateError when every address of a host name failed; the first one says why. */
function firstCause(err: unknown): unknown {
  const errors = (err as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) && errors.length > 0 && !codeOf(err) ? errors[0] : err;
}

export function rawMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The driver's message without URLs' credentials, remembered secrets or the given ones. */
export function safeMessage(err: unknown, secrets: readonly string[]): string {
  return scrubSecrets(scrubText(rawMessage(err)), secrets).split('\n')[0] ?? '';
}

export function describePgError(error: unknown, ctx: ServerContext): SyncError {
  if (error instanceof SyncError) return error;
  const err = firstCause(error);
  const code = codeOf(err);
  const said = safeMessage(err, ctx.secrets);
  const user = ctx.user ?? '(default user)';
  const where = `the sync server at ${ctx.address}`;
  const make = (c: ConstructorParameters<typeof SyncError>[0], message: string, transient: boolean): SyncError =>
    new SyncError(c, `${message} (${said})`, transient, error);

  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
    return make('SYNC_TLS_FAILED', `a certificate or key file named in the URL (sslrootcert, sslcert, sslkey) cannot be read`, false);
  }
  if (code === 'ECONNREFUSED') return make('SYNC_UNREACHABLE', `${where} refused the connection: is PostgreSQL running and listening there?`, true);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return make('SYNC_UNREACHABLE', `the host name of ${where} could not be resolved: check the address and the network`, true);
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || /timeout/i.test(said)) {
    return make('SYNC_UNREACHABLE', `${where} did not answer in time: check the network link`, true);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /Connection terminated|server closed the connection/i.test(said)) {
    return make('SYNC_UNREACHABLE', `the connection to ${where} was lost; nothing unconfirmed was marked sent, it will be sent again`, true);
  }
  if (TLS_CODES.has(code) || /SSL|TLS|certificate/i.test(said)) {
    return make('SYNC_TLS_FAILED', `the secure connection to ${where} failed: check sslmode and the CA certificate (sslrootcert) in the URL`, false);
  }
  if (code === '28P01') return make('SYNC_AUTH_FAILED', `${where} refused the password for role "${user}": run "sync push --pg URL" with the right password`, false);
  if (code === '28000') return make('SYNC_AUTH_FAILED', `${where} does not let role "${user}" sign in from here (pg_hba.conf or a missing role)`, false);
  if (code === '3D000') return make('SYNC_NO_DATABASE', `${where} has no database "${ctx.database ?? user}"`, false);
  if (code === '42P01' || code === '3F000') {
    return make('SYNC_SCHEMA_MISSING', `the central database has no Footfall schema yet: run "footfall sync init --pg URL" with the chain admin's role first`, false);
  }
  if (code === '42501' && /row-level security/i.test(said)) {
    return make('SYNC_PERMISSION_DENIED', `${where} refused rows that role "${user}" may not write: a shop's role may only write its own store's rows`, false);
  }
  if (code === '42501') return make('SYNC_PERMISSION_DENIED', `role "${user}" lacks a permission on ${where}`, false);
  if (code === '23503' || code === '23505' || code === '23502' || code.startsWith('22')) {
    return make('SYNC_SERVER_ERROR', `${where} refused a row of this batch; the batch stays in the outbox`, false);
  }
  if (TRANSIENT_SQLSTATE.test(code)) return make('SYNC_UNREACHABLE', `${where} is busy, starting or shutting down`, true);
  return make('SYNC_SERVER_ERROR', `${where} reported an error`, false);
}
