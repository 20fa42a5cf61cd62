/**
 * DNS-rebinding and cross-site guard. A page on evil.example can resolve its own name to
 * 127.0.0.1 and then talk to us "same-origin" from the browser's point of view; the Host header
 * still says evil.example, so only requests addressed to our own loopback origin are served.
 * Cross-site pages that post to 127.0.0.1 directly are stopped by the Origin check.
 */
import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase());
}

/** The `host:port` values this server answers to. */
export function allowedHostHeaders(bindHost: string, port: number, extra: readonly string[] = []): Set<string> {
  const hosts = new Set<string>();
  if (isLoopbackHost(bindHost)) {
    for (const h of ['127.0.0.1', 'localhost', '[::1]']) hosts.add(`${h}:${port}`);
  } else {
    hosts.add(`${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${port}`.toLowerCase());
  }
  for (const h of extra) hosts.add(h.toLowerCase());
  return hosts;
}

export type GuardVerdict = { ok: true } | { ok: false; reason: string };

/** `scheme`: what this server speaks ('https:' with TLS); an Origin of any other scheme is refused. */
export function checkHostAndOrigin(headers: IncomingHttpHeaders, allowed: ReadonlySet<string>, scheme: 'http:' | 'https:' = 'http:'): GuardVerdict {
  const host = (headers.host ?? '').toLowerCase();
  if (!allowed.has(host)) return { ok: false, reason: `host "${host.slice(0, 100)}" is not this server` };
  const origin = headers.origin;
  // Same-origin GETs and non-browser clients send no Origin; browsers always send it on POST and
  // WebSocket upgrades, which is where cross-site requests would come from.
  if (origin === undefined) return { ok: true };
  let originHost: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== scheme) return { ok: false, reason: 'origin scheme refused' };
    originHost = url.host.toLowerCase();
  } catch {
    return { ok: false, reason: 'origin refused' };
  }
  return allowed.has(originHost) ? { ok: true } : { ok: false, reason: `origin "${origin.slice(0, 100)}" refused` };
}
