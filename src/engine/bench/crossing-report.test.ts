import { describe, expect, it } from 'vitest';
import { buildCrossingReport, type ReportFrame } from './crossing-report';
import type { PredictedEvent, TruthEvent } from './synthetic/ground-truth';

/** One actor walking right at 10 px/frame through x = 200 (crossing at frame 10), box 40×100. */
const boxAt = (f: number): [number, number, number, number] => [100 + 10 * f - 20, 200, 100 + 10 * f + 20, 300];
const truth: TruthEvent[] = [{ actor: 'a', direction: 'in', frame: 10 }];
const truthBoxes = (f: number) => (f < 30 ? [{ actor: 'a', box: boxAt(f) }] : []);

/** Output frames: `id(f)` is the track id on the actor's box at frame f, null = not detected. */
function frames(id: (f: number) => number | null, extra: (f: number) => Array<{ box: [number, number, number, number]; id: number }> = () => []): ReportFrame[] {
  return Array.from({ length: 30 }, (_, f) => {
    const list: Array<{ box: readonly number[]; id: number }> = [];
    const t = id(f);
    if (t !== null) list.push({ box: boxAt(f), id: t });
    list.push(...extra(f));
    return { frame: f, length: list.length, xyxy: Float32Array.from(list.flatMap((d) => d.box)), trackerId: Int32Array.from(list.map((d) => d.id)) };
  });
}

describe('per-crossing report', () => {
  it.each<{ name: string; out: ReportFrame[]; events: PredictedEvent[]; counted: boolean; cause?: string }>([
    { name: 'counted by its own track', out: frames(() => 1), events: [{ direction: 'in', frame: 11, track: 1 }], counted: true },
    { name: 'no detection around the crossing', out: frames((f) => (f < 3 ? 1 : null)), events: [], counted: false, cause: 'no detection' },
    { name: 'track lost in the gap, a new one after', out: frames((f) => (f < 8 ? 1 : f < 12 ? null : 2)), events: [], counted: false, cause: 'track lost' },
    { name: 'crossed while unmatched, same track after', out: frames((f) => (f >= 8 && f < 11 ? -1 : 1)), events: [], counted: false, cause: 'crossed while unmatched' },
    { name: 'tracked throughout, not counted', out: frames(() => 1), events: [], counted: false, cause: 'counter' },
    {
      name: 'id switch: the track after had been someone else’s',
      out: frames((f) => (f < 10 ? 1 : 7), (f) => (f < 8 ? [{ box: [500, 200, 540, 300], id: 7 }] : [])),
      events: [],
      counted: false,
      cause: 'id switch',
    },
  ])('$name', ({ out, events, counted, cause }) => {
    // the second actor of the id-switch case is in the truth boxes only where it is drawn
    const boxes = (f: number) => [...truthBoxes(f), ...(f < 8 ? [{ actor: 'b', box: [500, 200, 540, 300] as [number, number, number, number] }] : [])];
    const r = buildCrossingReport(out, boxes, truth, events);
    expect(r.crossings).toHaveLength(1);
    expect(r.crossings[0]!.counted).toBe(counted);
    expect(r.crossings[0]!.cause).toBe(cause);
    expect(r.falseCounts).toEqual([]);
  });

  it('a count of a track on someone who did not cross is a false count', () => {
    const standing = (f: number) => [{ actor: 's', box: [300, 400, 340, 500] as [number, number, number, number] }, ...truthBoxes(f)];
    const out = frames(() => 1, () => [{ box: [300, 400, 340, 500], id: 5 }]);
    const r = buildCrossingReport(out, standing, truth, [{ direction: 'in', frame: 11, track: 1 }, { direction: 'out', frame: 15, track: 5 }]);
    expect(r.falseCounts.map((f) => [f.cause, f.actors])).toEqual([['no crossing', ['s']]]);
    expect(r.missesByCause).toEqual({ 'no detection': 0, 'track lost': 0, 'id switch': 0, 'crossed while unmatched': 0, counter: 0 });
  });
});
