/**
 * A camera's state reasons and connection failures in plain words (never the engine's codes).
 * Pure: unit-tested in camera-words.test.ts.
 */

/** Why a camera cannot be reached, or why it is in its state. */
const REASONS: Record<string, string> = {
  auth: 'The camera refused the user name or password.',
  not_found: 'Nothing found at that address or path.',
  refused: 'The camera refused the connection (wrong port, or the stream is off).',
  timeout: 'The camera did not answer in time.',
  unreachable: 'The address cannot be reached from this PC.',
  unsupported: 'This kind of address or file cannot be played.',
  ended: 'The stream ended.',
  crashed: 'The video reader stopped unexpectedly; it is restarted by itself.',
  secret: 'The stored password cannot be opened on this PC: type it again in the camera’s settings.',
  model: 'The counting model could not be loaded: see the Models page.',
  config: 'The camera’s settings cannot be used: open it and check them.',
  disabled: 'Switched off.',
  stopped: 'Not running.',
  start: 'Starting.',
  retry: 'Trying again.',
  frames: 'Receiving pictures.',
  busy: 'The camera is in use by another program.',
};

export function reasonWords(reason: string | null | undefined): string {
  if (!reason) return '';
  return REASONS[reason] ?? 'The camera cannot be used right now.';
}

/** The state badge's word: a switched-off camera says so rather than "stopped". */
export function stateWords(state: string, reason: string | null | undefined): { state: string; label: string } {
  if (state === 'stopped' && reason === 'disabled') return { state: 'stopped', label: 'off' };
  return { state, label: state };
}

/** "just now", "12 s ago", "3 min ago", "2 h ago". */
export function ageWords(iso: string | null | undefined, now: number): string | null {
  if (!iso) return null;
  const ms = now - new Date(iso).getTime();
  if (!Number.isFinite(ms)) return null;
  if (ms < 1500) return 'just now';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s ago`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min ago`;
  return `${Math.round(ms / 3_600_000)} h ago`;
}

/** How a camera's model was chosen, in words. */
export const CHOICE_WORDS: Record<string, string> = {
  pinned: 'pinned on this camera',
  canary: 'canary on this camera',
  camera: 'deployed to this camera',
  site: 'deployed to every camera',
  default: 'the bundled default model',
};
