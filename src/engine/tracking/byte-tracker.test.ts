import { describe, expect, it } from 'vitest';
import { makeDetections, emptyDetections } from '../vision/detections';
import { ByteTracker, TrackerConfigError, type ByteTrackerOptions } from './byte-tracker';
import { boxAt, missing, sceneFrame, walker, type Person } from '../../../tests/fixtures/scenes/scripted-scenes';

const MISSING = -2;

/** Runs a scene; ids[person][frame] is that person's trackerId, MISSING when not detected. */
function runScene(people: Person[], frames: number, options: ByteTrackerOptions = {}) {
  const tracker = new ByteTracker(options);
  const ids = people.map(() => new Array<number>(frames).fill(MISSING));
  for (let f = 0; f < frames; f++) {
    const { dets, order } = sceneFrame(people, f);
    const out = tracker.update(dets, f, f / 30);
    order.forEach((person, i) => (ids[person]![f] = out.trackerId![i]!));
  }
  return { tracker, ids };
}

/** Distinct non-negative ids a person had over the given frames. */
function idsOf(row: number[], from = 0, to = row.length): number[] {
  return [...new Set(row.slice(from, to).filter((v) => v >= 0))];
}

describe('ByteTracker options', () => {
  it.each([
    { options: { trackThresh: 1.5 }, option: 'trackThresh' },
    { options: { trackThresh: -0.1 }, option: 'trackThresh' },
    { options: { lowThresh: Number.NaN }, option: 'lowThresh' },
    { options: { lowThresh: 0.7, trackThresh: 0.5 }, option: 'lowThresh' },
    { options: { newTrackThresh: 2 }, option: 'newTrackThresh' },
    { options: { matchThresh: -1 }, option: 'matchThresh' },
    { options: { fps: 0 }, option: 'fps' },
    { options: { fps: -30 }, option: 'fps' },
    { options: { fps: Infinity }, option: 'fps' },
    { options: { trackBuffer: -1 }, option: 'trackBuffer' },
    { options: { trackBuffer: 2.5 }, option: 'trackBuffer' },
    { options: { minimumConsecutiveFrames: 0 }, option: 'minimumConsecutiveFrames' },
    { options: { trajectoryLength: 0 }, option: 'trajectoryLength' },
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

  it.each([
    { fps: 30, trackBuffer: 30, maxTimeLost: 30 },
    { fps: 10, trackBuffer: 30, maxTimeLost: 10 },
    { fps: 25, trackBuffer: 30, maxTimeLost: 25 },
    { fps: 60, trackBuffer: 50, maxTimeLost: 100 },
  ])('lost buffer at $fps fps, trackBuffer $trackBuffer → $maxTimeLost updates', ({ fps, trackBuffer, maxTimeLost }) => {
    expect(new ByteTracker({ fps, trackBuffer }).maxTimeLost).toBe(maxTimeLost);
  });
});

describe('ByteTracker', () => {
  it('handles empty frames and returns a trackerId for every detection', () => {
    const t = new ByteTracker();
    const out = t.update(emptyDetections(), 0, 0);
    expect(out.length).toBe(0);
    expect(out.trackerId).toEqual(new Int32Array(0));
    expect(t.activeTracks()).toEqual([]);
  });

  it('keeps ids stable for people walking straight, and distinct between people', () => {
    const people = [walker(50, 200, 6), walker(900, 330, -5), walker(300, 470, 3, -1), walker(600, 600, 0, 0)];
    const { ids } = runScene(people, 90);
    const all = ids.map((row) => idsOf(row));
    all.forEach((personIds) => expect(personIds).toHaveLength(1));
    expect(new Set(all.flat()).size).toBe(people.length);
    // dense ids from 1, in the order tracks were confirmed
    expect(all.flat().sort()).toEqual([1, 2, 3, 4]);
  });

  it('owns its id counter: two trackers both start at 1', () => {
    const scene = [walker(100, 300, 4)];
    const a = runScene(scene, 5);
    const b = runScene(scene, 5);
    expect(idsOf(a.ids[0]!)).toEqual([1]);
    expect(idsOf(b.ids[0]!)).toEqual([1]);
  });

  it.each([
    { minimumConsecutiveFrames: 1, firstIdFrame: 0 },
    { minimumConsecutiveFrames: 2, firstIdFrame: 1 },
    { minimumConsecutiveFrames: 3, firstIdFrame: 2 },
    { minimumConsecutiveFrames: 5, firstIdFrame: 4 },
  ])('confirmation delay: minimumConsecutiveFrames $minimumConsecutiveFrames → id from frame $firstIdFrame', ({ minimumConsecutiveFrames, firstIdFrame }) => {
    const { ids, tracker } = runScene([walker(100, 300, 4)], 8, { minimumConsecutiveFrames });
    const row = ids[0]!;
    expect(row.slice(0, firstIdFrame).every((v) => v === -1)).toBe(true);
    expect(row.slice(firstIdFrame).every((v) => v === 1)).toBe(true);
    expect(tracker.activeTracks().map((s) => s.id)).toEqual([1]);
  });

  it('a one-frame false positive never gets an id, and does not use up one', () => {
    const ghost: Person = (f) => (f === 3 ? { x: 700, y: 500 } : null);
    const { ids } = runScene([ghost, walker(100, 300, 4, 0)], 12, {});
    expect(ids[0]![3]).toBe(-1);
    expect(idsOf(ids[1]!)).toEqual([1]);
  });

  it('does not start tracks from detections below newTrackThresh', () => {
    // 0.4: below the default newTrackThresh (0.45; it was 0.6, and this test used 0.55)
    const { ids } = runScene([walker(100, 300, 4, 0, { confidence: 0.4 })], 10);
    expect(idsOf(ids[0]!)).toEqual([]);
  });

  it.each([
    { name: 'empty frames (nobody detected)', gap: [20, 25], others: false },
    { name: 'one person missed while others are seen', gap: [20, 25], others: true },
    { name: 'missed for exactly maxTimeLost updates', gap: [20, 50], others: true },
  ])('a track lost for a while is recovered with the SAME id: $name', ({ gap, others }) => {
    const [from, to] = gap as [number, number];
    const target = missing(walker(100, 300, 5), (f) => f >= from && f < to);
    const people = others ? [target, walker(1200, 600, -4)] : [target];
    const { ids, tracker } = runScene(people, to + 15);
    const row = ids[0]!;
    expect(row.slice(from, to).every((v) => v === MISSING)).toBe(true);
    expect(idsOf(row)).toEqual([1]);
    expect(row[to]).toBe(1); // re-found on the first frame back
    expect(tracker.liveTrackCount).toBe(people.length);
  });

  it('a track lost for longer than the buffer comes back with a new id', () => {
    const target = missing(walker(100, 300, 2), (f) => f >= 10 && f < 60);
    const { ids, tracker } = runScene([target], 70, { trackBuffer: 30 });
    expect(idsOf(ids[0]!, 0, 10)).toEqual([1]);
    expect(idsOf(ids[0]!, 61)).toEqual([2]);
    expect(tracker.liveTrackCount).toBe(1); // the old track was forgotten
  });

  it('two people side by side keep distinct ids while walking together', () => {
    // 40 px apart vertically: their boxes overlap by 75%, so only the assignment keeps them apart
    const jitter = (f: number, k: number): number => Math.sin(f * 1.3 + k) * 1.5;
    const a: Person = (f) => ({ x: 100 + 6 * f + jitter(f, 0), y: 300 + jitter(f, 1) });
    const b: Person = (f) => ({ x: 100 + 6 * f + jitter(f, 2), y: 340 + jitter(f, 3) });
    const { ids } = runScene([a, b], 120);
    expect(idsOf(ids[0]!)).toHaveLength(1);
    expect(idsOf(ids[1]!)).toHaveLength(1);
    expect(idsOf(ids[0]!)[0]).not.toBe(idsOf(ids[1]!)[0]);
  });

  it('two people passing each other in opposite directions keep their ids', () => {
    const { ids } = runScene([walker(100, 300, 6), walker(800, 330, -6)], 120);
    expect(idsOf(ids[0]!)).toEqual([1]);
    expect(idsOf(ids[1]!)).toEqual([2]);
  });

  it.each([
    { name: 'score 0.3 (second stage)', lowScore: 0.3, keepsIdDuring: true },
    { name: 'score 0.15 (second stage)', lowScore: 0.15, keepsIdDuring: true },
    { name: 'score 0.05 (below lowThresh: ignored, track coasts)', lowScore: 0.05, keepsIdDuring: false },
  ])('low-score detections keep a track alive: $name', ({ lowScore, keepsIdDuring }) => {
    const p: Person = (f) => ({ x: 100 + 5 * f, y: 300, confidence: f >= 10 && f < 25 ? lowScore : 0.9 });
    const { ids } = runScene([p], 40);
    const row = ids[0]!;
    expect(row.slice(10, 25).every((v) => v === (keepsIdDuring ? 1 : -1))).toBe(true);
    expect(idsOf(row)).toEqual([1]); // same id after the weak stretch either way
  });

  it('a low-score detection alone never starts a track', () => {
    const { ids } = runScene([walker(100, 300, 5, 0, { confidence: 0.3 })], 10);
    expect(idsOf(ids[0]!)).toEqual([]);
  });

  it('ignores boxes with NaN or no area instead of poisoning the filter', () => {
    const t = new ByteTracker();
    for (let f = 0; f < 5; f++) {
      const dets = makeDetections([boxAt(100 + 5 * f, 300), [Number.NaN, 0, 10, 10], [50, 50, 50, 90]], [0.9, 0.9, 0.9]);
      const out = t.update(dets, f, f / 30);
      expect(out.trackerId![1]).toBe(-1);
      expect(out.trackerId![2]).toBe(-1);
    }
    expect(t.activeTracks().map((s) => s.id)).toEqual([1]);
  });

  it('reports snapshots: box, anchor, velocity in px/s, age, bounded trajectory', () => {
    const t = new ByteTracker({ fps: 30, trajectoryLength: 16 });
    let out = t.update(makeDetections([boxAt(100, 300)], [0.9]), 0, 0);
    for (let f = 1; f < 60; f++) {
      out = t.update(makeDetections([boxAt(100 + 4 * f, 300 + 2 * f)], [0.9]), f, f / 30);
    }
    const [s] = t.activeTracks();
    expect(s).toBeDefined();
    expect(s!.id).toBe(1);
    expect(s!.state).toBe('tracked');
    expect(s!.anchor).toEqual([100 + 4 * 59, 300 + 2 * 59]);
    expect(s!.velocityX).toBeCloseTo(120, 0); // 4 px/frame at 30 fps
    expect(s!.velocityY).toBeCloseTo(60, 0);
    expect(s!.speed).toBeCloseTo(Math.hypot(120, 60), 0);
    expect(s!.ageFrames).toBe(60);
    expect(s!.detectionIndex).toBe(0);
    expect(out.trackerId![0]).toBe(1);
    expect(s!.trajectory).toHaveLength(16);
    expect(s!.trajectory[15]).toEqual({ x: 336, y: 418, frameIndex: 59, timeS: 59 / 30 });
    expect(s!.trajectory[0]!.frameIndex).toBe(44);
    s!.xyxy.forEach((v, k) => expect(v).toBeCloseTo(boxAt(336, 418)[k]!, 0));
  });

  it('does not mutate its input and is deterministic', () => {
    const run = () => {
      const t = new ByteTracker();
      const outs: number[][] = [];
      for (let f = 0; f < 30; f++) {
        const { dets } = sceneFrame([walker(100, 300, 5), walker(400, 300, -5), walker(250, 500, 0, -3)], f);
        const out = t.update(dets, f, f / 30);
        expect(dets.trackerId).toBeUndefined();
        expect(out.xyxy).toBe(dets.xyxy);
        outs.push(Array.from(out.trackerId!));
      }
      return outs;
    };
    expect(run()).toEqual(run());
  });

  it('reset() forgets tracks and restarts ids', () => {
    const t = new ByteTracker();
    for (let f = 0; f < 5; f++) t.update(makeDetections([boxAt(100 + 5 * f, 300)], [0.9]), f, f / 30);
    t.reset();
    expect(t.liveTrackCount).toBe(0);
    let out = t.update(makeDetections([boxAt(500, 300)], [0.9]), 0, 0);
    out = t.update(makeDetections([boxAt(505, 300)], [0.9]), 1, 1 / 30);
    expect(out.trackerId![0]).toBe(1);
  });
});
