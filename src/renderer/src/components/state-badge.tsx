import { t } from '../i18n';
import './state-badge.css';

const TONES: Record<string, string> = {
  live: 'good',
  running: 'good',
  production: 'good',
  deployed: 'good',
  completed: 'good',
  active: 'good',
  connecting: 'info',
  starting: 'info',
  staging: 'info',
  draft: 'info',
  reconnecting: 'warn',
  restarting: 'warn',
  stalled: 'warn',
  paused: 'warn',
  failed: 'bad',
  error: 'bad',
  rolled_back: 'bad',
  approved: 'good',
  promoted: 'good',
  stage_completed: 'good',
  stage_started: 'info',
  swapped: 'info',
  stage_failed: 'bad',
  load_failed: 'bad',
  stage_skipped: 'neutral',
  testing: 'info',
  pending: 'warn',
  validate: 'info',
  benchmark: 'info',
  shadow: 'info',
  canary: 'info',
  rejected: 'bad',
  not_deployed: 'neutral',
  development: 'neutral',
  skipped: 'neutral',
  cancelled: 'neutral',
  stopped: 'neutral',
  archived: 'neutral',
  deprecated: 'neutral',
};

/** An engine state in the language shown; a state the catalogue does not know is shown as its code. */
export function stateWord(state: string): string {
  const words: Partial<Record<string, string>> = t().shell.states;
  return words[state] ?? state.replace(/_/g, ' ');
}

export function StateBadge({ state, label }: { state: string; label?: string }) {
  // A given label is shown as written; state words are capitalised by the stylesheet.
  return <span className={`badge badge-${TONES[state] ?? 'neutral'}${label ? ' badge-label' : ''}`}>{label ?? stateWord(state)}</span>;
}
