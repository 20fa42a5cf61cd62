/**
 * Headless server: the built renderer plus the same contract over HTTP and WebSocket, so the app
 * runs without Electron (a PC with no desktop session, a second screen, end-to-end tests).
 *
 *   GET  /…              static files from staticDir (index.html fallback for client routes)
 *   POST /api/<name>     JSON body → dispatch → 200 + result envelope
 *                        transport failures: 400 malformed JSON, 404 unknown request,
 *                        413 body too large, 415 not JSON — each still with an envelope
 *   WS   /events         `{event, payload}` for every EventBus event
 *
 * Every request must be addressed to our own origin (DNS-rebinding guard). Every API call and the
 * event socket need a session (the HttpOnly cookie of session-cookie.ts) except sign-in itself
 * (the contract's 'public' requests) and the static files; the contract's role check in dispatch
 * answers 401 without a session, 403 for a role too low, 429 while sign-in is backing off.
 * Anything but loopback is served over TLS only.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { isRequestName, type Handlers } from '../../shared/contract';
import { dispatch } from '../../shared/dispatch';
import { fail, type Result } from '../../shared/result';
import type { Caller, SessionSink } from '../../shared/roles';
import { MAX_PAYLOAD_BYTES, parseJsonPayload } from '../../shared/validate';
import type { EventBus } from '../wiring/event-bus';
import { SECURITY_HEADERS } from '../../shared/csp';
import { createEventSocket } from './events-socket';
import { allowedHostHeaders, checkHostAndOrigin, isLoopbackHost } from './origin-guard';
import { readBody } from './read-body';
import { clearedSessionCookie, readSessionCookie, sessionCookie } from './session-cookie';
import { createStaticHandler } from './static-files';

export interface ServerOptions {
  handlers: Handlers;
  events: EventBus;
  /** 0 picks a free port. */
  port: number;
  /** Defaults to 127.0.0.1; anything else must be asked for explicitly. */
  host?: string;
  /** The built renderer, normally `out/renderer`. */
  staticDir: string;
  /** Extra `host:port` values accepted in Host/Origin when bound to a non-loopback address. */
  allowedHosts?: readonly string[];
  /** Who is calling: sessions, sign-in (the engine's AccessService fits). */
  access: ServerAccess;
  /** Certificate and key (PEM): required for any address but loopback. */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

/** What the server needs to know about callers. */
export interface ServerAccess {
  httpCaller(token: string | undefined, address: string, sink: SessionSink): Caller;
  /** The session hash behind a cookie for the event socket, or null. */
  socketSession(token: string | undefined): string | null;
  onRevoke(listener: (tokenHashes: readonly string[]) => void): () => void;
  setupRequired(): boolean;
  clock(): number;
}

/** Refusals that are HTTP statuses of their own; every other envelope is a 200. */
const STATUS_OF: Readonly<Record<string, number>> = {
  UNAUTHENTICATED: 401,
  SETUP_REQUIRED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  RATE_LIMITED: 429,
};

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

const API_PREFIX = '/api/';
const CLOSE_GRACE_MS = 5_000;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const { handlers, events, access } = options;
  if (!isLoopbackHost(host) && !options.tls) {
    throw Object.assign(new Error(`listening on ${host} needs TLS (--tls-cert/--tls-key, or the certificate serve makes on first use)`), {
      code: 'TLS_REQUIRED',
    });
  }
  const secure = options.tls !== undefined;
  const scheme = secure ? 'https:' : 'http:';
  let allowed = new Set<string>();
  let closing = false;

  const staticFiles = createStaticHandler(options.staticDir, sendText);
  const eventSocket = createEventSocket(events, (token) => access.socketSession(token));
  const stopRevokes = access.onRevoke((hashes) => eventSocket.closeSessions(hashes));

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    handleRequest(req, res).catch(() => {
      if (!res.headersSent) sendEnvelope(res, 500, fail('INTERNAL', 'internal server error'));
      else res.destroy();
    });
  };
  const server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, onRequest) : createHttpServer(onRequest);
  // Slow-loris and idle keep-alive sockets must not pin the process open.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  server.keepAliveTimeout = 5_000;

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const verdict = checkHostAndOrigin(req.headers, allowed, scheme);
    if (!verdict.ok) return sendEnvelope(res, 403, fail('FORBIDDEN', verdict.reason));
    if (closing) return sendEnvelope(res, 503, fail('UNAVAILABLE', 'server is shutting down'));

    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathname.startsWith(API_PREFIX)) return handleApi(req, res, pathname.slice(API_PREFIX.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'method not allowed');
    }
    return staticFiles.serve(req, res, pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, rawName: string): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    let name: string;
    try {
      name = decodeURIComponent(rawName);
    } catch {
      name = rawName;
    }
    if (!isRequestName(name)) return sendEnvelope(res, 404, fail('UNKNOWN_REQUEST', `unknown request "${name.slice(0, 100)}"`));
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendEnvelope(res, 405, fail('VALIDATION', 'use POST with a JSON body'));
    }
    // Requiring JSON forces a CORS preflight on any cross-site attempt, a second line behind Origin.
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return sendEnvelope(res, 415, fail('VALIDATION', 'content-type must be application/json'));

    const body = await readBody(req, MAX_PAYLOAD_BYTES);
    if (!body.ok) {
      res.setHeader('Connection', 'close');
      if (body.reason === 'too-large') return sendEnvelope(res, 413, fail('VALIDATION', `payload larger than ${MAX_PAYLOAD_BYTES} bytes`));
      return sendEnvelope(res, 400, fail('VALIDATION', 'request body aborted'));
    }
    const parsed = parseJsonPayload(body.text);
    if (!parsed.ok) return sendEnvelope(res, 400, parsed);
    const sink: SessionSink = {
      issue: (token, expiresAt) => res.setHeader('Set-Cookie', sessionCookie(token, (Date.parse(expiresAt) - access.clock()) / 1000, secure)),
      clear: () => res.setHeader('Set-Cookie', clearedSessionCookie(secure)),
    };
    const caller = access.httpCaller(readSessionCookie(req.headers), req.socket.remoteAddress ?? 'unknown', sink);
    let result = await dispatch(handlers, name, parsed.value, caller);
    if (!result.ok && result.error.code === 'UNAUTHENTICATED') {
      // A stale cookie goes; a first start says what it needs instead of "sign in".
      if (readSessionCookie(req.headers) !== undefined) sink.clear();
      if (access.setupRequired()) result = fail('SETUP_REQUIRED', 'no account can sign in yet: create the admin account first');
    }
    sendEnvelope(res, result.ok ? 200 : (STATUS_OF[result.error.code] ?? 200), result);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = (req.url ?? '').split('?')[0];
    const verdict = checkHostAndOrigin(req.headers, allowed, scheme);
    const token = readSessionCookie(req.headers);
    const session = closing || pathname !== '/events' || !verdict.ok ? null : access.socketSession(token);
    if (session === null) {
      const status = closing
        ? '503 Service Unavailable'
        : pathname !== '/events'
          ? '404 Not Found'
          : !verdict.ok
            ? '403 Forbidden'
            : '401 Unauthorized';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    eventSocket.handleUpgrade(req, socket, head, { token: token ?? '', sessionHash: session });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowed = allowedHostHeaders(host, port, options.allowedHosts);
  const urlHost = isLoopbackHost(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  return {
    url: `${secure ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    host,
    async close() {
      if (closing) return;
      closing = true;
      stopRevokes();
      await eventSocket.close();
      await new Promise<void>((done) => {
        // In-flight requests finish (server.close waits for them); idle keep-alives go now, and
        // a request still running after the grace period is cut so shutdown cannot hang.
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          done();
        });
        server.closeIdleConnections();
      });
    },
  };
}

function sendEnvelope(res: ServerResponse, status: number, envelope: Result<unknown>): void {
  let text: string;
  try {
    text = JSON.stringify(envelope);
  } catch {
    status = 500;
    text = JSON.stringify(fail('INTERNAL', 'result could not be serialised'));
  }
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', String(Buffer.byteLength(text)));
  res.end(text);
}

function sendText(res: ServerResponse, status: number, message: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', String(Buffer.byteLength(message)));
  res.end(message);
}
