import { describe, expect, it } from 'vitest';
import { redactText, redactUrl, scrubSecrets, urlSecrets } from './redact-url';

describe('redactUrl', () => {
  it.each([
    ['rtsp://admin:s3cret@192.168.1.10:554/stream1', 'rtsp://***@192.168.1.10:554/stream1'],
    ['rtsps://admin:s3cret@cam.local/live', 'rtsps://***@cam.local/live'],
    ['http://user:pa%40ss@10.0.0.2/video.mjpg', 'http://***@10.0.0.2/video.mjpg'],
    // an unencoded '@' in the password: userinfo ends at the LAST '@' of the authority
    ['rtsp://admin:p@ss@10.0.0.3/cam', 'rtsp://***@10.0.0.3/cam'],
    ['rtsp://onlyuser@10.0.0.4/cam', 'rtsp://***@10.0.0.4/cam'],
    ['https://cam.example/mjpg?user=bob&password=hunter2&res=hd', 'https://cam.example/mjpg?user=bob&password=***&res=hd'],
    ['http://h/s?PWD=x1&Token=abc&API_KEY=k&apikey=z', 'http://h/s?PWD=***&Token=***&API_KEY=***&apikey=***'],
    ['http://h/s?access_token=a.b.c#frag', 'http://h/s?access_token=***#frag'],
    ['http://h/s?sig=1&signature=2&secret=3&auth=4&key=5&pass=6&passwd=7', 'http://h/s?sig=***&signature=***&secret=***&auth=***&key=***&pass=***&passwd=***'],
    ['http://u:p@h/s?token=t', 'http://***@h/s?token=***'],
    // names that merely contain a credential word are kept
    ['http://h/s?keyframe=1&monkey=2&tokens_left=3', 'http://h/s?keyframe=1&monkey=2&tokens_left=3'],
    // an '@' in the path is not userinfo
    ['http://h/live@main?x=1', 'http://h/live@main?x=1'],
    ['rtsp://10.0.0.5:554/cam', 'rtsp://10.0.0.5:554/cam'],
    ['/videos/shop.mp4', '/videos/shop.mp4'],
    ['video=Integrated Camera', 'video=Integrated Camera'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });
});

describe('redactText', () => {
  it('redacts every URL quoted in ffmpeg stderr and leaves the rest', () => {
    const stderr =
      '[rtsp @ 0x55] method DESCRIBE failed: 401 Unauthorized\n' +
      'rtsp://admin:s3cret@127.0.0.1:8554/cam: Server returned 401 Unauthorized (authorization failed)\n' +
      "Opening 'http://u:pw@h/x.mjpg?token=abc' for reading";
    const out = redactText(stderr);
    expect(out).not.toContain('s3cret');
    expect(out).not.toContain('pw@');
    expect(out).not.toContain('abc');
    expect(out).toContain('rtsp://***@127.0.0.1:8554/cam: Server returned 401 Unauthorized');
    expect(out).toContain("'http://***@h/x.mjpg?token=***'");
  });
});

describe('urlSecrets / scrubSecrets', () => {
  it('finds the password and credential values, raw and decoded', () => {
    expect(urlSecrets('rtsp://admin:p%40ssw0rd@h/cam?token=tok123')).toEqual(['p%40ssw0rd', 'p@ssw0rd', 'tok123']);
    expect(urlSecrets('rtsp://h/cam')).toEqual([]);
  });

  it('removes secrets that appear outside URL form', () => {
    expect(scrubSecrets('auth failed for password p@ssw0rd', ['p@ssw0rd'])).toBe('auth failed for password ***');
  });
});
