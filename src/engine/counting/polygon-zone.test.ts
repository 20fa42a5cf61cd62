import { describe, expect, it } from 'vitest';
import { makeDetections, type Detections } from '../vision/detections';
import { ByteTracker } from '../tracking/byte-tracker';
import { sceneFrame, walker } from '../../../tests/fixtures/scenes/scripted-scenes';
import { GeometryError } from './errors';
import type { Point } from './geometry';
import { PolygonZone, type PolygonZoneOptions } from './polygon-zone';

type Anchor = readonly [number, number] | null;

function anchored(points: ReadonlyArray<{ id: number; x: number; y: number }>): Detections {
  const d = makeDetections(points.map((p) => [p.x - 20, p.y - 100, p.x + 20, p.y] as const), points.map(() => 0.8));
  d.trackerId = Int32Array.from(points.map((p) => p.id));
  return d;
}

const square: Point[] = [[200, 200], [400, 200], [400, 400], [200, 400]];

/** One path per track (id = index + 1); time in seconds = frame index, for readable dwell times. */
function runPaths(options: PolygonZoneOptions, paths: ReadonlyArray<ReadonlyArray<Anchor>>) {
  const zone = new PolygonZone(options);
  const frames = Math.max(...paths.map((p) => p.length));
  const entered: Array<[number, number]> = []; // [frame, trackId]
  const exited: Array<[number, number]> = [];
  const occupancy: number[] = [];
  for (let f = 0; f < frames; f++) {
    const pts: Array<{ id: number; x: number; y: number }> = [];
    paths.forEach((p, k) => {
      const a = p[f];
      if (a) pts.push({ id: k + 1, x: a[0], y: a[1] });
    });
    const res = zone.trigger(anchored(pts), f, f);
    res.entered.forEach((id) => entered.push([f, id]));
    res.exited.forEach((id) => exited.push([f, id]));
    occupancy.push(res.occupancy);
  }
  return { zone, entered, exited, occupancy };
}

const line = (from: number, to: number, step: number, y = 300): Anchor[] => {
  const out: Anchor[] = [];
  for (let x = from; step > 0 ? x <= to : x >= to; x += step) out.push([x, y]);
  return out;
};

describe('PolygonZone', () => {
  it.each([
    {
      name: 'walk straight through (inside frames 10..30)',
      options: { points: square },
      paths: [line(100, 500, 10)],
      entered: [[11, 1]], // first inside at frame 10, confirmed on the 2nd inside frame
      exited: [[32, 1]], // first outside at frame 31, confirmed at 32
      completed: 1,
      meanDwellS: 21, // from frame 10 (entry) to frame 31 (exit)
    },
    {
      name: 'immediate hysteresis (1 frame)',
      options: { points: square, minFramesToEnter: 1, minFramesToExit: 1 },
      paths: [line(100, 500, 10)],
      entered: [[10, 1]],
      exited: [[31, 1]],
      completed: 1,
      meanDwellS: 21,
    },
    {
      name: 'standing on the edge, flickering in/out every frame',
      options: { points: square },
      paths: [Array.from({ length: 40 }, (_, f) => [300, f % 2 ? 199 : 201] as const)],
      entered: [],
      exited: [],
      completed: 0,
      meanDwellS: 0,
    },
    {
      name: 'a one-frame step inside does not count',
      options: { points: square, minFramesToEnter: 2 },
      paths: [[[150, 300], [190, 300], [210, 300], [190, 300], [150, 300]] as Anchor[]],
      entered: [],
      exited: [],
      completed: 0,
      meanDwellS: 0,
    },
    {
      name: 'two visitors',
      options: { points: square },
      paths: [line(100, 500, 20), [null, null, null, null, null, ...line(500, 100, -20, 250)]],
      entered: [[6, 1], [11, 2]],
      exited: [[17, 1], [22, 2]],
      completed: 2,
      meanDwellS: 11, // visitor 1 inside frames 5..15, out at 16; visitor 2 inside 10..20, out at 21
    },
  ])('$name', ({ options, paths, entered, exited, completed, meanDwellS }) => {
    const res = runPaths(options, paths);
    expect(res.entered).toEqual(entered);
    expect(res.exited).toEqual(exited);
    const stats = res.zone.dwellStats();
    expect(stats.completed).toBe(completed);
    expect(stats.meanDwellS).toBeCloseTo(meanDwellS, 9);
    expect(res.occupancy.at(-1)).toBe(0);
  });

  it('counts occupancy and current dwell of people inside', () => {
    const paths: Anchor[][] = [
      Array.from({ length: 20 }, () => [300, 300] as const), // inside from frame 0
      [null, null, null, null, null, ...Array.from({ length: 15 }, () => [250, 350] as const)], // inside from 5
      Array.from({ length: 20 }, () => [600, 300] as const), // outside
    ];
    const res = runPaths({ points: square }, paths);
    expect(res.occupancy.slice(0, 7)).toEqual([0, 1, 1, 1, 1, 1, 2]);
    expect(res.occupancy.at(-1)).toBe(2);
    expect(res.zone.dwellStats()).toEqual({
      current: [{ trackId: 1, dwellS: 19 }, { trackId: 2, dwellS: 14 }],
      completed: 0,
      meanDwellS: 0,
    });
  });

  it('someone who vanishes inside leaves after forgetAfterFrames, at the time last seen', () => {
    const path: Anchor[] = [...Array.from({ length: 10 }, () => [300, 300] as const), ...Array.from({ length: 30 }, () => null)];
    const res = runPaths({ points: square, forgetAfterFrames: 5 }, [path]);
    expect(res.entered).toEqual([[1, 1]]);
    expect(res.exited).toEqual([[15, 1]]); // last seen frame 9, forgotten when 15 − 9 > 5
    expect(res.zone.dwellStats()).toEqual({ current: [], completed: 1, meanDwellS: 9 });
    expect(res.occupancy.at(-1)).toBe(0);
  });

  it('reports raw inside flags for every detection, tracked or not, and ignores filtered classes', () => {
    const zone = new PolygonZone({ points: square, classes: [0] });
    const d = makeDetections(
      [[280, 200, 320, 300], [580, 200, 620, 300], [280, 200, 320, 300]],
      [0.9, 0.9, 0.9],
      [0, 0, 2],
    );
    d.trackerId = Int32Array.from([-1, 5, 6]);
    expect(zone.trigger(d, 0, 0).inside).toEqual([true, false, false]);
    expect(zone.trigger(d, 1, 0.1).occupancy).toBe(0); // the one inside is untracked, the other is class 2
  });

  it('works behind the tracker', () => {
    const tracker = new ByteTracker();
    const zone = new PolygonZone({ points: square });
    const entered: number[] = [];
    const exited: number[] = [];
    for (let f = 0; f < 80; f++) {
      const tracked = tracker.update(sceneFrame([walker(100, 300, 5), walker(300, 320, 0)], f).dets, f, f / 30);
      const res = zone.trigger(tracked, f, f / 30);
      entered.push(...res.entered);
      exited.push(...res.exited);
    }
    expect(entered.sort()).toEqual([1, 2]);
    expect(exited).toEqual([1]);
    expect(zone.occupancy).toBe(1);
  });

  it.each([
    { name: 'two points', options: { points: [[0, 0], [1, 1]] as Point[] }, code: 'DEGENERATE_POLYGON' },
    { name: 'collinear', options: { points: [[0, 0], [1, 1], [2, 2]] as Point[] }, code: 'DEGENERATE_POLYGON' },
    { name: 'bow tie', options: { points: [[0, 0], [10, 10], [10, 0], [0, 10]] as Point[] }, code: 'SELF_INTERSECTING_POLYGON' },
    { name: 'NaN vertex', options: { points: [[0, 0], [10, Number.NaN], [0, 10]] as Point[] }, code: 'INVALID_COORDINATE' },
    { name: 'minFramesToEnter 0', options: { points: square, minFramesToEnter: 0 }, code: 'INVALID_OPTION' },
    { name: 'forgetAfterFrames 1.5', options: { points: square, forgetAfterFrames: 1.5 }, code: 'INVALID_OPTION' },
  ])('rejects $name with $code', ({ options, code }) => {
    let err: unknown;
    try {
      new PolygonZone(options);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GeometryError);
    expect((err as GeometryError).code).toBe(code);
  });
});
