import { EventEmitter } from 'node:events';
import type { EventMap, EventName } from '../../shared/contract';

/** Typed live-event bus between the engine and whatever binds the contract (IPC, WebSocket). */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly audiences = new Set<() => boolean>();

  constructor() {
    // Many renderer windows / sockets may listen; this is not a leak.
    this.emitter.setMaxListeners(100);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.emitter.emit(event, payload);
  }

  /**
   * A binding that shows live events to people (a window, the WebSocket) registers how to tell
   * whether anyone is there now; returns the unregister function.
   */
  addAudience(isPresent: () => boolean): () => void {
    this.audiences.add(isPresent);
    return () => this.audiences.delete(isPresent);
  }

  /**
   * Whether anyone is watching live events now. Costly events nobody sees (JPEG previews, a few
   * a second per camera on a small CPU) are not made while this is false.
   */
  get watched(): boolean {
    for (const present of this.audiences) if (present()) return true;
    return false;
  }

  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}
