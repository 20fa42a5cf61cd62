/**
 * Unit tables for the crowd mechanisms of the tracker: observation-centric re-update and
 * recovery (OC-SORT), the motion-direction and appearance cues, low-score recovery of lost tracks,
 * and partial views (the visible top of someone half hidden). Each mechanism is switched on alone
 * against a scene built so that it, and only it, decides the outcome; degenerate cases included.
 */
import { describe, expect, it } from 'vitest';
import { makeDetections, type Detections } from '../vision/detections';
import { ByteTracker, TrackerConfigError, type ByteTrackerOptions } from './byte-tracker';
import { boxAt, missing, sceneFrame, walker, type Person } from '../../../tests/fixtures/scenes/scripted-scenes';

const MISSING = -2;
/** Everything off: plain ByteTrack, so each test turns on only what it tests. */
const PLAIN: ByteTrackerOptions = {
  reupdateAfterGap: false, directionWeight: 0, recoveryMatchThresh: 0, appearanceWeight: 0, partialBoxes: false, lostInSecondStage: false,
};

function run(people: Person[], frames: number, options: ByteTrackerOptions) {
  const tracker = new ByteTracker({ ...PLAIN, ...options });
  const ids = people.map(() => new Array<number>(frames).fill(MISSING));
  const anchors = people.map(() => new Array<[number, number] | null>(frames).fill(null));
  const partial = people.map(() => new Array<boolean>(frames).fill(false));
  /** Per public id, per frame: velocity along x in px/frame. */
  const velocity = new Map<number, number[]>();
  for (let f = 0; f < frames; f++) {
    const { dets, order } = sceneFrame(people, f);
    const out = tracker.update(dets, f, f / 30);
    order.forEach((person, i) => {
      ids[person]![f] = out.trackerId![i]!;
      anchors[person]![f] = [out.anchors![i * 2]!, out.anchors![i * 2 + 1]!];
      partial[person]![f] = out.partialView![i] === 1;
    });
    for (const s of tracker.activeTracks()) {
      if (!velocity.has(s.id)) velocity.set(s.id, []);
      velocity.get(s.id)![f] = s.velocityX / 30;
    }
  }
  return { tracker, ids, anchors, partial, velocity };
}

const distinct = (row: number[], from = 0, to = row.length): number[] => [...new Set(row.slice(from, to).filter((v) => v >= 0))];

describe('observation-centric re-update (a track re-found after a gap)', () => {
  // Walks at 6 px/frame, slows to 2 px/frame while hidden for 8 frames, is seen again.
  const slowsWhileHidden: Person = (f) => (f >= 20 && f < 28 ? null : { x: f < 20 ? 100 + 6 * f : 214 + 2 * (f - 20), y: 300 });

  it('re-estimates the velocity from the motion over the gap instead of the coasted one', () => {
    const on = run([slowsWhileHidden], 29, { reupdateAfterGap: true });
    const off = run([slowsWhileHidden], 29, {});
    expect(distinct(on.ids[0]!)).toEqual([1]);
    expect(distinct(off.ids[0]!)).toEqual([1]);
    // over the gap the person moved (230 − 214 + 6·1)/9 ≈ 2.4 px per frame, having walked 6 before
    const vOn = on.velocity.get(1)![28]!;
    const vOff = off.velocity.get(1)![28]!;
    expect(Math.abs(vOn - 2.4)).toBeLessThan(1);
    expect(Math.abs(vOn - 2.4)).toBeLessThan(Math.abs(vOff - 2.4));
  });

  it.each([
    { name: 'no gap at all', gap: [0, 0] },
    { name: 'a single missed frame', gap: [20, 21] },
  ])('degenerate: $name changes nothing but the replayed frames', ({ gap }) => {
    const p = missing(walker(100, 300, 5), (f) => f >= gap[0]! && f < gap[1]!);
    const on = run([p], 40, { reupdateAfterGap: true });
    const off = run([p], 40, {});
    expect(on.ids).toEqual(off.ids);
    // constant velocity: the straight line over the gap is what the filter coasted anyway
    expect(on.velocity.get(1)![39]!).toBeCloseTo(off.velocity.get(1)![39]!, 1);
  });

  it('a track lost for the whole buffer is re-updated over the whole gap and keeps its id', () => {
    const p = missing(walker(100, 300, 3), (f) => f >= 10 && f < 40); // 30 frames = maxTimeLost at 30 fps
    const r = run([p], 50, { reupdateAfterGap: true });
    expect(distinct(r.ids[0]!)).toEqual([1]);
    expect(r.velocity.get(1)![45]!).toBeCloseTo(3, 0);
  });
});

describe('observation-centric recovery (matching by where a track was last seen)', () => {
  // Walks fast (12 px/frame), stops dead behind something for 5 frames, stands there when seen again:
  // the filter predicts the person 60 px further on, where no box overlaps.
  const stopsWhileHidden: Person = (f) => (f >= 20 && f < 25 ? null : { x: f < 20 ? 100 + 12 * f : 340, y: 300 });

  it.each([
    { recoveryMatchThresh: 0, sameId: false },
    { recoveryMatchThresh: 0.7, sameId: true },
  ])('recoveryMatchThresh $recoveryMatchThresh → same id after the stop: $sameId', ({ recoveryMatchThresh, sameId }) => {
    const r = run([stopsWhileHidden], 35, { recoveryMatchThresh });
    expect(distinct(r.ids[0]!, 0, 20)).toEqual([1]);
    expect(distinct(r.ids[0]!, 27)).toEqual(sameId ? [1] : [2]);
  });

  it('degenerate: a detection far from where the track was last seen is not taken', () => {
    const jumps: Person = (f) => (f >= 20 && f < 25 ? null : { x: f < 20 ? 100 + 12 * f : 600, y: 300 });
    const r = run([jumps], 35, { recoveryMatchThresh: 0.7 });
    expect(distinct(r.ids[0]!, 27)).toEqual([2]);
  });
});

describe('low-score recovery of a lost track (second association includes lost tracks)', () => {
  // Hidden for 4 frames, then seen half hidden (score 0.3) for 6 frames, then clearly again.
  const p: Person = (f) => (f >= 20 && f < 24 ? null : { x: 100 + 5 * f, y: 300, confidence: f >= 24 && f < 30 ? 0.3 : 0.9 });

  it.each([
    { lostInSecondStage: false, idWhileWeak: -1 },
    { lostInSecondStage: true, idWhileWeak: 1 },
  ])('lostInSecondStage $lostInSecondStage → id $idWhileWeak while only weakly seen', ({ lostInSecondStage, idWhileWeak }) => {
    const r = run([p], 40, { lostInSecondStage });
    expect(r.ids[0]!.slice(24, 30).every((v) => v === idWhileWeak)).toBe(true);
    expect(distinct(r.ids[0]!)).toEqual([1]); // the same person afterwards either way
  });

  it('degenerate: a weak detection far from the lost track does not revive it', () => {
    const far: Person = (f) => (f >= 20 && f < 24 ? null : f < 20 ? { x: 100 + 5 * f, y: 300 } : { x: 700, y: 300, confidence: 0.3 });
    const r = run([far], 30, { lostInSecondStage: true });
    expect(r.ids[0]!.slice(24).every((v) => v === -1)).toBe(true);
  });
});

describe('motion direction (two candidates overlap a track equally)', () => {
  // Tracked walking right at 6 px/frame (boxes 100 px wide); in the next frame two boxes overlap
  // its prediction almost equally: 45 px ahead of it, and 43 px behind it (behind where it was a
  // few frames ago: someone walking the other way). Plain IoU takes the slightly closer one behind;
  // the direction term takes the one ahead, whichever order they come in.
  function tie(directionWeight: number, aheadFirst: boolean): boolean {
    const t = new ByteTracker({ ...PLAIN, directionWeight });
    for (let f = 0; f < 15; f++) t.update(makeDetections([boxAt(100 + 6 * f, 300, 100)], [0.9]), f, f / 30);
    const s = t.activeTracks()[0]!;
    const predicted = (s.xyxy[0] + s.xyxy[2]) / 2 + s.velocityX / 30;
    const ahead = boxAt(predicted + 45, 300, 100);
    const behind = boxAt(predicted - 43, 300, 100);
    const out = t.update(makeDetections(aheadFirst ? [ahead, behind] : [behind, ahead], [0.9, 0.9]), 15, 15 / 30);
    return out.trackerId![aheadFirst ? 0 : 1] === 1;
  }

  it.each([
    { directionWeight: 0, aheadFirst: false, takesAhead: false },
    { directionWeight: 0, aheadFirst: true, takesAhead: false },
    { directionWeight: 0.3, aheadFirst: false, takesAhead: true },
    { directionWeight: 0.3, aheadFirst: true, takesAhead: true },
  ])('directionWeight $directionWeight, ahead listed first $aheadFirst → takes the one ahead: $takesAhead', ({ directionWeight, aheadFirst, takesAhead }) => {
    expect(tie(directionWeight, aheadFirst)).toBe(takesAhead);
  });

  it('two people meeting head-on, hidden while they overlap, keep their ids', () => {
    const a = missing(walker(100, 300, 6), (f) => f >= 45 && f < 52);
    const b = missing(walker(700, 300, -6), (f) => f >= 48 && f < 55);
    const r = run([a, b], 100, { directionWeight: 0.3, reupdateAfterGap: true });
    expect(distinct(r.ids[0]!)).toEqual([1]);
    expect(distinct(r.ids[1]!)).toEqual([2]);
  });

  it('degenerate: a standing person has no direction, and their track is kept as plain IoU would', () => {
    const stand = (f: number): { x: number; y: number } => ({ x: 300 + (f % 2 ? 1 : -1), y: 300 });
    const on = run([stand], 30, { directionWeight: 0.5 });
    const off = run([stand], 30, {});
    expect(on.ids).toEqual(off.ids);
    expect(distinct(on.ids[0]!)).toEqual([1]);
  });
});

describe('appearance (colour histograms, when the detector provides them)', () => {
  const red = Float32Array.from([1, 0]);
  const blue = Float32Array.from([0, 1]);
  function frame(boxes: Array<[number, number, number, number]>, looks: Float32Array[]): Detections {
    const d = makeDetections(boxes, boxes.map(() => 0.9));
    d.appearance = new Float32Array(looks.length * 2);
    looks.forEach((l, i) => d.appearance!.set(l, i * 2));
    d.appearanceDims = 2;
    return d;
  }
  function takesRed(appearanceWeight: number): boolean {
    const t = new ByteTracker({ ...PLAIN, appearanceWeight });
    for (let f = 0; f < 10; f++) t.update(frame([boxAt(300, 300)], [red]), f, f / 30);
    // two boxes overlapping the (standing) track equally, the blue one listed first
    const out = t.update(frame([boxAt(292, 300), boxAt(308, 300)], [blue, red]), 10, 10 / 30);
    return out.trackerId![1] === 1;
  }

  it.each([
    { appearanceWeight: 0, red: false },
    { appearanceWeight: 0.3, red: true },
  ])('appearanceWeight $appearanceWeight → the track takes the box that looks like it: $red', ({ appearanceWeight, red: want }) => {
    expect(takesRed(appearanceWeight)).toBe(want);
  });

  it('degenerate: without appearance in the detections the weight changes nothing', () => {
    const p = [walker(100, 300, 5), walker(600, 310, -5)];
    expect(run(p, 80, { appearanceWeight: 0.5 }).ids).toEqual(run(p, 80, {}).ids);
  });
});

describe('partial views (the visible top of someone half hidden)', () => {
  // The back person walks right at y 300 (box 160 px tall); from frame 20 to 34 someone nearer the
  // camera (feet at y 360) stands in front, so only the top 70 px of the back person are seen.
  const back: Person = (f) => ({ x: 100 + 4 * f, y: 300, ...(f >= 20 && f < 35 ? { visibleHeight: 70 } : {}) });
  const front: Person = (f) => (f >= 20 && f < 35 ? { x: 100 + 4 * f, y: 360 } : null);

  it('keeps the id and the feet where they are, and flags the partial views', () => {
    const r = run([back, front], 50, { partialBoxes: true });
    expect(distinct(r.ids[0]!)).toEqual([1]);
    for (let f = 21; f < 35; f++) {
      expect(r.anchors[0]![f]![1], `frame ${f}`).toBeCloseTo(300, -1);
      expect(r.partial[0]![f], `frame ${f}`).toBe(true);
    }
    expect(r.partial[0]![40]).toBe(false);
  });

  it('without it, the half-hidden person loses the track (the height gate) and the anchor jumps', () => {
    const r = run([back, front], 50, {});
    expect(distinct(r.ids[0]!).length).toBeGreaterThan(1);
  });

  it('degenerate: a short box with nobody in front (someone sitting down) is taken as it is', () => {
    const sits: Person = (f) => ({ x: 300, y: 300, ...(f >= 20 ? { visibleHeight: 70 } : {}) });
    const r = run([sits], 30, { partialBoxes: true });
    expect(r.anchors[0]![25]![1]).toBeCloseTo(300 - 160 + 70, 3); // the box's own bottom
    expect(r.partial[0]![25]).toBe(false);
  });

});

describe('crowd options are validated', () => {
  it.each([
    { options: { directionWeight: 2 }, option: 'directionWeight' },
    { options: { directionWeight: -0.1 }, option: 'directionWeight' },
    { options: { recoveryMatchThresh: 1.5 }, option: 'recoveryMatchThresh' },
    { options: { appearanceWeight: Number.NaN }, option: 'appearanceWeight' },
    { options: { partialBoxes: 'yes' }, option: 'partialBoxes' },
    { options: { reupdateAfterGap: 1 }, option: 'reupdateAfterGap' },
    { options: { lostInSecondStage: null }, option: 'lostInSecondStage' },
  ] as Array<{ options: ByteTrackerOptions; option: string }>)('rejects $options', ({ options, option }) => {
    let err: unknown;
    try {
      new ByteTracker(options);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TrackerConfigError);
    expect((err as TrackerConfigError).option).toBe(option);
  });

  it('is deterministic with every mechanism on', () => {
    const people = [walker(100, 300, 6), missing(walker(700, 300, -6), (f) => f > 40 && f < 50), walker(300, 340, 4, 0, { confidence: 0.4 })];
    const all: ByteTrackerOptions = { reupdateAfterGap: true, directionWeight: 0.3, recoveryMatchThresh: 0.7, partialBoxes: true, lostInSecondStage: true };
    expect(run(people, 90, all).ids).toEqual(run(people, 90, all).ids);
  });
});
