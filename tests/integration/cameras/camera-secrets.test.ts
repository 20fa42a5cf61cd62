import { describe, expect, it } from 'vitest';
import { decodeSecret, encodeSecret, injectSecrets, mergeQuerySecrets, splitUrlSecrets } from '../../../src/engine/cameras/camera-secrets';
import { cameraSourceFor } from '../../../src/engine/cameras/camera-source';

describe('splitting a camera URL into what may be stored and what may not', () => {
  it.each([
    // [typed, stored, username, password, query]
    ['rtsp://cam.local:554/stream1', 'rtsp://cam.local:554/stream1', null, null, []],
    ['rtsp://admin:pw@cam.local/s', 'rtsp://cam.local/s', 'admin', 'pw', []],
    ['rtsp://admin@cam.local/s', 'rtsp://cam.local/s', 'admin', null, []],
    ['rtsp://adm:p%40ss%3Aword@10.0.0.5/s', 'rtsp://10.0.0.5/s', 'adm', 'p@ss:word', []],
    ['rtsp://adm:p@ss@10.0.0.5/s', 'rtsp://10.0.0.5/s', 'adm', 'p@ss', []], // last '@' ends the user-info
    ['http://cam/video.mjpg?token=abc123&res=hd', 'http://cam/video.mjpg?token=***&res=hd', null, null, [['token', 'abc123']]],
    ['http://u:p@cam/v?user=x&PASSWORD=s3&sig=zz', 'http://cam/v?user=x&PASSWORD=***&sig=***', 'u', 'p', [['PASSWORD', 's3'], ['sig', 'zz']]],
    ['/dev/video0', '/dev/video0', null, null, []],
  ])('%s', (typed, stored, username, password, query) => {
    const s = splitUrlSecrets(typed);
    expect(s.publicUrl).toBe(stored);
    expect(s.username).toBe(username);
    expect(s.secret).toEqual({ password, query });
    // Rebuilding gives ffmpeg an equivalent address (user-info percent-encoded, which ffmpeg decodes).
    const rebuilt = injectSecrets(s.publicUrl, s.username, s.secret);
    expect(splitUrlSecrets(rebuilt)).toEqual(s);
  });

  it('injects encoded credentials and keeps an unknown *** as is', () => {
    expect(injectSecrets('rtsp://h/s', 'a b', { password: 'p/w?#', query: [] })).toBe('rtsp://a%20b:p%2Fw%3F%23@h/s');
    expect(injectSecrets('rtsp://h/s?token=***', null, null)).toBe('rtsp://h/s?token=***');
    expect(injectSecrets('rtsp://h/s', null, null)).toBe('rtsp://h/s');
  });

  it('an edited URL sent back with name=*** keeps the stored value; a new value replaces it', () => {
    expect(mergeQuerySecrets([['token', '***']], [['token', 'old']])).toEqual({ query: [['token', 'old']], missing: [] });
    expect(mergeQuerySecrets([['token', 'new']], [['token', 'old']])).toEqual({ query: [['token', 'new']], missing: [] });
    expect(mergeQuerySecrets([['key', '***']], [])).toEqual({ query: [], missing: ['key'] });
  });

  it('the sealed form round-trips; a bare string (another writer) is read as a password', () => {
    const s = { password: 'pw', query: [['token', 't'] as [string, string]] };
    expect(decodeSecret(encodeSecret(s))).toEqual(s);
    expect(decodeSecret('just-a-password')).toEqual({ password: 'just-a-password', query: [] });
  });

  it('a stored camera becomes an ffmpeg source only through the accepted schemes', () => {
    expect(cameraSourceFor({ sourceKind: 'rtsp', urlRedacted: 'rtsp://h/s', username: 'u' }, { password: 'p', query: [] })).toEqual({
      kind: 'rtsp',
      url: 'rtsp://u:p@h/s',
      transport: 'tcp',
    });
    // A hand-edited database row cannot smuggle another ffmpeg protocol in.
    for (const url of ['concat:/etc/passwd|/etc/hosts', 'file:/etc/passwd', 'pipe:0', 'tcp://h:1']) {
      expect(() => cameraSourceFor({ sourceKind: 'rtsp', urlRedacted: url, username: null }, null)).toThrow();
    }
    expect(() => cameraSourceFor({ sourceKind: 'file', urlRedacted: 'concat:/etc/passwd', username: null }, null)).toThrow(/plain filesystem path/);
  });
});
