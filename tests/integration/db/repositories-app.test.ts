import { beforeEach, describe, expect, it } from 'vitest';
import { splitCameraUrl } from '../../../src/engine/cameras/camera-url';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { createRepositories, type Repositories } from '../../../src/engine/db/repositories';
import { ResultWriter } from '../../../src/engine/db/result-writer';
import { insertRow, migratedDb, thrownBy } from './db-test-helpers';
import { makeFrame, MODEL_ID } from './frame-fixtures';

const LONG_AGO = '2000-01-01T00:00:00.000Z';
let db: SqliteDatabase;
let repos: Repositories;

beforeEach(() => {
  db = migratedDb().db;
  repos = createRepositories(db);
  repos.aiModels.create({ modelId: MODEL_ID, modelName: 'YOLOv8n', modelType: 'detection' });
});

describe('camera URLs', () => {
  it.each([
    ['rtsp://admin:s3cr%40t@10.0.0.5:554/Streaming/101', 'rtsp://10.0.0.5:554/Streaming/101', 'admin', 's3cr@t'],
    ['http://viewer@cam.local/mjpeg?x=a@b', 'http://cam.local/mjpeg?x=a@b', 'viewer', null],
    ['rtsp://10.0.0.5/live', 'rtsp://10.0.0.5/live', null, null],
    ['/dev/video0', '/dev/video0', null, null],
    ['C:\\videos\\shop.mp4', 'C:\\videos\\shop.mp4', null, null],
  ])('%s', (url, urlRedacted, username, password) => {
    expect(splitCameraUrl(url)).toEqual({ urlRedacted, username, password });
  });
});

describe('cameras, lines and zones', () => {
  it('stores a camera without its password; the ciphertext is reachable only on purpose', () => {
    const secret = Buffer.from('encrypted-by-safeStorage');
    const cam = repos.cameras.create({
      cameraId: 'door', name: 'Front door', sourceKind: 'rtsp', url: 'rtsp://admin@10.0.0.5:554/stream1', secretCiphertext: secret, processFps: 10, frameWidth: 1280, frameHeight: 720, modelId: MODEL_ID,
    });
    expect(cam).toMatchObject({ urlRedacted: 'rtsp://10.0.0.5:554/stream1', username: 'admin', hasPassword: true, enabled: true, processFps: 10 });
    expect(cam).not.toHaveProperty('secretCiphertext');
    expect(repos.cameras.getSecret('door')?.equals(secret)).toBe(true);
    expect(repos.cameras.setSecret('door', null).hasPassword).toBe(false);
    expect(repos.cameras.getSecret('door')).toBeNull();
    const err = thrownBy(() => repos.cameras.create({ cameraId: 'x', name: 'X', sourceKind: 'rtsp', url: 'rtsp://admin:pw@10.0.0.6/s' }));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).not.toContain('pw@');
  });

  it('updates a camera (URL re-redacted, username kept, updated_at touched) and lists enabled ones', () => {
    repos.cameras.create({ cameraId: 'door', name: 'Door', sourceKind: 'rtsp', url: 'rtsp://admin@10.0.0.5/s1' });
    repos.cameras.create({ cameraId: 'usb', name: 'Till', sourceKind: 'usb', url: '/dev/video0', enabled: false });
    backdateCamera('door');
    const updated = repos.cameras.update('door', { url: 'rtsp://10.0.0.9/s2', processFps: 5 });
    expect(updated).toMatchObject({ urlRedacted: 'rtsp://10.0.0.9/s2', username: 'admin', processFps: 5 });
    expect(updated.updatedAt > LONG_AGO).toBe(true);
    expect(repos.cameras.list({ enabledOnly: true }).map((c) => c.cameraId)).toEqual(['door']);
    expect(repos.cameras.list()).toHaveLength(2);
    expect(thrownBy(() => repos.cameras.update('door', { sourceKind: 'ftp' as never })).message).toMatch(/CHECK constraint failed: .*source_kind/);
  });

  it('lines and zones belong to a camera and go with it', () => {
    repos.cameras.create({ cameraId: 'door', name: 'Door', sourceKind: 'file', url: '/media/vtest.avi' });
    const line = repos.countingLines.add({ cameraId: 'door', name: 'entrance', x1: 100, y1: 0, x2: 100, y2: 480 });
    expect(line).toMatchObject({ inLabel: 'in', outLabel: 'out', enabled: true });
    expect(repos.countingLines.update(line.id, { enabled: false, inLabel: 'enter' })).toMatchObject({ enabled: false, inLabel: 'enter', x1: 100 });
    expect(thrownBy(() => repos.countingLines.add({ cameraId: 'door', name: 'dot', x1: 5, y1: 5, x2: 5, y2: 5 })).code).toBe('INVALID_INPUT');
    expect(thrownBy(() => repos.countingLines.update(line.id, { x2: 100, y2: 0 })).message).toContain('zero length');

    const zone = repos.countingZones.add({ cameraId: 'door', name: 'till', polygon: [[0, 0], [200, 0], [200, 150]] });
    expect(repos.countingZones.listForCamera('door')).toEqual([zone]);
    expect(zone.polygon).toEqual([[0, 0], [200, 0], [200, 150]]);
    expect(thrownBy(() => repos.countingZones.add({ cameraId: 'door', name: 'bad', polygon: [[0, 0], [1, 1]] })).code).toBe('INVALID_JSON');

    expect(repos.cameras.delete('door')).toBe(true);
    expect(repos.countingLines.listForCamera('door')).toEqual([]);
    expect(repos.countingZones.listForCamera('door')).toEqual([]);
  });
});

function backdateCamera(cameraId: string): void {
  db.prepare('UPDATE cameras SET updated_at = ? WHERE camera_id = ?').run(LONG_AGO, cameraId);
}

describe('health samples', () => {
  it('records samples and returns the newest per camera', () => {
    repos.healthSamples.record({ cameraId: 'door', state: 'connecting', sampledAt: '2025-05-01T10:00:00.000Z' });
    repos.healthSamples.record({ cameraId: 'door', state: 'live', inputFps: 25, processedFps: 10, droppedFrames: 3, inferenceLatencyMs: 17.5, reconnectCount: 0, lastFrameAt: '2025-05-01T10:00:04.900Z', sampledAt: '2025-05-01T10:00:05.000Z' });
    repos.healthSamples.record({ cameraId: 'till', state: 'reconnecting', reason: 'RTSP timeout', reconnectCount: 2, sampledAt: '2025-05-01T09:00:00.000Z' });
    const latest = repos.healthSamples.latestPerCamera();
    expect(latest.map((s) => [s.cameraId, s.state])).toEqual([['door', 'live'], ['till', 'reconnecting']]);
    expect(latest[0]).toMatchObject({ inputFps: 25, droppedFrames: 3, inferenceLatencyMs: 17.5 });
    expect(repos.healthSamples.listForCamera('door', { limit: 1 })).toHaveLength(1);
    expect(repos.healthSamples.deleteOlderThan('2025-05-01T09:30:00.000Z')).toBe(1);
    expect(thrownBy(() => repos.healthSamples.record({ cameraId: 'door', state: 'exploded' as never })).message).toMatch(/CHECK constraint failed: .*state/);
  });
});

describe('settings', () => {
  it('stores any JSON value, upserts, touches updated_at', () => {
    expect(repos.settings.getValue('retention.hour', 3)).toBe(3);
    const first = repos.settings.set('ui.theme', { mode: 'dark', accent: '#3366ff' });
    expect(first.value).toEqual({ mode: 'dark', accent: '#3366ff' });
    db.prepare("UPDATE settings SET updated_at = ? WHERE key = 'ui.theme'").run(LONG_AGO);
    const second = repos.settings.set('ui.theme', 'light');
    expect(second.value).toBe('light');
    expect(second.updatedAt > LONG_AGO).toBe(true);
    repos.settings.set('feature.flag', false);
    repos.settings.set('nothing', null);
    expect(repos.settings.getValue('nothing', 'fallback')).toBeNull();
    expect(repos.settings.list().map((s) => [s.key, s.value])).toEqual([['feature.flag', false], ['nothing', null], ['ui.theme', 'light']]);
    expect(thrownBy(() => repos.settings.set('bad', { f: () => 1 } as never)).code).toBe('INVALID_JSON');
    expect(repos.settings.delete('ui.theme')).toBe(true);
  });
});

describe('inference and counting reads', () => {
  function writeFrames(): void {
    const writer = new ResultWriter(db);
    const start = Date.parse('2025-05-01T08:00:00.000Z');
    // Two cameras, a frame every 20 minutes over 4 hours; a crossing on every frame, alternating in/out.
    for (let f = 0; f < 12; f++) {
      writer.enqueue(makeFrame('door', f, new Date(start + f * 20 * 60_000), 2, 1));
      writer.enqueue(makeFrame('till', f, new Date(start + f * 20 * 60_000), 1, 1));
    }
    writer.close();
  }

  it('reads inferences per camera and model, with their detections and tracks', () => {
    writeFrames();
    const recent = repos.inferenceResults.listForCamera('door', { limit: 3 });
    expect(recent.map((r) => r.frameIndex)).toEqual([11, 10, 9]);
    expect(repos.inferenceResults.listForCamera('door', { from: '2025-05-01T08:00:00.000Z', to: '2025-05-01T09:00:00.000Z' })).toHaveLength(3);
    expect(repos.inferenceResults.listForModel(MODEL_ID, { limit: 100 })).toHaveLength(24);
    expect(repos.inferenceResults.detectionsFor('door:3')).toHaveLength(2);
    expect(repos.inferenceResults.tracksFor('door:3')[0]?.trajectoryPoints?.[0]).toMatchObject({ x: 100.4, y: 50.6 });
    expect(repos.inferenceResults.trackHistoryOf('door:t0', 5)).toHaveLength(5);
  });

  it('writeFrame stores a single frame synchronously', () => {
    repos.inferenceResults.writeFrame(makeFrame('cli', 0, new Date('2025-05-01T08:00:00.000Z')));
    expect(repos.inferenceResults.get('cli:0')?.cameraId).toBe('cli');
  });

  it('summarises counts per hour and per day, per camera or all, with a local day boundary', () => {
    writeFrames();
    const door = repos.countingResults.summary({ cameraId: 'door', bucket: 'hour' });
    expect(door.buckets).toEqual([
      { start: '2025-05-01T08:00:00.000Z', in: 2, out: 1 },
      { start: '2025-05-01T09:00:00.000Z', in: 1, out: 2 },
      { start: '2025-05-01T10:00:00.000Z', in: 2, out: 1 },
      { start: '2025-05-01T11:00:00.000Z', in: 1, out: 2 },
    ]);
    expect([door.totalIn, door.totalOut]).toEqual([6, 6]);
    expect(repos.countingResults.summary({ bucket: 'day' })).toEqual({
      cameraId: null, totalIn: 12, totalOut: 12, buckets: [{ start: '2025-05-01T00:00:00.000Z', in: 12, out: 12 }],
    });
    // UTC+10: 08:00–11:40 UTC is 18:00–21:40 local, one local day starting 2025-04-30T14:00Z.
    expect(repos.countingResults.summary({ bucket: 'day', utcOffsetMinutes: 600 }).buckets.map((b) => b.start)).toEqual(['2025-04-30T14:00:00.000Z']);
    // UTC-9: the 08:00 UTC events are still 2025-04-30 locally, 09:00 onwards are 2025-05-01.
    expect(repos.countingResults.summary({ bucket: 'day', utcOffsetMinutes: -540 }).buckets).toEqual([
      { start: '2025-04-30T09:00:00.000Z', in: 4, out: 2 },
      { start: '2025-05-01T09:00:00.000Z', in: 8, out: 10 },
    ]);
    expect(repos.countingResults.recent({ cameraId: 'till', limit: 2 }).map((e) => e.countingEventId)).toEqual(['till:11:cross', 'till:10:cross']);
    expect(repos.countingResults.get('door:0:cross')).toMatchObject({ direction: 'in', cameraId: 'door', lineId: 1, entryPoint: { x: 120, y: 200 } });
    expect(thrownBy(() => repos.countingResults.summary({ utcOffsetMinutes: 2000 })).code).toBe('INVALID_INPUT');
  });

  it('counts only line crossings in and out as footfall (zone entries/exits are occupancy)', () => {
    insertRow(db, 'counting_results', { counting_event_id: 'e1', event_type: 'entry', camera_id: 'side', created_at: '2025-05-01T08:00:00.000Z' });
    insertRow(db, 'counting_results', { counting_event_id: 'e2', event_type: 'exit', camera_id: 'side', created_at: '2025-05-01T08:10:00.000Z' });
    insertRow(db, 'counting_results', { counting_event_id: 'e3', event_type: 'cross_line', direction: 'north', camera_id: 'side', created_at: '2025-05-01T08:20:00.000Z' });
    insertRow(db, 'counting_results', { counting_event_id: 'e4', event_type: 'cross_line', direction: 'in', camera_id: 'side', created_at: '2025-05-01T08:30:00.000Z' });
    expect(repos.countingResults.summary({ cameraId: 'side' })).toMatchObject({ totalIn: 1, totalOut: 0 });
  });
});
