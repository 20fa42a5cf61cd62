/** Milliseconds since the epoch. Injected so tests move time instead of sleeping. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** The schema's one timestamp form (see migration 0001). */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

/** A clock tests move by hand. */
export function manualClock(start = Date.parse('2026-01-01T08:00:00.000Z')): Clock & { advance(ms: number): void; set(ms: number): void } {
  let now = start;
  const clock = (() => now) as Clock & { advance(ms: number): void; set(ms: number): void };
  clock.advance = (ms) => void (now += ms);
  clock.set = (ms) => void (now = ms);
  return clock;
}
