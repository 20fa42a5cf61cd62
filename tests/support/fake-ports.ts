/** In-memory ports that behave like MessagePortMain (structured clone, asynchronous `{data, ports}` events). */
import { EventEmitter } from 'node:events';

export class FakePort extends EventEmitter {
  peer: FakePort | null = null;
  closed = false;
  postMessage(message: unknown, ports: FakePort[] = []): void {
    const peer = this.peer;
    if (this.closed || !peer) return;
    const data = structuredClone(message);
    setImmediate(() => {
      if (!peer.closed) peer.emit('message', { data, ports });
    });
  }
  start(): void {}
  close(): void {
    this.closed = true;
  }
}

export function portPair(): [FakePort, FakePort] {
  const a = new FakePort();
  const b = new FakePort();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
