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
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

export function createEventSocket(events: EventBus): EventSocket {
  // Clients never need to send more than a pong; a tiny limit keeps them from sending much else.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();

  const unsubscribers = eventNames.map((event) =>
    events.on(event, (payload) => {
      if (wss.clients.size === 0) return;
      const message = JSON.stringify({ event, payload });
      for (const client of wss.clients) {
        if (client.readyState === WebSocket.OPEN && client.bufferedAmount < MAX_BUFFERED_BYTES) client.send(message);
      }
    }),
  );

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
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      clearInterval(pinger);
      for (const off of unsubscribers) off();
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
