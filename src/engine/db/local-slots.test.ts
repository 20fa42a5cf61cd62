import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, offsetFunction, offsetSegments, slotIndex, slotStarts } from './local-slots';

const at = (iso: string): number => Date.parse(iso);
const lengths = (starts: number[], end: number): number[] => starts.map((s, i) => ((starts[i + 1] ?? end) - s) / HOUR_MS);

describe('local slots', () => {
  it('finds the offset changes of a zone to the minute', () => {
    const ny = offsetFunction({ timeZone: 'America/New_York' });
    expect(offsetSegments(ny, at('2026-03-01T00:00Z'), at('2026-04-01T00:00Z')).map((s) => [new Date(s.start).toISOString(), s.offset])).toEqual([
      ['2026-03-01T00:00:00.000Z', -300],
      ['2026-03-08T07:00:00.000Z', -240],
    ]);
  });

  it('makes 23- and 25-hour local days in New York', () => {
    const ny = offsetFunction({ timeZone: 'America/New_York' });
    const spring = slotStarts(ny, at('2026-03-08T05:00Z'), at('2026-03-09T04:00Z'), 'hour');
    expect(spring).toHaveLength(23);
    const days = slotStarts(ny, at('2026-10-31T04:00Z'), at('2026-11-03T05:00Z'), 'day');
    expect(lengths(days, at('2026-11-03T05:00Z'))).toEqual([24, 25, 24]);
  });

  it('keeps half-hour zones on their local hours, and a zone without DST at 24 hours', () => {
    const kolkata = offsetFunction({ timeZone: 'Asia/Kolkata' });
    const hours = slotStarts(kolkata, at('2026-06-01T00:10Z'), at('2026-06-01T03:00Z'), 'hour');
    expect(hours.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['23:30', '00:30', '01:30', '02:30']);
    const hcm = offsetFunction({ timeZone: 'Asia/Ho_Chi_Minh' });
    expect(slotStarts(hcm, at('2026-01-01T17:00Z'), at('2026-12-31T17:00Z'), 'day')).toHaveLength(364);
  });

  it('follows a 30-minute change (Lord Howe Island): days of 23.5 and 24.5 hours', () => {
    const lh = offsetFunction({ timeZone: 'Australia/Lord_Howe' });
    const days = slotStarts(lh, at('2026-04-03T13:00Z'), at('2026-04-06T13:30Z'), 'day');
    expect(lengths(days, at('2026-04-06T13:30Z'))).toEqual([24, 24.5, 24]);
  });

  it('a fixed offset has no changes; slotIndex finds the slot holding an instant', () => {
    const fixed = offsetFunction({ utcOffsetMinutes: 420 });
    const days = slotStarts(fixed, at('2026-05-01T17:00Z'), at('2026-05-03T17:00Z'), 'day');
    expect(days.map((t) => new Date(t).toISOString())).toEqual(['2026-05-01T17:00:00.000Z', '2026-05-02T17:00:00.000Z']);
    expect(slotIndex(days, at('2026-05-02T16:59Z'))).toBe(0);
    expect(slotIndex(days, days[1]! + DAY_MS)).toBe(1);
    expect(slotIndex(days, at('2026-05-01T00:00Z'))).toBe(-1);
  });
});
