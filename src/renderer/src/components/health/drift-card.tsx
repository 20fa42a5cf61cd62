import { useEffect } from 'react';
import type { DriftAlertDto, DriftFeatureDto, DriftWindowDto } from '../../../../shared/requests-drift';
import { DataTable, type Column } from '../data-table';
import { EmptyState } from '../empty-state';
import type { DriftSeverity } from '../../../../shared/enums';
import { formatDateTime, formatInt } from '../../format';
import { localeTag, t } from '../../i18n';
import { createResourceStore } from '../../stores/resource';

/** Stored drift windows and alerts of the last two days (`drift:status`). */
const useDriftStatus = createResourceStore(() => t().health.contexts.drift, (api) => api.drift.status({ hours: 48 }));

/** The hourly check and the 30 s tamper scan write on their own: re-read while the page is open. */
const REFRESH_MS = 30_000;

/** A signal's name in words; a name this version does not know is shown as stored. */
function featureName(name: string): string {
  const features: Partial<Record<string, string>> = t().health.drift.features;
  return features[name] ?? name;
}

const severityWords = (severity: DriftSeverity): string => t().health.drift.severities[severity];

/** Scores and bin edges as the engine rounded them (at most 4 decimals), in the language's digits. */
const figure = (n: number | undefined): string => (n === undefined ? '—' : new Intl.NumberFormat(localeTag(), { maximumFractionDigits: 4 }).format(n));

const words = (f: DriftFeatureDto): string => `${featureName(f.name)} (${figure(f.score)})`;

function windowColumns(): readonly Column[] {
  const { common } = t();
  const c = t().health.drift.columns;
  return [common.camera, common.modelVersion, c.hour, c.verdict, c.moved];
}

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
      <svg viewBox={`0 0 ${w} 84`} width={w} height={84} role="img" aria-label={t().health.drift.histogramLabel(featureName(feature.name))}>
        {ref.map((v, i) => (
          <rect key={`r${i}`} x={i * bar} y={40 - (v / top) * 38} width={bar - 1} height={(v / top) * 38} fill="currentColor" opacity={0.35} />
        ))}
        {cur.map((v, i) => (
          <rect key={`c${i}`} x={i * bar} y={82 - (v / top) * 38} width={bar - 1} height={(v / top) * 38} fill="currentColor" />
        ))}
      </svg>
      <figcaption className="muted small">
        {t().health.drift.histogramCaption(featureName(feature.name), figure(h.edges[0]), figure(h.edges[h.edges.length - 1]))}
      </figcaption>
    </figure>
  );
}

function AlertItem({ alert, window }: { alert: DriftAlertDto; window: DriftWindowDto | undefined }) {
  const top = window?.features.find((f) => f.drifted && f.histogram);
  const m = t().health.drift;
  return (
    <li>
      <strong>{m.alertTitle(m.kinds[alert.kind], alert.camera)}</strong> {m.alertFacts(severityWords(alert.severity), alert.modelVersion, formatDateTime(alert.at))}:{' '}
      {alert.features.map(words).join(', ')}
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
  const m = t().health.drift;
  return (
    <section className="card" aria-labelledby="drift-title">
      <h2 id="drift-title">{m.title}</h2>
      {status.alerts.length === 0 ? (
        <p>{m.noAlerts(t().health.units.hours(status.hours, formatInt(status.hours)))}</p>
      ) : (
        <ul className="drift-alerts">
          {status.alerts.map((a) => (
            <AlertItem key={`${a.kind}-${a.id}`} alert={a} window={a.kind === 'drift' ? byId.get(a.id) : undefined} />
          ))}
        </ul>
      )}
      {status.windows.length === 0 ? (
        <EmptyState title={m.noWindows}>{m.noWindowsHint}</EmptyState>
      ) : (
        <DataTable columns={windowColumns()}>
          {status.windows.slice(0, 24).map((w) => (
            <tr key={w.id}>
              <th scope="row">{w.camera}</th>
              <td>{w.modelVersion}</td>
              <td>{formatDateTime(w.from)}</td>
              <td>{w.drifted ? m.drifted(severityWords(w.severity), w.alerted) : m.noDrift}</td>
              <td>{w.features.filter((f) => f.drifted).map(words).join(', ') || '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {status.nextCheckAt ? <p className="muted small">{m.nextCheck(formatDateTime(status.nextCheckAt))}</p> : null}
    </section>
  );
}
