import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PersonDetector } from '../inference/person-detector';
import { DetectorPool } from './detector-pool';
import type { ModelChoice } from './model-resolver';

// The linger is a timer: fake timers step through it instead of waiting for it.

function fakeChoice(key: string, fail = false) {
  const dispose = vi.fn(async () => undefined);
  const detector = { warmup: vi.fn(async () => undefined), dispose } as unknown as PersonDetector;
  const load = vi.fn(async () => {
    if (fail) throw new Error('model file missing');
    return { detector, model: { modelId: key, versionNumber: '1.0.0' } };
  });
  const choice: ModelChoice = { key, label: key, load };
  return { choice, load, dispose, detector };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('DetectorPool', () => {
  it('shares one detector per key among the cameras that use it', async () => {
    const pool = new DetectorPool();
    const a = fakeChoice('yolo@1');
    const [l1, l2] = await Promise.all([pool.acquire(a.choice), pool.acquire(a.choice)]);
    expect(a.load).toHaveBeenCalledTimes(1);
    expect(l1.detector).toBe(l2.detector);
    expect(pool.size).toBe(1);
    await pool.close();
    expect(a.dispose).toHaveBeenCalledTimes(1);
  });

  it('keeps an unused detector for lingerMs, so a restarted camera does not reload it', async () => {
    const pool = new DetectorPool({ lingerMs: 1000 });
    const a = fakeChoice('yolo@1');
    (await pool.acquire(a.choice)).release();
    await vi.advanceTimersByTimeAsync(999);
    expect(a.dispose).not.toHaveBeenCalled();
    const again = await pool.acquire(a.choice);
    expect(a.load).toHaveBeenCalledTimes(1);
    // Taken again before the linger ran out: the timer is cancelled.
    await vi.advanceTimersByTimeAsync(5000);
    expect(a.dispose).not.toHaveBeenCalled();
    again.release();
    again.release(); // a second release of the same lease changes nothing
    await vi.advanceTimersByTimeAsync(999);
    expect(pool.size).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(a.dispose).toHaveBeenCalledTimes(1);
    expect(pool.size).toBe(0);
    await pool.acquire(a.choice);
    expect(a.load).toHaveBeenCalledTimes(2);
    await pool.close();
  });

  it('waits for the last camera before the linger starts', async () => {
    const pool = new DetectorPool({ lingerMs: 100 });
    const a = fakeChoice('yolo@1');
    const first = await pool.acquire(a.choice);
    const second = await pool.acquire(a.choice);
    first.release();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(a.dispose).not.toHaveBeenCalled();
    second.release();
    await vi.advanceTimersByTimeAsync(100);
    expect(a.dispose).toHaveBeenCalledTimes(1);
  });

  it('does not cache a failed load: the next acquire tries again', async () => {
    const pool = new DetectorPool();
    const bad = fakeChoice('broken@1', true);
    await expect(pool.acquire(bad.choice)).rejects.toThrow('model file missing');
    expect(pool.size).toBe(0);
    await expect(pool.acquire(bad.choice)).rejects.toThrow('model file missing');
    expect(bad.load).toHaveBeenCalledTimes(2);
  });

  it('refuses new leases once closed', async () => {
    const pool = new DetectorPool();
    await pool.close();
    await expect(pool.acquire(fakeChoice('yolo@1').choice)).rejects.toThrow('closed');
  });
});
