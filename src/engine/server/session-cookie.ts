/**
 * The session cookie of `serve`: HttpOnly (page scripts never see it), SameSite=Strict (no other
 * site's page can make the browser send it), Path=/, Secure when served over TLS. The value is
 * the session id itself; only its hash is stored (src/engine/access/sessions.ts).
 */
import type { IncomingHttpHeaders } from 'node:http';

export const SESSION_COOKIE = 'footfall_session';

export function readSessionCookie(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/** `maxAgeS`: seconds until the session's absolute expiry (the engine's clock, not the wall's). */
export function sessionCookie(token: string, maxAgeS: number, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor(maxAgeS));
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
