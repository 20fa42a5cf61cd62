/**
 * The accuracy test is only as good as its ground truth: the truth rule must be docs/ARCHITECTURE.md's
 * (anchor motion through the segment; from cross > 0 to cross < 0 is in), and the scoring must be
 * a one-to-one match. Pure and fast.
 */
import { describe, expect, it } from 'vitest';
import { crossingsOf, scoreEvents, sideValue, type AnchorSample, type LineSeg } from '../../../src/engine/bench/synthetic/ground-truth';
import { anchorAt, anchorSamples, type ActorScript } from '../../../src/engine/bench/synthetic/scene';

const DOOR: LineSeg = { x1: 100, y1: 0, x2: 100, y2: 480 };

function walk(points: Array<[number, number]>): AnchorSample[] {
  return points.map(([x, y], frame) => ({ frame, x, y }));
}

describe('synthetic ground truth', () => {
  it("follows docs/ARCHITECTURE.md's example: for 100,0 → 100,480, walking toward larger x is in", () => {
    expect(sideValue(DOOR, 50, 10)).toBeGreaterThan(0);
    expect(crossingsOf('a', walk([[60, 200], [90, 200], [110, 200], [140, 200]]), DOOR)).toEqual([{ actor: 'a', direction: 'in', frame: 2 }]);
    expect(crossingsOf('b', walk([[140, 200], [110, 200], [90, 200]]), DOOR)).toEqual([{ actor: 'b', direction: 'out', frame: 2 }]);
  });

  it('counts only motion through the segment itself', () => {
    expect(crossingsOf('beside', walk([[60, 520], [140, 520]]), DOOR)).toEqual([]);
    // Endpoint touched exactly: through the segment.
    expect(crossingsOf('end', walk([[60, 480], [140, 480]]), DOOR)).toHaveLength(1);
  });

  it('a stop exactly on the line counts once, when the anchor leaves it on the other side', () => {
    expect(crossingsOf('s', walk([[90, 100], [100, 100], [100, 100], [110, 100]]), DOOR)).toEqual([{ actor: 's', direction: 'in', frame: 3 }]);
    expect(crossingsOf('back', walk([[90, 100], [100, 100], [90, 100]]), DOOR)).toEqual([]);
  });

  it('counts each direction at most once per actor', () => {
    const zigzag = walk([[90, 100], [110, 100], [90, 100], [110, 100], [90, 100]]);
    expect(crossingsOf('z', zigzag, DOOR).map((e) => e.direction)).toEqual(['in', 'out']);
  });

  it('scripted actors move at their speed along the waypoints and leave at the end', () => {
    const a: ActorScript = { name: 'a', path: [[0, 0], [30, 0], [30, 40]], startFrame: 5, speed: 10 };
    expect(anchorAt(a, 4)).toBeNull();
    expect(anchorAt(a, 5)).toEqual([0, 0]);
    expect(anchorAt(a, 8)).toEqual([30, 0]);
    expect(anchorAt(a, 10)).toEqual([30, 20]);
    expect(anchorAt(a, 12)).toEqual([30, 40]);
    expect(anchorAt(a, 13)).toBeNull();
    expect(anchorSamples(a, 100).map((s) => s.frame)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('scores with a one-to-one match inside the tolerance, per direction', () => {
    const truth = [
      { actor: 'p', direction: 'in' as const, frame: 10 },
      { actor: 'q', direction: 'in' as const, frame: 14 },
      { actor: 'r', direction: 'out' as const, frame: 50 },
    ];
    const predicted = [
      { direction: 'in' as const, frame: 13 }, // closest to q, so p takes nothing within 2 frames
      { direction: 'in' as const, frame: 40 }, // no truth nearby
      { direction: 'out' as const, frame: 51 },
      { direction: 'out' as const, frame: 52 }, // duplicate of r
    ];
    const s = scoreEvents(predicted, truth, 2);
    expect(s.in).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(s.in.missed.map((m) => m.actor)).toEqual(['p']);
    expect(s.out).toMatchObject({ tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1 });
    expect(scoreEvents([], [], 5).in.f1).toBe(1);
    expect(scoreEvents([], truth, 5).in.f1).toBe(0);
  });
});

describe('scoring when counts crowd together', () => {
  it('matches as many counts as possible: an extra count cannot turn a right one into a miss', () => {
    // Two true crossings at 10 and 14, counts at 12 (extra) and 16 (for the one at 14), ±4 frames:
    // nearest-first alone would give 12 → 14, then 16 matches nothing and 10 is a miss.
    const truth = [
      { actor: 'a', direction: 'out' as const, frame: 10 },
      { actor: 'b', direction: 'out' as const, frame: 14 },
    ];
    const predicted = [{ direction: 'out' as const, frame: 12 }, { direction: 'out' as const, frame: 16 }];
    const s = scoreEvents(predicted, truth, 4);
    expect(s.out).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    expect(scoreEvents([...predicted, { direction: 'out' as const, frame: 13 }], truth, 4).out).toMatchObject({ tp: 2, fp: 1, fn: 0 });
  });
});
