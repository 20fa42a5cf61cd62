/**
 * Credential redaction for camera URLs and for text that quotes them (ffmpeg's stderr, error
 * messages, logs). Pure string code with no Node API, so it can move to src/shared unchanged.
 *
 * Regex-based rather than `new URL()` on purpose: WHATWG URL parsing normalises (lower-cases the
 * host, adds a trailing slash, rejects odd-but-real camera URLs), and a redactor must return the
 * rest of its input untouched and never throw.
 */

export const REDACTED = '***';

/** Query parameter names whose values are secrets (compared case-insensitively). */
export const CREDENTIAL_PARAMS: readonly string[] = [
  'password', 'pass', 'pwd', 'passwd', 'token', 'auth', 'key', 'secret', 'apikey', 'api_key',
  'access_token', 'sig', 'signature',
];

const PARAM_RE = new RegExp(`([?&;])(${CREDENTIAL_PARAMS.join('|')})=([^&;#\\s'"<>]*)`, 'gi');
const SCHEME_RE = /^([a-z][a-z0-9+.-]*:\/\/)/i;
// A URL inside free text: scheme://… up to whitespace or a quote/bracket that ends a quotation.
const URL_IN_TEXT_RE = /[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]+/gi;

function redactUserinfo(url: string): string {
  const scheme = SCHEME_RE.exec(url);
  if (!scheme) return url;
  const start = scheme[1]!.length;
  const rest = url.slice(start);
  // The authority ends at the first / ? #; a password may itself contain '@', so the userinfo
  // ends at the LAST '@' of the authority (as ffmpeg's own URL splitting does).
  const end = rest.search(/[/?#]/);
  const authority = end === -1 ? rest : rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  if (at === -1) return url;
  return url.slice(0, start) + REDACTED + url.slice(start + at);
}

function redactParams(text: string): string {
  return text.replace(PARAM_RE, (_m, sep: string, name: string) => `${sep}${name}=${REDACTED}`);
}

/**
 * Removes user:password (the whole userinfo) and credential query parameters from one URL.
 * Anything that is not a URL (a file path, a device name) comes back unchanged.
 */
export function redactUrl(url: string): string {
  return redactParams(redactUserinfo(url));
}

/** Redacts every URL quoted in a free text (stderr lines, error messages). */
export function redactText(text: string): string {
  return redactParams(text.replace(URL_IN_TEXT_RE, (u) => redactUserinfo(u)));
}

/**
 * The secret strings a URL carries (password, user name, credential parameter values), raw and
 * percent-decoded, so callers can scrub them from text that shows them out of URL form (ffmpeg
 * sometimes prints decoded credentials or bare query strings).
 */
export function urlSecrets(url: string): string[] {
  const out = new Set<string>();
  const add = (s: string): void => {
    if (s.length < 3) return; // scrubbing 1-2 character strings would shred unrelated text
    out.add(s);
    try {
      const d = decodeURIComponent(s);
      if (d.length >= 3) out.add(d);
    } catch {
      /* malformed percent-encoding: the raw form is still scrubbed */
    }
  };
  const scheme = SCHEME_RE.exec(url);
  if (scheme) {
    const rest = url.slice(scheme[1]!.length);
    const end = rest.search(/[/?#]/);
    const authority = end === -1 ? rest : rest.slice(0, end);
    const at = authority.lastIndexOf('@');
    if (at !== -1) {
      const userinfo = authority.slice(0, at);
      const colon = userinfo.indexOf(':');
      if (colon === -1) add(userinfo);
      else add(userinfo.slice(colon + 1));
    }
  }
  for (const m of url.matchAll(PARAM_RE)) add(m[3] ?? '');
  return [...out];
}

/** Redacts URLs in `text`, then replaces any literal occurrence of the given secrets. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = redactText(text);
  // Longest first so a secret that contains another is removed whole.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (s) out = out.split(s).join(REDACTED);
  }
  return out;
}
