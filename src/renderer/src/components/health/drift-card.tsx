import { useEffect } from 'react';
import type { DriftAlertDto, DriftFeatureDto, DriftWindowDto } from '../../../../shared/requests-drift';
import { DataTable, type Column } from '../data-table';
import { EmptyState } from '../empty-state';
import { formatDateTime } from '../../format';
import { createResourceStore } from '../../stores/resource';

/** Stored drift windows and alerts of the last two days (`drift:status`). */
const useDriftStatus = createResourceStore('Loading drift and tamper alerts', (api) => api.drift.status({ hours: 48 }));

/** The hourly check and the 30 s tamper scan write on their own: re-read while the page is open. */
const REFRESH_MS = 30_000;

const FEATURE_WORDS: Record<string, string> = {
  brightness: 'brightness',
  contrast: 'contrast',
  sharpness: 'sharpness (focus)',
  confidence: 'detection confidence',
  detections: 'people per frame',
  box_height: 'box height',
  box_aspect: 'box shape',
  count_in: 'people in vs the same hour last weeks',
  count_out: 'people out vs the same hour last weeks',
  'tamper:covered': 'camera covered',
  'tamper:blinded': 'camera blinded',
  'tamper:defocused': 'camera out of focus',
  'tamper:moved': 'camera moved',
};

const words = (f: DriftFeatureDto): string => `${FEATURE_WORDS[f.name] ?? f.name} (${f.score})`;

const WINDOW_COLUMNS: readonly Column[] = ['Camera', 'Model version', 'Hour', 'Verdict', 'Signals that moved'];

/** Reference vs now over the feature's 30 bins: two bar rows on one scale. */
function Histogram({ feature }: { feature: DriftFeatureDto }) {
  const h = feature.histogram;
  if (!h || h.reference.length === 0) return null;
  const share = (xs: number[]): number[] => {
    const n = xs.reduce((s, v) => s + v, 0) || 1;
    return xs.map((v) => v / n);
  };
  const ref = share(h.reference);
  const cur = share(h.current);
  const top = Math.max(...ref, ...cur) || 1;
  const w = 300;
  const bar = w / ref.length;
  return (
    <figure className="drift-histogram">
      <svg viewBox={`0 0 ${w} 84`} width={w} height={84} role="img" aria-label={`${FEATURE_WORDS[feature.name] ?? feature.name}: reference and now`}>
        {ref.map((v, i) => (
          <rect key={`r${i}`} x={i * bar} y={40 - (v / top) * 38} width={bar - 1} height={(v / top) * 38} fill="currentColor" opacity={0.35} />
        ))}
        {cur.map((v, i) => (
          <rect key={`c${i}`} x={i * bar} y={82 - (v / top) * 38} width={bar - 1} height={(v / top) * 38} fill="currentColor" />
        ))}
      </svg>
      <figcaption className="muted small">
        {FEATURE_WORDS[feature.name] ?? feature.name}: reference (top) and now (bottom), {h.edges[0]} to {h.edges[h.edges.length - 1]}
      </figcaption>
    </figure>
  );
}

function AlertItem({ alert, window }: { alert: DriftAlertDto; window: DriftWindowDto | undefined }) {
  const top = window?.features.find((f) => f.drifted && f.histogram);
  return (
    <li>
      <strong>
        {alert.kind === 'tamper' ? 'Tampering' : 'Drift'} on {alert.camera}
      </strong>{' '}
      ({alert.severity}, model {alert.modelVersion}, {formatDateTime(alert.at)}): {alert.features.map(words).join(', ')}
      {top ? <Histogram feature={top} /> : null}
    </li>
  );
}

/**
 * Health → Drift and tampering (issue 13): alerts first (tampering at once, drift once it has
 * lasted `drift.alert_windows` hours), with the signal that moved most as reference-vs-now bars,
 * then the scored hourly windows.
 */
export function DriftCard() {
  const status = useDriftStatus((s) => s.data);
  const load = useDriftStatus((s) => s.load);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  if (status === null) return null;
  const byId = new Map(status.windows.map((w) => [w.id, w]));
  return (
    <section className="card" aria-labelledby="drift-title">
      <h2 id="drift-title">Drift and tampering</h2>
      {status.alerts.length === 0 ? (
        <p>No drift or tamper alerts in the last {status.hours} hours.</p>
      ) : (
        <ul className="drift-alerts">
          {status.alerts.map((a) => (
            <AlertItem key={`${a.kind}-${a.id}`} alert={a} window={a.kind === 'drift' ? byId.get(a.id) : undefined} />
          ))}
        </ul>
      )}
      {status.windows.length === 0 ? (
        <EmptyState title="No hourly windows scored yet">Each camera's hour is compared with the same hour on earlier days a few minutes after it ends.</EmptyState>
      ) : (
        <DataTable columns={WINDOW_COLUMNS}>
          {status.windows.slice(0, 24).map((w) => (
            <tr key={w.id}>
              <th scope="row">{w.camera}</th>
              <td>{w.modelVersion}</td>
              <td>{formatDateTime(w.from)}</td>
              <td>{w.drifted ? `drifted (${w.severity}${w.alerted ? ', alerted' : ''})` : 'no drift'}</td>
              <td>{w.features.filter((f) => f.drifted).map(words).join(', ') || '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {status.nextCheckAt ? <p className="muted small">Next hourly check {formatDateTime(status.nextCheckAt)}; tampering is checked every 30 seconds.</p> : null}
    </section>
  );
}
