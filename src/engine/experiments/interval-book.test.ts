import { describe, expect, it } from 'vitest';
import { IntervalBook, truthHits, type IntervalKey } from './interval-book';

const key = (index: number, lengthS = 10, unit = 'door'): IntervalKey => ({ index, unit, startS: index * lengthS, endS: (index + 1) * lengthS });
const cross = (timeS: number, direction: 'in' | 'out' = 'in') => ({ line: 'door', direction, timeS });

describe('IntervalBook', () => {
  it('sums frames, counts, latency and skips per arm and interval, in time order', () => {
    const book = new IntervalBook(0.2);
    book.addFrame(key(1), 'baseline', { timeS: 12, latencyMs: 100, cpuMs: 150, crossings: [cross(12)] });
    book.addFrame(key(0), 'baseline', { timeS: 1, latencyMs: 80, cpuMs: 100, crossings: [cross(1), cross(2, 'out')] });
    book.addFrame(key(0), 'baseline', { timeS: 1.2, latencyMs: 120, cpuMs: 100, crossings: [] });
    book.addFrame(key(0), 'challenger', { timeS: 1, latencyMs: 40, cpuMs: 50, crossings: [cross(1.3)] });
    book.addSkipped(key(0), 'challenger');
    const rows = book.rows(null);
    expect(rows.map((r) => [r.key.index, r.arm])).toEqual([
      [0, 'baseline'],
      [0, 'challenger'],
      [1, 'baseline'],
    ]);
    const [b0, c0, b1] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    expect(b0).toMatchObject({ frames: 2, in: 1, out: 1, latencyMs: 100, cpuMs: 200, exposureS: 0.4, skippedFrames: 0 });
    expect(c0).toMatchObject({ frames: 1, in: 1, out: 0, latencyMs: 40, skippedFrames: 1 });
    // Agreement: the challenger's 'in' at 1.3 s matches the baseline's at 1 s; the 'out' is unmatched.
    expect(b0.agreement).toBeCloseTo((2 * 1) / 3, 10);
    expect(c0.agreement).toBe(b0.agreement);
    // An interval only one arm saw has no agreement.
    expect(b1.agreement).toBeNull();
  });

  it('two arms that both counted nothing agree fully', () => {
    const book = new IntervalBook(1);
    book.addFrame(key(0), 'baseline', { timeS: 0, latencyMs: 1, cpuMs: 1, crossings: [] });
    book.addFrame(key(0), 'challenger', { timeS: 0, latencyMs: 1, cpuMs: 1, crossings: [] });
    expect(book.rows(null).map((r) => r.agreement)).toEqual([1, 1]);
  });

  it('scores each arm against truth over the whole run, booking a boundary crossing where it happened', () => {
    const book = new IntervalBook(1);
    // Truth at 9.8 s (interval 0); the baseline counts it at 10.3 s (interval 1) — a match, booked in 0.
    book.addFrame(key(0), 'baseline', { timeS: 0, latencyMs: 1, cpuMs: 1, crossings: [] });
    book.addFrame(key(1), 'baseline', { timeS: 10.3, latencyMs: 1, cpuMs: 1, crossings: [cross(10.3), cross(15, 'out')] });
    book.addFrame(key(0), 'challenger', { timeS: 0, latencyMs: 1, cpuMs: 1, crossings: [] });
    book.addFrame(key(1), 'challenger', { timeS: 10.3, latencyMs: 1, cpuMs: 1, crossings: [] });
    const rows = book.rows({ events: [cross(9.8)], toleranceS: 1 });
    const by = (arm: string, index: number) => rows.find((r) => r.arm === arm && r.key.index === index)!.truth;
    expect(by('baseline', 0)).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(by('baseline', 1)).toEqual({ tp: 0, fp: 1, fn: 0 });
    expect(by('challenger', 0)).toEqual({ tp: 0, fp: 0, fn: 1 });
  });

  it('drain() hands over only the intervals that are over, once', () => {
    const book = new IntervalBook(1);
    book.addFrame(key(0), 'baseline', { timeS: 1, latencyMs: 1, cpuMs: 1, crossings: [] });
    book.addFrame(key(1), 'baseline', { timeS: 11, latencyMs: 1, cpuMs: 1, crossings: [] });
    expect(book.drain(10).map((r) => r.key.index)).toEqual([0]);
    expect(book.drain(10)).toEqual([]);
    expect(book.drain(Number.POSITIVE_INFINITY).map((r) => r.key.index)).toEqual([1]);
    expect(book.size).toBe(0);
  });
});

describe('truthHits (McNemar pairs)', () => {
  it('says for each true crossing which arm found it', () => {
    const truth = [cross(1), cross(5), cross(9, 'out')];
    const hits = truthHits([cross(1.2), cross(9.1, 'out')], [cross(5.4), cross(8.9, 'out')], truth, 1);
    expect(hits).toEqual([
      { baseline: true, challenger: false },
      { baseline: false, challenger: true },
      { baseline: true, challenger: true },
    ]);
  });
});
