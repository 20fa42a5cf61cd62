import { describe, expect, it } from 'vitest';
import { makeDetections, type Detections } from '../vision/detections';
import { GeometryError } from './errors';
import { LineZone, type CrossingEvent, type LineZoneOptions } from './line-zone';

type Anchor = readonly [number, number] | null;

/** Detections whose anchors (bottom centres) are the given points, with tracker ids. */
function anchored(points: ReadonlyArray<{ id: number; x: number; y: number; classId?: number }>): Detections {
  const d = makeDetections(
    points.map((p) => [p.x - 20, p.y - 100, p.x + 20, p.y] as const),
    points.map(() => 0.8),
    points.map((p) => p.classId ?? 0),
  );
  d.trackerId = Int32Array.from(points.map((p) => p.id));
  return d;
}

/** Feeds one anchor path per track (track id = index + 1; null = not detected that frame). */
function runPaths(zone: LineZone, paths: ReadonlyArray<ReadonlyArray<Anchor>>) {
  const frames = Math.max(...paths.map((p) => p.length));
  const events: CrossingEvent[] = [];
  for (let f = 0; f < frames; f++) {
    const pts: Array<{ id: number; x: number; y: number }> = [];
    paths.forEach((path, k) => {
      const a = path[f];
      if (a) pts.push({ id: k + 1, x: a[0], y: a[1] });
    });
    events.push(...zone.trigger(anchored(pts), f, f / 10).events);
  }
  return { ...zone.counts(), events };
}

const xs = (values: number[], y = 240): Anchor[] => values.map((x) => [x, y] as const);
const range = (from: number, to: number, step: number): number[] => {
  const out: number[] = [];
  for (let v = from; step > 0 ? v <= to : v >= to; v += step) out.push(v);
  return out;
};
const vertical: LineZoneOptions = { x1: 100, y1: 0, x2: 100, y2: 480 }; // band = 4% of 480 = 19.2 px

describe('LineZone direction and crossing rules', () => {
  it.each([
    { name: 'walking toward larger x (docs/ARCHITECTURE.md example)', line: vertical, paths: [xs(range(40, 160, 10))], in: 1, out: 0 },
    { name: 'walking toward smaller x', line: vertical, paths: [xs(range(160, 40, -10))], in: 0, out: 1 },
    { name: 'line drawn the other way flips the meaning', line: { x1: 100, y1: 480, x2: 100, y2: 0 }, paths: [xs(range(40, 160, 10))], in: 0, out: 1 },
    {
      name: 'horizontal line: walking up the image (from y>240 to y<240) is in',
      line: { x1: 0, y1: 240, x2: 640, y2: 240 },
      paths: [range(400, 100, -20).map((y) => [320, y] as const)],
      in: 1,
      out: 0,
    },
    {
      name: 'diagonal line, crossing from the positive side',
      line: { x1: 0, y1: 0, x2: 400, y2: 400 },
      paths: [range(0, 20, 1).map((k) => [100 + 10 * k, 300 - 10 * k] as const)],
      in: 1, // (100,300) is on the positive side: cross((400,400),(100,300)) = 80000 > 0
      out: 0,
    },
    { name: 'jitter ±2 px on the line for 30 frames', line: vertical, paths: [xs(range(0, 29, 1).map((f) => (f % 2 ? 102 : 98)))], in: 0, out: 0 },
    {
      name: 'approach, jitter on the line, then walk on',
      line: vertical,
      paths: [xs([...range(40, 90, 10), ...range(0, 29, 1).map((f) => (f % 2 ? 102 : 98)), ...range(110, 170, 10)])],
      in: 1,
      out: 0,
    },
    { name: 'step over and back within the band', line: vertical, paths: [xs([40, 60, 80, 95, 110, 95, 80, 60])], in: 0, out: 0 },
    { name: 'fast walker jumping across in one frame', line: vertical, paths: [xs([-125, 25, 175, 325])], in: 1, out: 0 },
    { name: 'passing beside the end of the segment', line: { x1: 100, y1: 0, x2: 100, y2: 200 }, paths: [xs(range(40, 160, 10), 350)], in: 0, out: 0 },
    { name: 'diagonal step missing the end by 3 px', line: vertical, paths: [[[70, 476], [90, 478], [110, 488], [130, 490]] as Anchor[]], in: 0, out: 0 },
    { name: 'passing exactly through an endpoint counts', line: vertical, paths: [xs(range(40, 160, 10), 480)], in: 1, out: 0 },
    { name: 'turning back before the line', line: vertical, paths: [xs([20, 40, 60, 80, 90, 80, 60, 40])], in: 0, out: 0 },
    { name: 'stopping exactly on the line, then on', line: vertical, paths: [xs([60, 80, 100, 100, 100, 130, 150])], in: 1, out: 0 },
    { name: 'stopping exactly on the line, then back', line: vertical, paths: [xs([60, 80, 100, 100, 80, 60])], in: 0, out: 0 },
    { name: 'in, then back out', line: vertical, paths: [xs([40, 80, 120, 160, 120, 80, 40])], in: 1, out: 1 },
    { name: 'in, out, in again: at most once per direction', line: vertical, paths: [xs([40, 80, 120, 160, 120, 80, 40, 80, 120, 160])], in: 1, out: 1 },
    { name: 'lost near the line, found on the other side', line: vertical, paths: [xs([40, 60, 80, 95]).concat([null, null, null, null], xs([140, 160]))], in: 1, out: 0 },
    { name: 'first seen inside the band, then across', line: vertical, paths: [xs([95, 110, 130, 150])], in: 1, out: 0 },
    { name: 'first seen inside the band, leaving on its own side', line: vertical, paths: [xs([95, 90, 70, 50])], in: 0, out: 0 },
    {
      name: 'two people side by side',
      line: vertical,
      paths: [xs(range(40, 160, 10), 240), xs(range(40, 160, 10), 280)],
      in: 2,
      out: 0,
    },
    {
      name: 'two people crossing in opposite directions',
      line: vertical,
      paths: [xs(range(40, 160, 10), 240), xs(range(160, 40, -10), 250)],
      in: 1,
      out: 1,
    },
    { name: 'no hysteresis: jitter counts once each way', line: { ...vertical, minCrossingDistancePx: 0 }, paths: [xs([98, 102, 98, 102, 98])], in: 1, out: 1 },
  ])('$name → in $in, out $out', ({ line, paths, in: expectedIn, out: expectedOut }) => {
    const zone = new LineZone(line);
    const res = runPaths(zone, paths);
    expect({ in: res.in, out: res.out }).toEqual({ in: expectedIn, out: expectedOut });
    expect(res.events.filter((e) => e.direction === 'in')).toHaveLength(expectedIn);
    expect(res.events.filter((e) => e.direction === 'out')).toHaveLength(expectedOut);
  });

  it('sign convention: cross((x2−x1, y2−y1), (px−x1, py−y1)) > 0 is the side "in" comes from', () => {
    const zone = new LineZone(vertical);
    expect(zone.signedDistance(50, 240)).toBeGreaterThan(0); // x < 100: cross((0,480),(−50,240)) = 24000
    expect(zone.signedDistance(150, 240)).toBeLessThan(0);
    const diag = new LineZone({ x1: 0, y1: 0, x2: 400, y2: 400 });
    expect(diag.signedDistance(100, 300)).toBeGreaterThan(0); // so walking from here to (300,100) is in
    expect(diag.signedDistance(300, 100)).toBeLessThan(0);
  });
});

describe('LineZone events and bookkeeping', () => {
  it('reports an aligned crossedIn mask and a full event', () => {
    const zone = new LineZone({ ...vertical, id: 'door' });
    zone.trigger(anchored([{ id: 7, x: 60, y: 240 }, { id: 8, x: 300, y: 100 }]), 10, 1.0);
    const res = zone.trigger(anchored([{ id: 8, x: 300, y: 110 }, { id: 7, x: 140, y: 250 }]), 11, 1.1);
    expect(res.crossedIn).toEqual([false, true]);
    expect(res.crossedOut).toEqual([false, false]);
    expect(res.events).toEqual([
      {
        lineId: 'door', trackId: 7, direction: 'in', frameIndex: 11, timeS: 1.1, classId: 0,
        anchor: [140, 250], previousAnchor: [60, 240], confidence: expect.closeTo(0.8, 6) as number,
      },
    ]);
  });

  it('ignores detections without a confirmed track id', () => {
    const zone = new LineZone(vertical);
    for (const [f, x] of [40, 80, 120, 160].entries()) {
      const d = anchored([{ id: -1, x, y: 240 }]);
      zone.trigger(d, f, f);
      delete d.trackerId;
      zone.trigger(d, f, f);
    }
    expect(zone.counts()).toEqual({ in: 0, out: 0, perClass: {} });
  });

  it('counts per class and honours the class filter', () => {
    const all = new LineZone(vertical);
    const onlyPeople = new LineZone({ ...vertical, classes: [0] });
    for (const [f, x] of [40, 80, 120, 160].entries()) {
      const d = anchored([{ id: 1, x, y: 240, classId: 0 }, { id: 2, x, y: 300, classId: 2 }, { id: 3, x: 200 - x, y: 100, classId: 2 }]);
      all.trigger(d, f, f);
      onlyPeople.trigger(d, f, f);
    }
    expect(all.counts()).toEqual({ in: 2, out: 1, perClass: { 0: { in: 1, out: 0 }, 2: { in: 1, out: 1 } } });
    expect(onlyPeople.counts()).toEqual({ in: 1, out: 0, perClass: { 0: { in: 1, out: 0 } } });
  });

  it('uses only the first of two detections sharing a track id in one frame', () => {
    const zone = new LineZone(vertical);
    zone.trigger(anchored([{ id: 1, x: 60, y: 240 }]), 0, 0);
    zone.trigger(anchored([{ id: 1, x: 70, y: 240 }, { id: 1, x: 160, y: 240 }]), 1, 0.1);
    expect(zone.counts().in).toBe(0);
  });

  it('forgets tracks it has not seen for forgetAfterFrames (bounded memory)', () => {
    const zone = new LineZone({ ...vertical, forgetAfterFrames: 50 });
    for (let f = 0; f < 1000; f++) zone.trigger(anchored([{ id: f + 1, x: 50, y: 240 }]), f, f / 30);
    expect(zone.trackedCount).toBeLessThanOrEqual(50 + 32 + 1);
  });

  it('reset() clears counts and tracks', () => {
    const zone = new LineZone(vertical);
    runPaths(zone, [xs([40, 80, 120, 160])]);
    expect(zone.counts().in).toBe(1);
    zone.reset();
    expect(zone.counts()).toEqual({ in: 0, out: 0, perClass: {} });
    expect(zone.trackedCount).toBe(0);
  });

  it.each([
    { name: 'zero-length line', line: { x1: 5, y1: 5, x2: 5, y2: 5 }, code: 'ZERO_LENGTH_LINE' },
    { name: 'NaN coordinate', line: { x1: Number.NaN, y1: 0, x2: 5, y2: 5 }, code: 'INVALID_COORDINATE' },
    { name: 'infinite coordinate', line: { x1: 0, y1: 0, x2: Infinity, y2: 5 }, code: 'INVALID_COORDINATE' },
    { name: 'negative hysteresis', line: { ...vertical, minCrossingDistancePx: -1 }, code: 'INVALID_OPTION' },
    { name: 'NaN hysteresis', line: { ...vertical, minCrossingDistancePx: Number.NaN }, code: 'INVALID_OPTION' },
    { name: 'forgetAfterFrames 0', line: { ...vertical, forgetAfterFrames: 0 }, code: 'INVALID_OPTION' },
    { name: 'fractional class id', line: { ...vertical, classes: [0.5] }, code: 'INVALID_OPTION' },
  ])('rejects $name with $code', ({ line, code }) => {
    let err: unknown;
    try {
      new LineZone(line);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GeometryError);
    expect((err as GeometryError).code).toBe(code);
  });

  it.each([
    { line: vertical, band: 19.2 },
    { line: { x1: 0, y1: 0, x2: 30, y2: 40 }, band: 3 }, // 4% of 50 px is 2: the 3 px floor applies
    { line: { ...vertical, minCrossingDistancePx: 7 }, band: 7 },
  ])('hysteresis band for $line is $band px', ({ line, band }) => {
    expect(new LineZone(line).minCrossingDistancePx).toBeCloseTo(band, 9);
  });
});

describe('LineZone with what the tracker knows (anchors, partial views, gaps)', () => {
  /** One frame: tracks with an anchor each; `partial` marks views the tracker flagged as partial. */
  function frame(points: ReadonlyArray<{ id: number; x: number; y: number; partial?: boolean; boxBottom?: number }>): Detections {
    // The box is drawn where a partial view would put it (bottom raised), the anchor where the feet are.
    const d = makeDetections(
      points.map((p) => [p.x - 20, p.y - 100, p.x + 20, p.boxBottom ?? p.y] as const),
      points.map(() => 0.8),
    );
    d.trackerId = Int32Array.from(points.map((p) => p.id));
    d.anchors = Float32Array.from(points.flatMap((p) => [p.x, p.y]));
    d.partialView = Uint8Array.from(points.map((p) => (p.partial ? 1 : 0)));
    return d;
  }
  type Step = { x: number; partial?: boolean } | null;
  function runSteps(paths: ReadonlyArray<ReadonlyArray<Step>>, line: LineZoneOptions = vertical, y = 240) {
    const zone = new LineZone(line);
    const events: CrossingEvent[] = [];
    const frames = Math.max(...paths.map((p) => p.length));
    for (let f = 0; f < frames; f++) {
      const pts: Array<{ id: number; x: number; y: number; partial?: boolean }> = [];
      paths.forEach((p, k) => {
        const s = p[f];
        if (s) pts.push({ id: k + 1, x: s.x, y: y + k * 30, partial: s.partial });
      });
      events.push(...zone.trigger(frame(pts), f, f / 10).events);
    }
    return { ...zone.counts(), events };
  }
  const whole = (x: number): Step => ({ x });
  const part = (x: number): Step => ({ x, partial: true });

  it.each([
    {
      name: 'crossing during a gap: lost on one side, found on the other',
      paths: [[whole(40), whole(70), whole(90), null, null, null, null, whole(140), whole(160)]],
      in: 1, out: 0, countedAt: 7,
    },
    {
      name: 'crossing while seen only in part: counted at the first whole view past the line',
      paths: [[whole(40), whole(70), whole(90), part(105), part(125), part(140), whole(150), whole(160)]],
      in: 1, out: 0, countedAt: 6,
    },
    {
      name: 'crossing in part and lost for good: not counted (nothing trustworthy past the line)',
      paths: [[whole(40), whole(70), whole(90), part(125), part(140), null, null]],
      in: 0, out: 0, countedAt: -1,
    },
    {
      name: 'standing on the line, partial views jumping past the band: no count',
      paths: [[whole(101), whole(99), part(75), part(78), whole(100), part(125), whole(101), whole(99)]],
      in: 0, out: 0, countedAt: -1,
    },
    {
      name: 'standing beside the line the whole time with jitter: no count',
      paths: [Array.from({ length: 40 }, (_, f) => whole(f % 2 ? 104 : 96))],
      in: 0, out: 0, countedAt: -1,
    },
    {
      name: 'only partial views, all the way across: no count',
      paths: [[part(40), part(80), part(120), part(160)]],
      in: 0, out: 0, countedAt: -1,
    },
    {
      name: 'degenerate: a gap of one frame exactly on the line',
      paths: [[whole(60), whole(80), whole(100), null, whole(120), whole(140)]],
      in: 1, out: 0, countedAt: 4,
    },
  ])('$name → in $in, out $out', ({ paths, in: wantIn, out: wantOut, countedAt }) => {
    const r = runSteps(paths as Step[][]);
    expect({ in: r.in, out: r.out }).toEqual({ in: wantIn, out: wantOut });
    if (countedAt >= 0) expect(r.events[0]!.frameIndex).toBe(countedAt);
  });

  it.each([
    {
      // Two people pass each other at the line: each track crosses once, each way once.
      name: 'two tracks swapping sides (passing each other)',
      paths: [[whole(60), whole(80), whole(100), whole(120), whole(140)], [whole(140), whole(120), whole(100), whole(80), whole(60)]],
      in: 1, out: 1,
    },
    {
      // The tracker swapped the two ids back and forth across the line: each track counts at most
      // once per direction, so the damage is bounded (2 each way here, never more).
      name: 'two tracks swapping identities back and forth across the line',
      paths: [
        [whole(70), whole(130), whole(70), whole(130), whole(70), whole(130)],
        [whole(130), whole(70), whole(130), whole(70), whole(130), whole(70)],
      ],
      in: 2, out: 2,
    },
    {
      name: 'two tracks swapping sides inside the band only: no count',
      paths: [[whole(95), whole(105), whole(95)], [whole(105), whole(95), whole(105)]],
      in: 0, out: 0,
    },
  ])('$name → in $in, out $out', ({ paths, in: wantIn, out: wantOut }) => {
    const r = runSteps(paths as Step[][]);
    expect({ in: r.in, out: r.out }).toEqual({ in: wantIn, out: wantOut });
  });

  it('uses the tracker anchor (feet) instead of the box bottom when it has one', () => {
    // a horizontal door at y 240: the boxes' bottoms stay above it, the feet cross it
    const zone = new LineZone({ x1: 0, y1: 240, x2: 640, y2: 240 });
    for (const [f, y] of [300, 270, 250, 230, 210, 190].entries()) {
      zone.trigger(frame([{ id: 1, x: 320, y, boxBottom: 150 }]), f, f / 10);
    }
    expect(zone.counts().in).toBe(1);
  });
});
