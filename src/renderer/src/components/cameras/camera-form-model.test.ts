import { describe, expect, it } from 'vitest';
import type { CameraDto } from '../../../../shared/dto';
import { drawingFromRows, emptyForm, extractUrlPassword, formFromCamera, parsePolygon, rowsFromDrawing, toAddInput, toEditInput, toTestInput, tuningInput } from './camera-form-model';

const camera: CameraDto = {
  cameraId: 'door-1a2b',
  name: 'Door',
  sourceKind: 'rtsp',
  url: 'rtsp://admin@10.0.0.5:554/s1',
  hasPassword: true,
  enabled: true,
  processFps: 5,
  frameWidth: 0,
  frameHeight: 0,
  modelId: null,
  modelVersion: null,
  tuning: null,
  lines: [{ id: 7, name: 'door', x1: 100, y1: 0, x2: 100, y2: 480, enabled: true }],
  zones: [{ id: 3, name: 'till', polygon: [[0, 0], [10, 0], [10, 10]] }],
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('extractUrlPassword', () => {
  it.each([
    ['rtsp://user:S3ntinel-pw@127.0.0.1:9/cam', 'rtsp://user@127.0.0.1:9/cam', 'S3ntinel-pw'],
    ['rtsp://u:p%40ss@h/x', 'rtsp://u@h/x', 'p@ss'],
    // The user info ends at the last '@' before the path, as the engine splits it.
    ['rtsp://u:a@b@h:554', 'rtsp://u@h:554', 'a@b'],
    ['http://:secret@h/mjpeg', 'http://h/mjpeg', 'secret'],
  ])('%s → %s', (url, clean, password) => {
    expect(extractUrlPassword(url)).toEqual({ url: clean, password });
  });

  it.each(['rtsp://user@h/x', 'rtsp://h/x?password=1', '/dev/video0', 'rtsp://u:@h/x', 'rtsp://h/p:q@r'])('%s has no user-info password', (url) => {
    expect(extractUrlPassword(url)).toBeNull();
  });
});

describe('parsePolygon', () => {
  it.each([
    ['0,0;10,0;10,10', [[0, 0], [10, 0], [10, 10]]],
    [' 1.5 , 2 ; 3,4 ; ', [[1.5, 2], [3, 4]]],
    ['', []],
  ])('%j', (text, points) => expect(parsePolygon(text)).toEqual(points));

  it.each(['0,0;10', '0,0,1;1,1;2,2', 'a,b;1,1;2,2'])('%j is refused', (text) => expect(parsePolygon(text)).toBeNull());
});

describe('toAddInput', () => {
  it('moves a URL password into the password field and keeps the user name in the URL', () => {
    const { input, problems } = toAddInput({ ...emptyForm(), name: ' Door ', url: 'rtsp://user:S3ntinel-pw@127.0.0.1:9/cam' });
    expect(problems).toEqual({});
    expect(input).toMatchObject({ name: 'Door', url: 'rtsp://user@127.0.0.1:9/cam', password: 'S3ntinel-pw', sourceKind: 'rtsp' });
    expect(JSON.stringify(input.url)).not.toContain('S3ntinel');
  });

  it('reports rows that are not numbers by the envelope path they would have', () => {
    const form = { ...emptyForm(), name: 'x', url: 'rtsp://h/x', processFps: 'fast', lines: [{ name: '', x1: '1', y1: '', x2: '3', y2: '4' }], zones: [{ name: '', points: '1,1;2' }] };
    expect(Object.keys(toAddInput(form).problems).sort()).toEqual(['lines.0', 'processFps', 'zones.0']);
  });

  it('sends no password for a file or USB source', () => {
    const { input } = toAddInput({ ...emptyForm(), name: 'rec', sourceKind: 'file', url: '/tmp/a.mp4', password: { kind: 'set', value: 'x' } });
    expect(input).not.toHaveProperty('password');
  });
});

describe('toEditInput', () => {
  it('sends only what changed, keeps line and zone ids, and leaves the password alone', () => {
    const form = formFromCamera(camera);
    const { input, problems } = toEditInput(camera, { ...form, name: 'Front door' });
    expect(problems).toEqual({});
    expect(input).toEqual({
      cameraId: 'door-1a2b',
      name: 'Front door',
      lines: [{ id: 7, name: 'door', x1: 100, y1: 0, x2: 100, y2: 480, enabled: true }],
      zones: [{ id: 3, name: 'till', polygon: [[0, 0], [10, 0], [10, 10]] }],
    });
  });

  it('removes the password with null and clears a probed size with null', () => {
    const form = { ...formFromCamera({ ...camera, frameWidth: 640, frameHeight: 480 }), password: { kind: 'remove' as const }, frameWidth: '', frameHeight: '' };
    expect(toEditInput({ ...camera, frameWidth: 640, frameHeight: 480 }, form).input).toMatchObject({ password: null, frameWidth: null, frameHeight: null });
  });
});

describe('toTestInput', () => {
  it('tests the stored camera (with its stored password) when the address is untouched', () => {
    expect(toTestInput(camera, formFromCamera(camera))).toEqual({ cameraId: 'door-1a2b' });
  });

  it('tests the typed address with the typed password otherwise', () => {
    expect(toTestInput(null, { ...emptyForm(), url: 'rtsp://u:pw1@h/x' })).toEqual({ url: 'rtsp://u@h/x', sourceKind: 'rtsp', password: 'pw1' });
  });
});

describe('drawing and the typed rows', () => {
  it('draws the rows that parse and writes drawn changes back, keeping untouched text and ids', () => {
    const lines = [
      { id: 7, name: 'door', x1: '600', y1: '150', x2: '600', y2: '450.0' },
      { name: '', x1: '1', y1: 'oops', x2: '3', y2: '4' },
    ];
    const zones = [{ id: 3, name: 'till', points: '0,0;10,0;10,10' }];
    const drawn = drawingFromRows(lines, zones);
    expect(drawn.lines).toEqual([{ key: 'row-0', name: 'door', x1: 600, y1: 150, x2: 600, y2: 450 }]);
    expect(drawn.zones).toEqual([{ key: 'row-0', name: 'till', points: [[0, 0], [10, 0], [10, 10]] }]);
    const next = rowsFromDrawing(
      { lines, zones },
      {
        lines: [{ ...drawn.lines[0]!, x1: 540, y1: 120 }, { key: 'new-line-1', name: 'line3', x1: 10, y1: 20, x2: 30, y2: 40 }],
        zones: [],
      },
    );
    expect(next.lines).toEqual([
      { id: 7, name: 'door', x1: '540', y1: '120', x2: '600', y2: '450.0' },
      // Not drawable (being typed): kept as it is.
      { name: '', x1: '1', y1: 'oops', x2: '3', y2: '4' },
      { name: 'line3', x1: '10', y1: '20', x2: '30', y2: '40' },
    ]);
    expect(next.zones).toEqual([]);
  });
});

describe('tuning', () => {
  it('sends only what was typed, checked against the ranges the engine accepts', () => {
    const typed = { ...emptyForm().tuning, newTrackThresh: '0.5', partialBoxes: 'false' };
    const problems = {};
    expect(tuningInput(typed, problems)).toEqual({ newTrackThresh: 0.5, partialBoxes: false });
    expect(problems).toEqual({});
    expect(tuningInput(emptyForm().tuning, {})).toBeNull();
    const bad: Record<string, string> = {};
    tuningInput({ ...emptyForm().tuning, newTrackThresh: '0.9', lostTrackSeconds: 'long' }, bad);
    expect(bad).toEqual({ 'tuning.newTrackThresh': 'must be between 0.4 and 0.7', 'tuning.lostTrackSeconds': 'must be a number' });
    const order: Record<string, string> = {};
    tuningInput({ ...emptyForm().tuning, newTrackThresh: '0.4', trackThresh: '0.5' }, order);
    expect(Object.keys(order)).toEqual(['tuning.trackThresh']);
  });

  it('edits tuning and the pinned model only when they changed; null goes back to the defaults', () => {
    const tuned = { ...camera, tuning: { newTrackThresh: 0.5 }, modelId: 'yolo', modelVersion: '8.0.0' };
    const same = toEditInput(tuned, formFromCamera(tuned)).input;
    expect(same).not.toHaveProperty('tuning');
    expect(same).not.toHaveProperty('modelId');
    const cleared = toEditInput(tuned, { ...formFromCamera(tuned), tuning: emptyForm().tuning, model: null }).input;
    expect(cleared).toMatchObject({ tuning: null, modelId: null, modelVersion: null });
    expect(toAddInput({ ...emptyForm(), name: 'x', url: 'rtsp://h/x', model: { modelId: 'yolo', modelVersion: '8.0.0' } }).input).toMatchObject({ modelId: 'yolo', modelVersion: '8.0.0' });
  });
});
