import { describe, expect, it } from 'vitest';
import { RestartPacer } from './restart-pacer';

describe('RestartPacer', () => {
  it('lets a burst through at once, then spaces restarts at the rate (FIFO)', async () => {
    const pacer = new RestartPacer({ ratePerSec: 10, burst: 2 });
    const t0 = Date.now();
    const order: number[] = [];
    const at: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        pacer.acquire().then(() => {
          order.push(i);
          at.push(Date.now() - t0);
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(at[1]!).toBeLessThan(50); // burst
    // three more at 10/s: ≈100, 200, 300 ms
    expect(at[4]!).toBeGreaterThanOrEqual(280);
    expect(at[4]!).toBeLessThan(1000);
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
