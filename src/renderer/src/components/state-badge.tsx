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
  stopped: 'neutral',
  archived: 'neutral',
  deprecated: 'neutral',
};

export function StateBadge({ state }: { state: string }) {
  return <span className={`badge badge-${TONES[state] ?? 'neutral'}`}>{state.replace(/_/g, ' ')}</span>;
}
