import { afterEach, describe, expect, it, vi } from 'vitest';
import { EvidenceFilter } from './evidence-filter';
import type { FrameResult } from './result-rows';

/** A frame with `people` tracked detections; `crossing` makes track `t<crossing>` count on it. */
function frame(index: number, people = 3, crossing?: number): FrameResult {
  const id = `run:${index}`;
  const detections = Array.from({ length: people }, (_, i) => ({
    detectionId: `${id}:d${i}`,
    objectClass: 'person',
    confidenceScore: 0.8,
    bboxX: 10 * i,
    bboxY: 20,
    bboxWidth: 30,
    bboxHeight: 60,
  }));
  return {
    inference: {
      inferenceId: id,
      modelId: 'm',
      modelVersion: '1.0.0',
      inputTimestamp: new Date(index * 200).toISOString(),
      inputMetadata: { width: 768, height: 576, modelInput: [640, 640], timeS: index * 0.2 },
      inferenceResults: { boxes: detections.map((d, i) => [d.bboxX, d.bboxY, d.bboxWidth, d.bboxHeight, 0, i]) },
      confidenceScores: detections.map(() => 0.8),
      frameIndex: index,
    },
    detections,
    tracks: detections.map((d, i) => ({ trackId: `t${i}`, detectionId: d.detectionId, positionX: d.bboxX, positionY: 80 })),
    counts:
      crossing === undefined
        ? []
        : [{ countingEventId: `${id}:c0`, eventType: 'cross_line', direction: 'in', trackId: `t${crossing}`, detectionId: `${id}:d${crossing}`, pathTrajectory: [[0, 0, 0]] }],
  };
}

/** Pushes frames 0..n-1 at 5 fps (crossings: frame index → track) and returns what reached the sink. */
function run(level: 'full' | 'events' | 'summary', n: number, crossings: Record<number, number> = {}, opts: { eventFrames?: number } = {}): FrameResult[] {
  const out: FrameResult[] = [];
  const f = new EvidenceFilter({ level, sink: (r) => out.push(r), ...opts });
  for (let i = 0; i < n; i++) f.push(frame(i, 3, crossings[i]), i * 0.2);
  f.flush();
  return out;
}

afterEach(() => vi.useRealTimers());

describe('EvidenceFilter', () => {
  it('full: every row, in order, with the boxes only as detection rows', () => {
    const out = run('full', 10, { 4: 1 });
    expect(out.map((r) => r.inference.frameIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(out.every((r) => r.detections.length === 3 && r.tracks.length === 3)).toBe(true);
    expect(out[0]!.inference.inferenceResults).toEqual({ detections: 3 });
    expect(out[4]!.counts[0]!.detectionId).toBe('run:4:d1');
  });

  it('events: the counted track on its frame and one each side; a sampled frame a second as boxes', () => {
    const out = run('events', 20, { 7: 2 });
    expect(out).toHaveLength(20);
    const withRows = out.filter((r) => r.tracks.length > 0).map((r) => r.inference.frameIndex);
    expect(withRows).toEqual([6, 7, 8]);
    for (const r of out.filter((x) => x.tracks.length > 0)) {
      expect(r.tracks.map((t) => t.trackId)).toEqual(['t2']);
      expect(r.detections.map((d) => d.detectionId)).toEqual([`run:${r.inference.frameIndex}:d2`]);
    }
    // 5 fps: frames 0, 5, 10, 15 start a second.
    const sampled = out.filter((r) => (r.inference.inferenceResults as { boxes?: unknown }).boxes !== undefined).map((r) => r.inference.frameIndex);
    expect(sampled).toEqual([0, 5, 10, 15]);
    expect(out[1]!.inference.inferenceResults).toEqual({ detections: 3 });
    expect(out[1]!.inference.inputMetadata).toEqual({ timeS: 0.2 });
    expect(out[5]!.inference.inputMetadata).toMatchObject({ width: 768, height: 576 });
    // Every event kept, with the detection it names stored.
    expect(out[7]!.counts).toHaveLength(1);
    expect(out[7]!.counts[0]!.detectionId).toBe('run:7:d2');
  });

  it('events: a crossing on a sampled frame keeps the array, with null where the box is a row', () => {
    const out = run('events', 8, { 5: 0 });
    const f5 = out[5]!;
    expect(f5.detections.map((d) => d.detectionId)).toEqual(['run:5:d0']);
    expect(f5.inference.inferenceResults).toEqual({ detections: 3, boxes: [null, [10, 20, 30, 60, 0, 1], [20, 20, 30, 60, 0, 2]] });
  });

  it('events: more frames around the event when asked, and at the start of a run', () => {
    const out = run('events', 10, { 0: 1 }, { eventFrames: 2 });
    expect(out.filter((r) => r.tracks.length > 0).map((r) => r.inference.frameIndex)).toEqual([0, 1, 2]);
    const later = run('events', 10, { 5: 1 }, { eventFrames: 2 });
    expect(later.filter((r) => r.tracks.length > 0).map((r) => r.inference.frameIndex)).toEqual([3, 4, 5, 6, 7]);
  });

  it('summary: inference rows and events only; the event loses its detection id, not its path', () => {
    const out = run('summary', 10, { 3: 0 });
    expect(out).toHaveLength(10);
    expect(out.every((r) => r.detections.length === 0 && r.tracks.length === 0)).toBe(true);
    expect(out[3]!.counts[0]).toMatchObject({ trackId: 't0', detectionId: null, pathTrajectory: [[0, 0, 0]] });
    expect(out[3]!.inference.inferenceResults).toEqual({ detections: 3 });
  });

  it('holds frames only while the next ones come: a stalled camera releases them after maxHoldMs', () => {
    vi.useFakeTimers();
    const out: FrameResult[] = [];
    const f = new EvidenceFilter({ level: 'events', sink: (r) => out.push(r), maxHoldMs: 1000 });
    f.push(frame(0, 3, 1), 0);
    expect(out).toHaveLength(0);
    expect(f.heldFrames).toBe(1);
    vi.advanceTimersByTime(999);
    expect(out).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(out.map((r) => r.counts.length)).toEqual([1]);
    // The track still counts as "around the event" on the next frame.
    f.push(frame(1), 0.2);
    f.flush();
    expect(out[1]!.tracks.map((t) => t.trackId)).toEqual(['t1']);
  });

  it('after flush, frames pass straight through', () => {
    const out: FrameResult[] = [];
    const f = new EvidenceFilter({ level: 'events', sink: (r) => out.push(r) });
    f.flush();
    f.push(frame(0), 0);
    expect(out).toHaveLength(1);
  });

  it('refuses nonsense options', () => {
    expect(() => new EvidenceFilter({ level: 'events', sink: () => undefined, eventFrames: -1 })).toThrow(RangeError);
    expect(() => new EvidenceFilter({ level: 'events', sink: () => undefined, sampleEveryS: 0 })).toThrow(RangeError);
  });
});
