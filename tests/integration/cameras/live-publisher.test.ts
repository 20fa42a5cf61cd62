/**
 * The Live view's data: every preview carries the index of the frame it shows and exactly the
 * boxes found in that frame (the renderer draws only such pairs), previews come at the processed
 * rate (5 a second) despite frame jitter, today's totals start from the database and reset at local
 * midnight. The encoding cost is measured and printed (not asserted: the machine is shared).
 */
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { LivePublisher, localDay } from '../../../src/engine/cameras/live-publisher';
import { letterboxParams } from '../../../src/engine/inference/preprocess';
import { silentLogger } from '../../../src/engine/log';
import type { FrameOutcome } from '../../../src/engine/pipeline/frame-processor';
import { EventBus } from '../../../src/engine/wiring/event-bus';
import type { LiveFrameEvent, LivePreviewEvent } from '../../../src/shared/dto';

const lb = letterboxParams(768, 576, 640, 640);
const frameData = new Uint8Array(640 * 640 * 3).map((_, i) => (i * 13 + (i >> 11)) & 255);

function outcome(index: number, boxes: Array<[number, number, number, number, number]>): FrameOutcome {
  const xyxy = new Float32Array(boxes.length * 4);
  const trackerId = new Int32Array(boxes.length);
  boxes.forEach(([id, x1, y1, x2, y2], i) => {
    xyxy.set([x1, y1, x2, y2], i * 4);
    trackerId[i] = id;
  });
  return {
    frameIndex: index,
    timeS: index / 5,
    model: { modelId: 'yolo', versionNumber: '8.0.0' },
    detections: { length: boxes.length, xyxy, confidence: new Float32Array(boxes.length).fill(0.9), classId: new Int32Array(boxes.length), trackerId },
    tracks: [],
    crossings: [],
    zoneEvents: [],
    occupancy: null,
    ms: { detect: 0, infer: 0, track: 0, total: 0 },
  };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** A bus with someone watching (a Live page open): previews are made only then. */
function watchedBus(): EventBus {
  const events = new EventBus();
  events.addAudience(() => true);
  return events;
}

describe('live publisher', () => {
  it('makes no preview while nobody watches (no JPEG encode for an empty room), and starts when someone does', async () => {
    const events = new EventBus();
    const previews: LivePreviewEvent[] = [];
    const frames: LiveFrameEvent[] = [];
    events.on('live:preview', (p) => previews.push(p));
    events.on('live:frame', (f) => frames.push(f));
    const pub = new LivePublisher({ cameraId: 'c1', events, log: silentLogger(), frameEventMinMs: 200, previewMinMs: 200, previewWidth: 64, previewQuality: 60 });
    const frame = (i: number) => ({ index: i, timeS: i / 5, width: 640, height: 640, data: frameData });
    let someone = false;
    events.addAudience(() => someone);
    for (let i = 0; i < 5; i++) pub.onOutcome(outcome(i, [[1, 10, 20, 60, 200]]), frame(i), lb, () => [], 1_000_000 + i * 200);
    await tick();
    expect(previews).toHaveLength(0);
    expect(frames).toHaveLength(5); // boxes are cheap: they still flow
    someone = true;
    for (let i = 5; i < 10; i++) {
      pub.onOutcome(outcome(i, [[1, 10, 20, 60, 200]]), frame(i), lb, () => [], 1_000_000 + i * 200);
      await tick();
    }
    expect(previews.map((p) => p.frameIndex)).toEqual([5, 6, 7, 8, 9]);
  });

  it('sends each preview with its own frame index and that frame’s boxes, at 5 a second with jittered frames', async () => {
    const events = watchedBus();
    const previews: LivePreviewEvent[] = [];
    const frames: LiveFrameEvent[] = [];
    events.on('live:preview', (p) => previews.push(p));
    events.on('live:frame', (f) => frames.push(f));
    const pub = new LivePublisher({ cameraId: 'c1', events, log: silentLogger(), frameEventMinMs: 200, previewMinMs: 200, previewWidth: 320, previewQuality: 60 });
    const t0 = 1_000_000;
    // 5 fps with ±15 ms of jitter: 25 frames in 5 s.
    for (let i = 0; i < 25; i++) {
      const o = outcome(i, [[i + 1, 10 * i, 20, 10 * i + 50, 200]]);
      pub.onOutcome(o, { index: i, timeS: i / 5, width: 640, height: 640, data: frameData }, lb, () => [], t0 + i * 200 + (i % 2 === 0 ? 15 : -15));
      await tick();
    }
    expect(previews.length).toBe(25);
    expect(frames.length).toBe(25);
    for (const p of previews) {
      const f = frames.find((x) => x.frameIndex === p.frameIndex);
      expect(f).toBeDefined();
      expect(p.boxes).toEqual(f?.boxes);
      // Frame i holds track i+1 at x = 10·i: the box belongs to this frame and no other.
      expect(p.boxes?.[0]?.trackId).toBe((p.frameIndex ?? -1) + 1);
      expect(p.boxes?.[0]?.bbox[0]).toBe(10 * (p.frameIndex ?? -1));
      expect([p.width, p.height]).toEqual([768, 576]);
      expect(p.model).toEqual({ modelId: 'yolo', versionNumber: '8.0.0' });
    }
    const img = jpeg.decode(Buffer.from(previews[0]!.jpegDataUrl.split(',')[1]!, 'base64'), { useTArray: true });
    expect([img.width, img.height]).toEqual([320, 240]);
    const cost = pub.previewCost();
    expect(cost.previews).toBe(25);
    console.log(`preview cost at 320 px: downscale ${cost.downscaleMs} ms on the frame loop, JPEG ${cost.encodeMs} ms deferred, ${cost.meanChars} chars`);
  });

  it('skips a preview rather than queueing one while the previous is still being encoded', () => {
    const events = watchedBus();
    const previews: LivePreviewEvent[] = [];
    events.on('live:preview', (p) => previews.push(p));
    const pub = new LivePublisher({ cameraId: 'c1', events, log: silentLogger(), frameEventMinMs: 200, previewMinMs: 200, previewWidth: 64, previewQuality: 60 });
    pub.onOutcome(outcome(0, []), { index: 0, timeS: 0, width: 640, height: 640, data: frameData }, lb, () => [], 0);
    pub.onOutcome(outcome(1, []), { index: 1, timeS: 0.2, width: 640, height: 640, data: frameData }, lb, () => [], 200);
    expect(pub.previewCost().skipped).toBe(1);
  });

  it('counts today from the stored crossings, adds live ones, and starts again at local midnight', () => {
    const events = watchedBus();
    const pub = new LivePublisher({ cameraId: 'c1', events, log: silentLogger(), frameEventMinMs: 200, previewMinMs: 0, previewWidth: 64, previewQuality: 60, countsSince: () => ({ in: 3, out: 1 }) });
    const evening = new Date(2026, 10, 30, 23, 59, 0).getTime();
    // Running totals 10/6 resumed, of which 3/1 stored since midnight.
    pub.publishCounts([{ lineId: 1, name: 'door', in: 10, out: 6 }], true, evening);
    expect(pub.lastCounts?.today).toEqual({ day: localDay(evening), in: 3, out: 1 });
    pub.publishCounts([{ lineId: 1, name: 'door', in: 12, out: 6 }], false, evening + 1000);
    expect(pub.lastCounts?.today).toEqual({ day: '2026-11-30', in: 5, out: 1 });
    expect(pub.lastCounts?.lines).toEqual([{ lineId: 1, name: 'door', in: 12, out: 6 }]);
    // Past midnight, the next crossing is today's first.
    pub.publishCounts([{ lineId: 1, name: 'door', in: 13, out: 6 }], false, evening + 120_000);
    expect(pub.lastCounts).toMatchObject({ in: 13, out: 6, today: { day: '2026-12-01', in: 1, out: 0 } });
  });
});
