import { useEffect } from 'react';
import type { DriftAlertDto } from '../../../shared/requests-drift';
import { t, type Messages } from '../i18n';
import { hrefFor } from '../router';
import { createResourceStore } from '../stores/resource';

/**
 * The Live tile's drift / tamper badge (issue 13, part 1: "shown on Health and Live"). One
 * `drift:status` read shared by every tile, at most once a minute while a tile is shown.
 */
const useDriftAlerts = createResourceStore(() => t().live.drift.loadingContext, (api) => api.drift.status({ hours: 24 }));

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

type Feature = keyof Messages['live']['drift']['features'];
type Tamper = keyof Messages['live']['drift']['tamper'];
const has = <K extends string>(words: Record<K, string>, key: string): key is K => Object.prototype.hasOwnProperty.call(words, key);

const PICTURE = new Set(['brightness', 'contrast', 'sharpness']);

/** The badge's words for one alert. */
export function alertWords(a: DriftAlertDto): string {
  const m = t().live.drift;
  if (a.kind === 'tamper') {
    // The engine names a tamper episode's kind "tamper:covered" and so on.
    const name = a.features[0]?.name ?? '';
    const kind = name.startsWith('tamper:') ? name.slice('tamper:'.length) : '';
    return has<Tamper>(m.tamper, kind) ? m.tamper[kind] : m.tampered;
  }
  const names = a.features.slice(0, 2).map((f) => f.name);
  const what = names.map((n) => (has<Feature>(m.features, n) ? m.features[n] : n)).join(m.separator);
  if (names.length === 0) return m.countingChanged;
  return PICTURE.has(names[0]!) ? m.pictureChanged(what) : m.countingChangedIn(what);
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
      <a href={hrefFor('health')}>{t().live.drift.details}</a>
    </p>
  );
}
