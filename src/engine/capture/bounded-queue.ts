/**
 * A small FIFO that never grows past its capacity: when full, the OLDEST item is dropped (and
 * counted) so a slow consumer always gets recent frames from a live camera instead of an
 * ever-growing backlog (Frigate's capture_frames does the same with its frame queue).
 */
export class BoundedQueue<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private count = 0;
  private droppedCount = 0;

  constructor(
    readonly capacity = 2,
    /** Receives each dropped item, e.g. to return its buffer to a pool. */
    private readonly onDrop?: (item: T) => void,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be an integer >= 1, got ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Items dropped because the queue was full, since construction. */
  get dropped(): number {
    return this.droppedCount;
  }

  get isFull(): boolean {
    return this.count === this.capacity;
  }

  /** Adds an item; returns the item dropped to make room, if any. */
  push(item: T): T | undefined {
    let dropped: T | undefined;
    if (this.count === this.capacity) {
      dropped = this.shift();
      this.droppedCount++;
      if (dropped !== undefined) this.onDrop?.(dropped);
    }
    this.items[(this.head + this.count) % this.capacity] = item;
    this.count++;
    return dropped;
  }

  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined; // let the frame be collected
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    return item;
  }

  peek(): T | undefined {
    return this.count === 0 ? undefined : this.items[this.head];
  }

  /** Empties the queue (not counted as drops) and returns what it held, oldest first. */
  drain(): T[] {
    const out: T[] = [];
    for (let item = this.shift(); item !== undefined; item = this.shift()) out.push(item);
    return out;
  }
}
