import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkDatabase } from '../../../src/engine/db/db-check';
import { InferenceResultsRepository } from '../../../src/engine/db/repositories/inference-results-repository';
import { ResultWriter } from '../../../src/engine/db/result-writer';
import { measureWriterThroughput } from '../../../src/engine/db/writer-throughput';
import { insertRow, migratedDb, tempDir, thrownBy } from './db-test-helpers';
import { makeFrame, MODEL_ID, rowsOf } from './frame-fixtures';

const START = Date.parse('2025-05-01T08:00:00.000Z');
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const { db } = migratedDb();
  insertRow(db, 'ai_models', { model_id: MODEL_ID, model_name: 'YOLOv8n', model_type: 'detection' });
  const count = (table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { db, count };
}

describe('ResultWriter', () => {
  it('writes every row of every frame by close(), with intact foreign keys', () => {
    const { db, count } = setup();
    const writer = new ResultWriter(db, { maxBatchRows: 500, flushIntervalMs: 10_000 });
    const frames = Array.from({ length: 300 }, (_, f) => makeFrame(`cam${f % 3}`, f, new Date(START + f * 100)));
    for (const frame of frames) writer.enqueue(frame);
    const total = frames.reduce((sum, f) => sum + rowsOf(f), 0);
    expect(writer.stats().queuedRows).toBe(total);
    writer.close();

    expect(count('model_inference_results')).toBe(300);
    expect(count('detection_results')).toBe(1200);
    expect(count('tracking_results')).toBe(1200);
    expect(count('counting_results')).toBe(60);
    const stats = writer.stats();
    expect(stats).toMatchObject({ queuedRows: 0, writtenRows: total, rejectedFrames: 0, droppedFrames: 0 });
    expect(stats.batches).toBeGreaterThanOrEqual(Math.ceil(total / 500));
    expect(checkDatabase(db).foreignKeyViolations).toEqual([]);
  });

  it('stores the frame faithfully: children inherit inference id, time and camera; pixels rounded', () => {
    const { db } = setup();
    const writer = new ResultWriter(db);
    const frame = makeFrame('door', 10, new Date(START));
    writer.enqueue(frame);
    writer.close();
    const repo = new InferenceResultsRepository(db);
    const stored = repo.get('door:10');
    expect(stored).toMatchObject({
      modelId: MODEL_ID,
      inputTimestamp: frame.inference.inputTimestamp,
      inferenceResults: { people: 4, classes: ['person'] },
      processingTimeMs: 15,
      resultValidationStatus: 'valid',
      cameraId: 'door',
      frameIndex: 10,
    });
    const detections = repo.detectionsFor('door:10');
    expect(detections).toHaveLength(4);
    expect(detections[0]).toMatchObject({
      inferenceId: 'door:10', bboxX: 100, bboxY: 51, bboxWidth: 60, bboxHeight: 171,
      objectAttributes: { clothing: 'red jacket' }, createdAt: frame.inference.createdAt,
    });
    expect(repo.tracksFor('door:10')[0]).toMatchObject({
      detectionId: 'door:10:d0',
      positionX: Math.round(100.4 + 60.2 / 2),
      positionY: Math.round(50.6 + 170.7),
      trackingStatus: 'active',
    });
    const event = db.prepare('SELECT * FROM counting_results').get();
    expect(event).toMatchObject({ inference_id: 'door:10', camera_id: 'door', direction: 'in', line_id: 1 });
  });

  it('enqueue does no I/O: rows appear only after the flush timer', () => {
    const { db, count } = setup();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const writer = new ResultWriter(db, { flushIntervalMs: 20 });
      writer.enqueue(makeFrame('cam', 1, new Date(START)));
      expect(count('model_inference_results')).toBe(0);
      vi.advanceTimersByTime(19);
      expect(count('model_inference_results')).toBe(0);
      vi.advanceTimersByTime(1);
      expect(count('model_inference_results')).toBe(1);
      expect(writer.stats().batches).toBe(1);
      writer.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a full batch is written on the next turn of the event loop; the rest waits for the timer', async () => {
    const { db, count } = setup();
    const writer = new ResultWriter(db, { maxBatchRows: 20, flushIntervalMs: 60_000 });
    // 10 + 9 + 9 rows: the first two frames fill a batch, the third does not.
    for (let f = 0; f < 3; f++) writer.enqueue(makeFrame('cam', f, new Date(START + f)));
    expect(count('detection_results')).toBe(0);
    await tick();
    expect(count('detection_results')).toBe(8);
    expect(writer.stats()).toMatchObject({ batches: 1, queuedRows: 9 });
    writer.close();
    expect(count('detection_results')).toBe(12);
  });

  it('a frame SQLite refuses is reported and skipped; the rest of its batch is written', () => {
    const { db, count } = setup();
    const errors: string[] = [];
    const writer = new ResultWriter(db, { onError: (err, id) => errors.push(`${id}: ${err.message}`) });
    const badFrame = makeFrame('cam', 2, new Date(START));
    const firstDetection = badFrame.detections[0];
    if (firstDetection) firstDetection.confidenceScore = 1.5;
    writer.enqueue(makeFrame('cam', 1, new Date(START)));
    writer.enqueue(badFrame);
    writer.enqueue(makeFrame('cam', 3, new Date(START)));
    writer.close();
    expect(count('model_inference_results')).toBe(2);
    expect(db.prepare("SELECT count(*) FROM detection_results WHERE inference_id = 'cam:2'").pluck().get()).toBe(0);
    expect(writer.stats().rejectedFrames).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/cam:2: .*CHECK constraint failed: .*confidence_score/);
  });

  it('rejects non-serialisable JSON at enqueue, before anything is queued', () => {
    const { db } = setup();
    const writer = new ResultWriter(db);
    const frame = makeFrame('cam', 1, new Date(START));
    frame.inference.inferenceResults = { score: Number.NaN };
    expect(thrownBy(() => writer.enqueue(frame)).code).toBe('INVALID_JSON');
    expect(writer.stats().queuedRows).toBe(0);
    writer.close();
  });

  it('refuses frames after close()', () => {
    const { db } = setup();
    const writer = new ResultWriter(db);
    writer.close();
    expect(thrownBy(() => writer.enqueue(makeFrame('cam', 1, new Date(START)))).code).toBe('WRITER_CLOSED');
  });

  it('drops (and counts) frames beyond maxQueuedRows instead of growing without bound', () => {
    const { db, count } = setup();
    const writer = new ResultWriter(db, { maxQueuedRows: 25, maxBatchRows: 1000 });
    for (let f = 0; f < 5; f++) writer.enqueue(makeFrame('cam', f, new Date(START + f), 4, 1000));
    expect(writer.stats().droppedFrames).toBe(3);
    writer.close();
    expect(count('model_inference_results')).toBe(2);
  });

  // The rate itself is a figure of `npm run bench`; here only what the measurement writes.
  it.each([false, true])('the throughput measurement writes what it reports (tracks: %s)', (withTracks) => {
    const r = measureWriterThroughput(path.join(tempDir(), 'bench.db'), 2000, { withTracks });
    expect(r.detectionRows).toBe(2000);
    expect(r.totalRows).toBeGreaterThan(r.detectionRows);
    expect(r.rowsPerSecond).toEqual(expect.any(Number));
  });
});
