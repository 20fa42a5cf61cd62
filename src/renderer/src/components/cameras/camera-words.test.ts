import { describe, expect, it } from 'vitest';
import { ageWords, reasonWords, stateWords } from './camera-words';

describe('camera words', () => {
  it('says every state reason in words, never the code', () => {
    for (const code of ['auth', 'not_found', 'refused', 'timeout', 'unreachable', 'unsupported', 'secret', 'model', 'config', 'disabled', 'something_new']) {
      const words = reasonWords(code);
      expect(words).toMatch(/^[A-Z].*\.$/);
      expect(words).not.toMatch(/_|[A-Z]{3,}/);
      expect(words.toLowerCase()).not.toBe(code);
    }
    expect(reasonWords(null)).toBe('');
  });

  it('calls a switched-off camera "off" and tells ages in seconds, minutes and hours', () => {
    expect(stateWords('stopped', 'disabled')).toEqual({ state: 'stopped', label: 'off' });
    expect(stateWords('live', 'frames')).toEqual({ state: 'live', label: 'live' });
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(ageWords('2025-01-01T12:00:00Z', now)).toBe('just now');
    expect(ageWords('2025-01-01T11:59:48Z', now)).toBe('12 s ago');
    expect(ageWords('2025-01-01T11:57:00Z', now)).toBe('3 min ago');
    expect(ageWords('2025-01-01T10:00:00Z', now)).toBe('2 h ago');
    expect(ageWords(null, now)).toBeNull();
  });
});
