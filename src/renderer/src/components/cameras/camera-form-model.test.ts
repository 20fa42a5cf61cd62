import { describe, expect, it } from 'vitest';
import type { CameraDto } from '../../../../shared/dto';
import { emptyForm, extractUrlPassword, formFromCamera, parsePolygon, toAddInput, toEditInput, toTestInput } from './camera-form-model';

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
