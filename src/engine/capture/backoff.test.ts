import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const mid = (): number => 0.5; // no jitter
  it.each([
    [0, 500],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [5, 16_000],
    [6, 30_000],
    [100, 30_000],
    [10_000, 30_000],
  ])('attempt %i → %i ms', (attempt, ms) => {
    expect(backoffDelay(attempt, {}, mid)).toBe(ms);
  });

  it('jitters within ±20% and never past the cap', () => {
    expect(backoffDelay(0, {}, () => 0)).toBe(400);
    expect(backoffDelay(0, {}, () => 1)).toBe(600);
    expect(backoffDelay(20, {}, () => 1)).toBe(30_000);
  });

  it('takes custom options', () => {
    expect(backoffDelay(3, { initialMs: 100, factor: 3, maxMs: 1000, jitter: 0 })).toBe(1000);
    expect(backoffDelay(1, { initialMs: 100, factor: 3, maxMs: 1000, jitter: 0 })).toBe(300);
  });

  it('refuses nonsense', () => {
    expect(() => backoffDelay(0, { factor: 0.5 })).toThrow(RangeError);
    expect(() => backoffDelay(0, { jitter: 2 })).toThrow(RangeError);
  });
});
