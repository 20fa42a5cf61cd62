/**
 * A camera's state reasons, states and connection failures in plain words of the language shown
 * (never the engine's codes). Read at call time, so a language switch takes effect on the next
 * render. Pure otherwise: unit-tested in camera-words.test.ts.
 */
import { t, type Messages } from '../../i18n';

type Reason = keyof Messages['cameras']['reasons'];
type StateWord = keyof Messages['cameras']['states'];
type Choice = keyof Messages['cameras']['choice'];

const has = <K extends string>(words: Record<K, string>, key: string): key is K => Object.prototype.hasOwnProperty.call(words, key);

/** Why a camera cannot be reached, or why it is in its state. */
export function reasonWords(reason: string | null | undefined): string {
  if (!reason) return '';
  const m = t().cameras;
  return has<Reason>(m.reasons, reason) ? m.reasons[reason] : m.reasonUnknown;
}

/** A camera state's word (connecting, live, …, and the page's own: off, offline, stale); an unknown code as it came. */
export function cameraStateLabel(state: string): string {
  const words = t().cameras.states;
  return has<StateWord>(words, state) ? words[state] : state.replace(/_/g, ' ');
}

/** The state badge's word: a switched-off camera says so rather than "stopped". */
export function stateWords(state: string, reason: string | null | undefined): { state: string; label: string } {
  if (state === 'stopped' && reason === 'disabled') return { state: 'stopped', label: cameraStateLabel('off') };
  return { state, label: cameraStateLabel(state) };
}

/** "just now", "12 s ago", "3 min ago", "2 h ago". */
export function ageWords(iso: string | null | undefined, now: number): string | null {
  if (!iso) return null;
  const ms = now - new Date(iso).getTime();
  if (!Number.isFinite(ms)) return null;
  const m = t().cameras.age;
  if (ms < 1500) return m.justNow;
  if (ms < 60_000) return m.seconds(String(Math.round(ms / 1000)));
  if (ms < 3_600_000) return m.minutes(String(Math.round(ms / 60_000)));
  return m.hours(String(Math.round(ms / 3_600_000)));
}

/** How a camera's model was chosen, in words ('' for a way this version does not know). */
export function choiceWords(how: string): string {
  const words = t().cameras.choice;
  return has<Choice>(words, how) ? words[how] : '';
}
