import { EventEmitter } from 'node:events';
import type { EventMap, EventName } from '../../shared/contract';

/** Typed live-event bus between the engine and whatever binds the contract (IPC, WebSocket). */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Many renderer windows / sockets may listen; this is not a leak.
    this.emitter.setMaxListeners(100);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.emitter.emit(event, payload);
  }

  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}
