import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './bounded-queue';

describe('BoundedQueue', () => {
  it('drops the OLDEST item when full and counts drops', () => {
    const dropped: number[] = [];
    const q = new BoundedQueue<number>(2, (n) => dropped.push(n));
    expect(q.push(1)).toBeUndefined();
    expect(q.push(2)).toBeUndefined();
    expect(q.push(3)).toBe(1);
    expect(q.push(4)).toBe(2);
    expect(q.dropped).toBe(2);
    expect(dropped).toEqual([1, 2]);
    expect(q.shift()).toBe(3);
    expect(q.shift()).toBe(4);
    expect(q.shift()).toBeUndefined();
    expect(q.dropped).toBe(2);
  });

  it('defaults to capacity 2 and wraps around its ring many times in order', () => {
    const q = new BoundedQueue<number>();
    expect(q.capacity).toBe(2);
    const seen: number[] = [];
    for (let i = 0; i < 100; i++) {
      q.push(i);
      if (i % 3 === 0) seen.push(q.shift()!);
    }
    seen.push(...q.drain());
    // strictly increasing: never out of order, never a repeat
    expect(seen.every((v, i) => i === 0 || v > seen[i - 1]!)).toBe(true);
    expect(seen.at(-1)).toBe(99);
    expect(q.dropped + seen.length).toBe(100);
  });

  it('drain() empties without counting drops', () => {
    const q = new BoundedQueue<string>(3);
    q.push('a');
    q.push('b');
    expect(q.drain()).toEqual(['a', 'b']);
    expect(q.size).toBe(0);
    expect(q.dropped).toBe(0);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses capacity %s', (c) => {
    expect(() => new BoundedQueue(c)).toThrow(RangeError);
  });
});
