import { describe, expect, it } from 'vitest';
import { FailureTracker } from '../../../src/engine/cameras/failure-policy';
import { MeanWindow, RateMeter } from '../../../src/engine/cameras/rate-meter';

describe('FailureTracker: when retrying turns into failed', () => {
  const policy = { refused: { attempts: 3, afterMs: 10_000 }, unreachable: { attempts: 2, afterMs: 0 } };

  it.each([
    ['refused: enough attempts but too soon', [['refused', 0], ['refused', 1000], ['refused', 2000]], [false, false, false]],
    ['refused: attempts and time both reached', [['refused', 0], ['refused', 5000], ['refused', 10_000]], [false, false, true]],
    ['unreachable: second attempt', [['unreachable', 0], ['unreachable', 500]], [false, true]],
    ['timeout never gives up', [['timeout', 0], ['timeout', 60_000], ['timeout', 600_000]], [false, false, false]],
    ['reasons counted apart', [['refused', 0], ['unreachable', 20_000], ['refused', 20_000]], [false, false, false]],
  ] as const)('%s', (_label, failures, expected) => {
    const t = new FailureTracker(policy);
    expect(failures.map(([reason, at]) => t.onFailure(reason, at))).toEqual(expected);
  });

  it('after giving up, the next failure gives up at once; live frames reset everything', () => {
    const t = new FailureTracker(policy);
    t.onFailure('unreachable', 0);
    expect(t.onFailure('unreachable', 1)).toBe(true);
    expect(t.onFailure('unreachable', 60_000)).toBe(true); // the slow retry failed again
    t.onLive();
    expect(t.onFailure('unreachable', 70_000)).toBe(false);
    expect(t.attempts('unreachable')).toBe(1);
  });

  it('refuses nonsense rules', () => {
    expect(() => new FailureTracker({ refused: { attempts: 0, afterMs: 0 } })).toThrow(RangeError);
    expect(() => new FailureTracker({ refused: { attempts: 2, afterMs: -1 } })).toThrow(RangeError);
  });
});

describe('RateMeter and MeanWindow', () => {
  it('measures a steady rate, and decays to 0 within one window after events stop', () => {
    const m = new RateMeter(5000);
    for (let t = 0; t <= 10_000; t += 500) m.mark(t);
    expect(m.rate(10_000)).toBeCloseTo(2, 1);
    expect(m.rate(12_500)).toBeCloseTo(1, 1);
    expect(m.rate(15_001)).toBe(0);
    const young = new RateMeter(5000);
    young.mark(0);
    young.mark(250);
    expect(young.rate(300)).toBeCloseTo(4, 5);
  });

  it('averages the last values only', () => {
    const w = new MeanWindow(3);
    expect(w.mean()).toBeNull();
    [10, 20, 30, 40, Number.NaN].forEach((v) => w.add(v));
    expect(w.mean()).toBe(30);
  });
});
