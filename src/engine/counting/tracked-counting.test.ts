import { describe, expect, it } from 'vitest';
import { ByteTracker } from '../tracking/byte-tracker';
import { missing, sceneFrame, walker, type Person } from '../../../tests/fixtures/scenes/scripted-scenes';
import { LineZone, type CrossingEvent, type LineZoneOptions } from './line-zone';

/**
 * Detector-shaped input → ByteTracker → LineZone, the way the pipeline wires them. The counter only
 * sees confirmed track ids, so these also check that tracking keeps one id per person across the
 * line (an id switch at the line would double-count).
 */
function count(people: Person[], frames: number, line: LineZoneOptions, fps = 30) {
  const tracker = new ByteTracker({ fps });
  const zone = new LineZone(line);
  const events: CrossingEvent[] = [];
  for (let f = 0; f < frames; f++) {
    const tracked = tracker.update(sceneFrame(people, f).dets, f, f / fps);
    events.push(...zone.trigger(tracked, f, f / fps).events);
  }
  return { ...zone.counts(), events };
}

const door: LineZoneOptions = { x1: 400, y1: 0, x2: 400, y2: 480 }; // in = toward larger x; band 19.2 px
const jitter = (f: number, k: number): number => Math.sin(f * 1.7 + k * 2.1) * 1.5;
/** x as a function of frame, at a fixed height, with small box jitter. */
const path = (x: (f: number) => number, y = 300, k = 0): Person => (f) => ({ x: x(f) + jitter(f, k), y: y + jitter(f, k + 1) });

describe('tracker + line counter, end to end', () => {
  it.each([
    { name: 'walking in', people: [walker(100, 300, 6)], frames: 100, line: door, in: 1, out: 0 },
    { name: 'walking out', people: [walker(700, 300, -6)], frames: 100, line: door, in: 0, out: 1 },
    {
      name: 'jitter ±2 px across the line for 30 frames',
      people: [(f: number) => ({ x: 400 + (f % 2 ? 2 : -2), y: 300 })],
      frames: 30,
      line: door,
      in: 0,
      out: 0,
    },
    {
      name: 'walk up, dither on the line for 30 frames, walk on',
      people: [path((f) => (f < 40 ? 160 + 6 * f : f < 70 ? 400 + (f % 2 ? 2 : -2) : 400 + 6 * (f - 70)))],
      frames: 100,
      line: door,
      in: 1,
      out: 0,
    },
    {
      // A big (near) person at 150 px per frame: the anchor jumps from 75 px before the line to
      // 75 px past it between two frames, never inside the 43 px band.
      name: 'fast walker jumping across between two frames',
      people: [walker(175, 800, 150, 0, { width: 400, height: 300 })],
      frames: 10,
      line: { x1: 1000, y1: 0, x2: 1000, y2: 1080 },
      in: 1,
      out: 0,
    },
    { name: 'crossing beside the end of the segment', people: [walker(100, 350, 6)], frames: 100, line: { x1: 400, y1: 0, x2: 400, y2: 200 }, in: 0, out: 0 },
    {
      name: 'two people side by side',
      people: [path((f) => 100 + 6 * f, 300, 0), path((f) => 100 + 6 * f, 340, 2)],
      frames: 100,
      line: door,
      in: 2,
      out: 0,
    },
    {
      name: 'two people crossing in opposite directions',
      people: [walker(100, 300, 6), walker(700, 330, -6)],
      frames: 100,
      line: door,
      in: 1,
      out: 1,
    },
    { name: 'turning back before the line', people: [path((f) => (f < 40 ? 100 + 6 * f : 340 - 6 * (f - 40)))], frames: 80, line: door, in: 0, out: 0 },
    {
      name: 'lost for 10 frames near the line, recovered on the other side',
      people: [missing(walker(100, 300, 6), (f) => f >= 47 && f < 57)],
      frames: 100,
      line: door,
      in: 1,
      out: 0,
    },
    { name: 'in, then back out', people: [path((f) => (f < 60 ? 100 + 8 * f : 580 - 8 * (f - 60)))], frames: 120, line: door, in: 1, out: 1 },
    {
      name: 'in, out and in again counts once each way',
      people: [path((f) => (f < 40 ? 200 + 8 * f : f < 80 ? 520 - 8 * (f - 40) : 200 + 8 * (f - 80)))],
      frames: 120,
      line: door,
      in: 1,
      out: 1,
    },
    {
      name: 'low-confidence (half occluded) frames while crossing',
      people: [(f: number) => ({ x: 100 + 6 * f, y: 300, confidence: f >= 45 && f < 55 ? 0.3 : 0.9 })],
      frames: 100,
      line: door,
      in: 1,
      out: 0,
    },
    { name: '10 fps camera, 20 px per frame', people: [walker(100, 300, 20)], frames: 30, line: door, in: 1, out: 0, fps: 10 },
    {
      // Someone stands on the line (1 px past it) while another walks past in front of them: the
      // stander is seen only from the waist up for a while; the walker counts, the stander never.
      name: 'standing on the line while someone walks past in front',
      people: [
        (f: number) => ({ x: 401, y: 300, ...(Math.abs(100 + 6 * f - 401) < 60 ? { visibleHeight: 70 } : {}) }),
        walker(100, 360, 6),
      ],
      frames: 110,
      line: door,
      in: 1,
      out: 0,
    },
    {
      // Two walk in side by side; the one behind is seen only from the waist up while crossing.
      name: 'crossing half hidden behind someone walking beside',
      people: [
        (f: number) => ({ x: 100 + 5 * f, y: 300, ...(f >= 45 && f < 70 ? { visibleHeight: 75 } : {}) }),
        (f: number) => ({ x: 112 + 5 * f, y: 345 }),
      ],
      frames: 120,
      line: door,
      in: 2,
      out: 0,
    },
    {
      // Two meet head-on at the line and pass through each other; each is hidden for a few frames.
      name: 'two people meeting at the line, each hidden while they overlap',
      people: [missing(walker(100, 300, 6), (f) => f >= 47 && f < 53), missing(walker(700, 305, -6), (f) => f >= 49 && f < 55)],
      frames: 110,
      line: door,
      in: 1,
      out: 1,
    },
  ])('$name → in $in, out $out', ({ people, frames, line, in: expectedIn, out: expectedOut, fps }) => {
    const res = count(people as Person[], frames, line, fps);
    expect({ in: res.in, out: res.out }).toEqual({ in: expectedIn, out: expectedOut });
    // every crossing comes from a distinct (track, direction)
    expect(new Set(res.events.map((e) => `${e.trackId}:${e.direction}`)).size).toBe(res.events.length);
  });

  it('the fast walker is counted on the jump itself', () => {
    const res = count([walker(175, 800, 150, 0, { width: 400, height: 300 })], 10, { x1: 1000, y1: 0, x2: 1000, y2: 1080 });
    expect(res.events).toHaveLength(1);
    const [e] = res.events;
    expect(e!.previousAnchor[0]).toBeCloseTo(925, 0);
    expect(e!.anchor[0]).toBeCloseTo(1075, 0);
    expect(e!.frameIndex).toBe(6);
  });

  it('two people side by side are counted with two different track ids', () => {
    const res = count([path((f) => 100 + 6 * f, 300, 0), path((f) => 100 + 6 * f, 340, 2)], 100, door);
    expect(new Set(res.events.map((e) => e.trackId)).size).toBe(2);
  });
});
