/**
 * Cuts ffmpeg's raw stdout into exactly-frame-sized RGB frames, whatever the pipe's chunk
 * boundaries (a 384x288 frame spans several 64 KiB reads; a chunk may end mid-frame or hold the
 * end of one frame and the start of the next). Each byte is copied once, straight from the chunk
 * into a frame buffer taken from a pool.
 */
import type { RgbFrame } from '../vision/detections';

/**
 * Recycles frame-sized buffers. A buffer comes back only through release(): once a frame has been
 * handed to outside code we cannot know it is no longer read, so recycling is opt-in.
 */
export class FramePool {
  private readonly free: Uint8Array[] = [];
  private allocatedCount = 0;

  constructor(
    readonly frameBytes: number,
    /** Most idle buffers kept; extra releases are left to the garbage collector. */
    readonly maxIdle = 4,
  ) {
    if (!Number.isInteger(frameBytes) || frameBytes <= 0) throw new RangeError(`frameBytes must be a positive integer`);
  }

  acquire(): Uint8Array {
    const buf = this.free.pop();
    if (buf) return buf;
    this.allocatedCount++;
    // allocUnsafe-like speed without Buffer: every byte is overwritten before the frame is emitted.
    return new Uint8Array(this.frameBytes);
  }

  release(buf: Uint8Array): void {
    if (buf.byteLength !== this.frameBytes || this.free.length >= this.maxIdle || this.free.includes(buf)) return;
    this.free.push(buf);
  }

  /** Buffers created so far (a steady value under load means recycling works). */
  get allocated(): number {
    return this.allocatedCount;
  }

  get idle(): number {
    return this.free.length;
  }
}

export interface FrameReaderOptions {
  width: number;
  height: number;
  /** Output frame rate, used to stamp timeS = index / fps. */
  fps: number;
  onFrame: (frame: RgbFrame) => void;
  pool?: FramePool;
  /** Index given to the first frame (a restarted capture may continue a count). */
  firstIndex?: number;
}

export class FrameReader {
  readonly frameBytes: number;
  readonly pool: FramePool;
  private current: Uint8Array | undefined;
  private filled = 0;
  private nextIndex: number;

  constructor(private readonly o: FrameReaderOptions) {
    if (!Number.isInteger(o.width) || o.width <= 0 || !Number.isInteger(o.height) || o.height <= 0) {
      throw new RangeError(`frame size must be positive integers, got ${o.width}x${o.height}`);
    }
    if (!(o.fps > 0)) throw new RangeError(`fps must be positive, got ${o.fps}`);
    this.frameBytes = o.width * o.height * 3;
    this.pool = o.pool ?? new FramePool(this.frameBytes);
    if (this.pool.frameBytes !== this.frameBytes) throw new RangeError('pool buffer size does not match the frame size');
    this.nextIndex = o.firstIndex ?? 0;
  }

  /** Frames emitted so far. */
  get frames(): number {
    return this.nextIndex - (this.o.firstIndex ?? 0);
  }

  /** Bytes of an incomplete frame held back (non-zero at end of stream means a truncated frame). */
  get pendingBytes(): number {
    return this.filled;
  }

  push(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.byteLength) {
      if (!this.current) this.current = this.pool.acquire();
      const n = Math.min(this.frameBytes - this.filled, chunk.byteLength - offset);
      this.current.set(chunk.subarray(offset, offset + n), this.filled);
      this.filled += n;
      offset += n;
      if (this.filled === this.frameBytes) {
        const data = this.current;
        this.current = undefined;
        this.filled = 0;
        const index = this.nextIndex++;
        this.o.onFrame({ width: this.o.width, height: this.o.height, data, index, timeS: index / this.o.fps });
      }
    }
  }

  /** Drops a partial frame (end of stream or restart), returning its buffer to the pool. */
  reset(): void {
    if (this.current) this.pool.release(this.current);
    this.current = undefined;
    this.filled = 0;
  }
}
