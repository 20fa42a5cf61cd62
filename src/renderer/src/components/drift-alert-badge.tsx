import { useEffect } from 'react';
import type { DriftAlertDto } from '../../../shared/requests-drift';
import { hrefFor } from '../router';
import { createResourceStore } from '../stores/resource';

/**
 * The Live tile's drift / tamper badge (issue 13, part 1: "shown on Health and Live"). One
 * `drift:status` read shared by every tile, at most once a minute while a tile is shown.
 */
const useDriftAlerts = createResourceStore('Loading drift and tamper alerts', (api) => api.drift.status({ hours: 24 }));

const POLL_MS = 60_000;
/** A tamper episode counts as active until this long after it was last seen. */
const TAMPER_ACTIVE_MS = 3_600_000;

let watchers = 0;
let timer: ReturnType<typeof setInterval> | null = null;
let lastLoad = 0;

function loadIfDue(): void {
  if (Date.now() - lastLoad < POLL_MS) return;
  lastLoad = Date.now();
  void useDriftAlerts.getState().load();
}

function watch(): () => void {
  watchers++;
  loadIfDue();
  timer ??= setInterval(loadIfDue, POLL_MS);
  return () => {
    watchers--;
    if (watchers === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const TAMPER_WORDS: Record<string, string> = {
  'tamper:covered': 'Camera covered?',
  'tamper:blinded': 'Camera blinded?',
  'tamper:defocused': 'Picture out of focus?',
  'tamper:moved': 'Camera moved?',
};

const FEATURE_WORDS: Record<string, string> = {
  brightness: 'brightness',
  contrast: 'contrast',
  sharpness: 'sharpness',
  confidence: 'detection confidence',
  detections: 'people per frame',
  box_height: 'box height',
  box_aspect: 'box shape',
  count_in: 'people in',
  count_out: 'people out',
};
const PICTURE = new Set(['brightness', 'contrast', 'sharpness']);

/** The badge's words for one alert. */
export function alertWords(a: DriftAlertDto): string {
  if (a.kind === 'tamper') return TAMPER_WORDS[a.features[0]?.name ?? ''] ?? 'Camera tampered with?';
  const names = a.features.slice(0, 2).map((f) => f.name);
  const what = names.map((n) => FEATURE_WORDS[n] ?? n).join(', ');
  if (names.length === 0) return 'Counting changed';
  return PICTURE.has(names[0]!) ? `Picture changed: ${what}` : `Counting changed: ${what}`;
}

/**
 * The camera's active alerts: a tamper episode seen in the last hour, and drift when the camera's
 * newest scored window is an alerted one.
 */
function activeAlerts(cameraId: string, status: { now: string; alerts: DriftAlertDto[]; windows: { cameraId: string; alerted: boolean; id: number }[] } | null): DriftAlertDto[] {
  if (!status) return [];
  const now = new Date(status.now).getTime();
  const newest = status.windows.find((w) => w.cameraId === cameraId);
  const seen = new Set<string>();
  return status.alerts.filter((a) => {
    if (a.cameraId !== cameraId) return false;
    const active = a.kind === 'tamper' ? now - new Date(a.to).getTime() <= TAMPER_ACTIVE_MS : newest?.alerted === true && newest.id === a.id;
    const words = alertWords(a);
    if (!active || seen.has(words)) return false;
    seen.add(words);
    return true;
  });
}

/** A warning line on a Live tile while its camera has an active drift or tamper alert; nothing otherwise. */
export function DriftAlertBadge({ cameraId }: { cameraId: string }) {
  const status = useDriftAlerts((s) => s.data);
  useEffect(() => watch(), []);
  const alerts = activeAlerts(cameraId, status);
  if (alerts.length === 0) return null;
  return (
    <p className="tile-reason small" data-testid="tile-drift-alert">
      {alerts.map((a) => (
        <span key={`${a.kind}-${a.id}`}>
          <span className="badge badge-warn">{alertWords(a)}</span>{' '}
        </span>
      ))}
      <a href={hrefFor('health')}>Details on Health</a>
    </p>
  );
}
