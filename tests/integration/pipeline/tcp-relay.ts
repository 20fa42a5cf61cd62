/**
 * A TCP relay on 127.0.0.1 that accepts every client at once and connects it upstream, retrying
 * while the upstream port is not listening yet. In front of the `ffmpeg -listen 1` MJPEG stand-in
 * (one client, then a respawn) it behaves like a real multi-client IP camera, which accepts a new
 * connection immediately.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpRelay {
  port: number;
  /** Connections relayed upstream so far. */
  readonly connections: number;
  close(): Promise<void>;
}

export async function startTcpRelay(upstreamPort: number, o: { retryForMs?: number } = {}): Promise<TcpRelay> {
  const sockets = new Set<Socket>();
  let connections = 0;
  let closed = false;
  const retryForMs = o.retryForMs ?? 10_000;

  const connectUpstream = (until: number): Promise<Socket> =>
    new Promise((resolve, reject) => {
      const up = connect({ host: '127.0.0.1', port: upstreamPort });
      up.once('connect', () => resolve(up));
      up.once('error', (err) => {
        up.destroy();
        if (closed || Date.now() > until) reject(err);
        else setTimeout(() => connectUpstream(until).then(resolve, reject), 50);
      });
    });

  const server: Server = createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.pause();
    client.on('error', () => client.destroy());
    connectUpstream(Date.now() + retryForMs).then(
      (up) => {
        if (closed || client.destroyed) {
          up.destroy();
          return;
        }
        connections++;
        sockets.add(up);
        up.once('close', () => {
          sockets.delete(up);
          client.destroy();
        });
        up.on('error', () => up.destroy());
        client.once('close', () => up.destroy());
        client.pipe(up);
        up.pipe(client);
        client.resume();
      },
      () => client.destroy(),
    );
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    });
  });
  return {
    port,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
