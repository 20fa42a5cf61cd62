/**
 * The central server's address as the shop stores it: the URL without credentials, the role name,
 * and the password (with any credential query value) encrypted by the same SecretBox as camera
 * passwords. The real connection URL exists only in memory, just before connecting.
 */
import { decodeSecret, encodeSecret, injectSecrets, isEmptySecret, secretStrings, splitUrlSecrets, type CameraSecret } from '../cameras/camera-secrets';
import { redactUrl } from '../capture/redact-url';
import type { SqliteDatabase } from '../db/open-database';
import { rememberSecret } from '../secrets/known-secrets';
import type { SecretBox } from '../secrets/secret-box';
import type { ServerContext } from './pg-errors';
import { SyncError } from './sync-error';

const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

export interface ParsedServerUrl {
  /** Safe to store, log and show. */
  publicUrl: string;
  username: string | null;
  secret: CameraSecret;
  context: ServerContext;
}

export interface ServerConfig {
  /** With the password: for the driver only, never logged. */
  connectionUrl: string;
  publicUrl: string;
  username: string | null;
  context: ServerContext;
}

/** Checks that `url` is a PostgreSQL URL and splits off its secrets. Refuses it in plain words. */
export function parseServerUrl(url: string): ParsedServerUrl {
  const text = url.trim();
  const shown = redactUrl(text);
  if (!/^postgres(ql)?:\/\//i.test(text)) {
    throw new SyncError('SYNC_INVALID_URL', `the sync server must be a postgres:// or postgresql:// URL, got "${shown}"`);
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new SyncError('SYNC_INVALID_URL', `"${shown}" is not a valid URL (percent-encode special characters in the password)`);
  }
  const sslmode = parsed.searchParams.get('sslmode');
  if (sslmode !== null && !SSL_MODES.includes(sslmode)) {
    throw new SyncError('SYNC_INVALID_URL', `sslmode must be one of ${SSL_MODES.join(', ')}, got "${sslmode}"`);
  }
  const socketHost = parsed.searchParams.get('host');
  const address = parsed.host || socketHost || 'localhost';
  const split = splitUrlSecrets(text);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || null;
  return {
    publicUrl: split.publicUrl,
    username: split.username,
    secret: split.secret,
    context: { address, user: split.username, database, secrets: secretStrings(split.secret) },
  };
}

interface StateRow {
  server_url: string | null;
  server_username: string | null;
  server_secret_ciphertext: Buffer | null;
}

/** What to connect with, from a URL typed now (nothing stored). */
export function serverConfigFromUrl(url: string): ServerConfig {
  const parsed = parseServerUrl(url);
  for (const s of parsed.context.secrets) rememberSecret(s);
  return {
    connectionUrl: injectSecrets(parsed.publicUrl, parsed.username, parsed.secret),
    publicUrl: parsed.publicUrl,
    username: parsed.username,
    context: parsed.context,
  };
}

/** Stores the server (replacing any earlier one) and returns what to connect with now. */
export function saveServerUrl(db: SqliteDatabase, box: SecretBox, url: string): ServerConfig {
  const parsed = parseServerUrl(url);
  const cipher = isEmptySecret(parsed.secret) ? null : box.encrypt(encodeSecret(parsed.secret));
  db.prepare('UPDATE sync_state SET server_url = ?, server_username = ?, server_secret_ciphertext = ? WHERE id = 1').run(
    parsed.publicUrl,
    parsed.username,
    cipher,
  );
  return serverConfigFromUrl(url);
}

/** The stored server, null when sync was never configured. */
export function loadServerConfig(db: SqliteDatabase, box: SecretBox): ServerConfig | null {
  const row = db.prepare('SELECT server_url, server_username, server_secret_ciphertext FROM sync_state WHERE id = 1').get() as StateRow | undefined;
  if (!row?.server_url) return null;
  let secret: CameraSecret | null = null;
  if (row.server_secret_ciphertext) {
    try {
      secret = decodeSecret(box.decrypt(row.server_secret_ciphertext));
    } catch {
      throw new SyncError(
        'SYNC_SECRET_UNREADABLE',
        `the stored password for the sync server cannot be decrypted with this machine's key (${box.kind}); run "footfall sync push --db FILE --pg URL" again`,
      );
    }
  }
  const parsed = parseServerUrl(row.server_url);
  const secrets = secretStrings(secret);
  for (const s of secrets) rememberSecret(s);
  return {
    connectionUrl: injectSecrets(row.server_url, row.server_username, secret),
    publicUrl: row.server_url,
    username: row.server_username,
    context: { ...parsed.context, user: row.server_username, secrets },
  };
}

/** Whether a server is stored, without decrypting anything. */
export function isSyncConfigured(db: SqliteDatabase): boolean {
  return db.prepare('SELECT server_url IS NOT NULL FROM sync_state WHERE id = 1').pluck().get() === 1;
}
