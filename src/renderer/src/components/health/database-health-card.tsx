import { useEffect } from 'react';
import { hrefFor } from '../../router';
import { useDatabaseHealth } from '../../stores/health';
import { FactList } from '../models/fact-list';
import { daysUntilFullText, formatSize, growthText, lastRunText, nextRunText, plural } from './database-words';

/** Re-read while the page is open: the writer and retention change the file on their own. */
const REFRESH_MS = 30_000;

/**
 * Health → Database (issue 11, part 2): how big the file is, how fast it grows, how long the disk
 * lasts at that rate, and the nightly retention run. Cheap for the engine to answer at any size.
 */
export function DatabaseHealthCard() {
  const health = useDatabaseHealth((s) => s.data);
  const load = useDatabaseHealth((s) => s.load);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  if (health === null) return null;
  const p = health.retention.periods;
  return (
    <section className="card" aria-labelledby="database-health-title">
      <h2 id="database-health-title">Database</h2>
      <FactList
        facts={[
          ['Database size', `${formatSize(health.sizeBytes)} (and ${formatSize(health.walBytes)} of recent writes in the WAL file)`],
          ['Growth per day', growthText(health)],
          ['Disk full in', daysUntilFullText(health)],
          ['Last retention run', lastRunText(health.retention.lastRun)],
          ['Next retention run', nextRunText(health)],
        ]}
      >
        <div>
          <dt>Kept before archiving</dt>
          <dd>
            Inference results {plural(p.inferenceResultsDays, 'day')}, performance metrics {plural(p.performanceMetricsYears, 'year')}, A/B results{' '}
            {plural(p.abResultsYears, 'year')} (<a href={hrefFor('settings')}>Settings</a>)
          </dd>
        </div>
      </FactList>
      {health.autoVacuum !== 'incremental' ? (
        <p className="muted small">
          This database was made before Footfall could shrink its file: space freed by retention is reused, but the file keeps its size until{' '}
          <code>footfall db vacuum --db FILE</code> is run once while Footfall is closed.
        </p>
      ) : null}
    </section>
  );
}
