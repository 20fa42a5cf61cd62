/**
 * A camera address splits into what may be stored and shown (the URL without user-info and with
 * credential query values replaced by ***) and what may not (password, credential parameters).
 * The secret part is encrypted as one blob; injectSecrets() rebuilds the real URL only when
 * ffmpeg is about to be spawned. Pure string code: no URL normalisation, the camera gets exactly
 * the address the user typed.
 */
import { splitCameraUrl } from './camera-url';
import { CREDENTIAL_PARAMS, REDACTED } from '../capture/redact-url';

export interface CameraSecret {
  password: string | null;
  /** Values of credential query parameters, in the order they appear in the URL. */
  query: Array<[name: string, value: string]>;
}

export interface SplitUrl {
  /** Safe for the database, logs and the renderer. */
  publicUrl: string;
  username: string | null;
  secret: CameraSecret;
}

const PARAM_RE = new RegExp(`([?&;])(${CREDENTIAL_PARAMS.join('|')})=([^&;#\\s'"<>]*)`, 'gi');

export function isEmptySecret(s: CameraSecret | null | undefined): boolean {
  return !s || (s.password === null && s.query.length === 0);
}

export function splitUrlSecrets(url: string): SplitUrl {
  const split = splitCameraUrl(url);
  const query: Array<[string, string]> = [];
  const publicUrl = split.urlRedacted.replace(PARAM_RE, (_m, sep: string, name: string, value: string) => {
    query.push([name, value]);
    return `${sep}${name}=${REDACTED}`;
  });
  return { publicUrl, username: split.username, secret: { password: split.password, query } };
}

/**
 * The URL ffmpeg gets: user-info put back (percent-encoded; ffmpeg decodes it) and each `name=***`
 * credential parameter given its stored value. A *** without a stored value stays as is (the
 * camera will refuse it, and the message says which parameter).
 */
export function injectSecrets(publicUrl: string, username: string | null, secret: CameraSecret | null): string {
  let url = publicUrl;
  if (secret && secret.query.length > 0) {
    const pending = [...secret.query];
    url = url.replace(PARAM_RE, (m, sep: string, name: string, value: string) => {
      if (value !== REDACTED) return m;
      const i = pending.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
      if (i === -1) return m;
      const [, stored] = pending.splice(i, 1)[0]!;
      return `${sep}${name}=${stored}`;
    });
  }
  const password = secret?.password ?? null;
  if (username === null && password === null) return url;
  const schemeEnd = url.indexOf('://');
  if (schemeEnd === -1) return url;
  const userinfo = `${encodeURIComponent(username ?? '')}${password === null ? '' : `:${encodeURIComponent(password)}`}@`;
  return url.slice(0, schemeEnd + 3) + userinfo + url.slice(schemeEnd + 3);
}

/**
 * Merges an edit: a URL sent back with `name=***` (as the renderer shows it) keeps the stored
 * value of that parameter; new values replace old ones. Returns the names of *** parameters that
 * have no stored value to keep.
 */
export function mergeQuerySecrets(next: CameraSecret['query'], previous: CameraSecret['query']): { query: CameraSecret['query']; missing: string[] } {
  const pool = [...previous];
  const missing: string[] = [];
  const query: CameraSecret['query'] = [];
  for (const [name, value] of next) {
    if (value !== REDACTED) {
      query.push([name, value]);
      continue;
    }
    const i = pool.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    if (i === -1) missing.push(name);
    else query.push([name, pool.splice(i, 1)[0]![1]]);
  }
  return { query, missing };
}

/** Serialised for the SecretBox; versioned so the format can change without a migration. */
export function encodeSecret(s: CameraSecret): string {
  return JSON.stringify({ v: 1, password: s.password, query: s.query });
}

export function decodeSecret(text: string): CameraSecret {
  try {
    const parsed = JSON.parse(text) as { v?: unknown; password?: unknown; query?: unknown };
    if (parsed && typeof parsed === 'object' && parsed.v === 1) {
      const query = Array.isArray(parsed.query)
        ? parsed.query.filter((q): q is [string, string] => Array.isArray(q) && typeof q[0] === 'string' && typeof q[1] === 'string')
        : [];
      return { password: typeof parsed.password === 'string' ? parsed.password : null, query };
    }
  } catch {
    // Not our JSON: a bare password stored by another writer (e.g. the Electron side).
  }
  return { password: text, query: [] };
}

/** Every secret string in the blob, for log scrubbing. */
export function secretStrings(s: CameraSecret | null): string[] {
  if (!s) return [];
  return [s.password, ...s.query.map(([, v]) => v)].filter((v): v is string => typeof v === 'string' && v.length > 0);
}
