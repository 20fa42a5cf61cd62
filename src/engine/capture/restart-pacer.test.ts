import { afterEach, describe, expect, it, vi } from 'vitest';
import { RestartPacer } from './restart-pacer';

afterEach(() => {
  vi.useRealTimers();
});

describe('RestartPacer', () => {
  it('lets a burst through at once, then spaces restarts at the rate (FIFO)', async () => {
    vi.useFakeTimers();
    const pacer = new RestartPacer({ ratePerSec: 10, burst: 2 });
    const t0 = Date.now();
    const granted: Array<[number, number]> = [];
    const all = Promise.all([0, 1, 2, 3, 4].map((i) => pacer.acquire().then(() => granted.push([i, Date.now() - t0]))));
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([[0, 0], [1, 0]]); // the burst
    expect(pacer.waiting).toBe(3);
    await vi.advanceTimersByTimeAsync(99);
    expect(granted).toHaveLength(2);
    // then one every 100 ms (10/s), in the order they asked
    await vi.advanceTimersByTimeAsync(201);
    await all;
    expect(granted).toEqual([[0, 0], [1, 0], [2, 100], [3, 200], [4, 300]]);
    expect(pacer.waiting).toBe(0);
  });

  it('a cancelled wait gives its turn to the next', async () => {
    const pacer = new RestartPacer({ ratePerSec: 20, burst: 1 });
    await pacer.acquire();
    const ac = new AbortController();
    const cancelled = pacer.acquire(ac.signal);
    const next = pacer.acquire();
    ac.abort(new Error('stop'));
    await expect(cancelled).rejects.toThrow('stop');
    await expect(next).resolves.toBeUndefined();
    expect(pacer.waiting).toBe(0);
  });

  it('refills over time from an injected clock', async () => {
    let now = 0;
    const pacer = new RestartPacer({ ratePerSec: 1, burst: 1, now: () => now });
    await pacer.acquire();
    now = 1000;
    await expect(pacer.acquire()).resolves.toBeUndefined();
  });
});
