/**
 * WebSocket `/events`: pushes every EventBus event to connected pages as `{event, payload}`.
 * One bus subscription per event name is shared by all sockets.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { eventNames } from '../../shared/contract';
import type { EventBus } from '../wiring/event-bus';

/** A page that cannot keep up loses live frames rather than growing our memory without bound. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const PING_INTERVAL_MS = 30_000;

export interface EventSocket {
  /** `session`: the cookie it came with and its stored hash (checked again at every ping). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, session: { token: string; sessionHash: string }): void;
  /** Closes the sockets of sessions that just ended (sign-out, password change, disabled user). */
  closeSessions(sessionHashes: readonly string[]): void;
  close(): Promise<void>;
}

/** A socket lives only as long as its session: `stillValid` is asked at every ping. */
export function createEventSocket(events: EventBus, stillValid: (token: string) => string | null): EventSocket {
  // Clients never need to send more than a pong; a tiny limit keeps them from sending much else.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();
  const sessions = new WeakMap<WebSocket, { token: string; sessionHash: string }>();

  const unsubscribers = eventNames.map((event) =>
    events.on(event, (payload) => {
      if (wss.clients.size === 0) return;
      const message = JSON.stringify({ event, payload });
      for (const client of wss.clients) {
        if (client.readyState === WebSocket.OPEN && client.bufferedAmount < MAX_BUFFERED_BYTES) client.send(message);
      }
    }),
  );

  const offAudience = events.addAudience(() => wss.clients.size > 0);

  wss.on('connection', (ws) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    // Inbound messages carry no meaning here; ignore them instead of erroring.
    ws.on('message', () => undefined);
    ws.on('error', () => ws.terminate());
  });

  // Drops sockets whose peer vanished without a close frame (sleeping laptop, killed tab).
  const pinger = setInterval(() => {
    for (const client of wss.clients) {
      const session = sessions.get(client);
      if (!session || stillValid(session.token) !== session.sessionHash) {
        client.close(4401, 'session ended');
        continue;
      }
      if (alive.get(client) === false) {
        client.terminate();
        continue;
      }
      alive.set(client, false);
      client.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  return {
    handleUpgrade(req, socket, head, session) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        sessions.set(ws, session);
        wss.emit('connection', ws, req);
      });
    },
    closeSessions(sessionHashes) {
      const ended = new Set(sessionHashes);
      for (const client of wss.clients) {
        const s = sessions.get(client);
        if (s && ended.has(s.sessionHash)) client.terminate();
      }
    },
    close() {
      clearInterval(pinger);
      for (const off of unsubscribers) off();
      offAudience();
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      return new Promise((done) => {
        // Give close frames a moment, then cut whatever is left.
        const force = setTimeout(() => {
          for (const client of wss.clients) client.terminate();
        }, 500);
        force.unref();
        wss.close(() => {
          clearTimeout(force);
          done();
        });
      });
    },
  };
}
