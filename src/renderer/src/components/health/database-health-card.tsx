import { useEffect } from 'react';
import { hrefFor } from '../../router';
import { useDatabaseHealth } from '../../stores/health';
import { FactList } from '../models/fact-list';
import { formatInt } from '../../format';
import { t } from '../../i18n';
import { daysUntilFullText, formatSize, growthText, lastRunText, nextRunText } from './database-words';

/** A command typed as is in every language, so not in the catalogue. */
const VACUUM_COMMAND = 'footfall db vacuum --db FILE';

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
  const m = t().health.database;
  const { days, years } = t().health.units;
  return (
    <section className="card" aria-labelledby="database-health-title">
      <h2 id="database-health-title">{m.title}</h2>
      <FactList
        facts={[
          [m.facts.size, m.sizeWithWal(formatSize(health.sizeBytes), formatSize(health.walBytes))],
          [m.facts.growth, growthText(health)],
          [m.facts.diskFull, daysUntilFullText(health)],
          [m.facts.lastRun, lastRunText(health.retention.lastRun)],
          [m.facts.nextRun, nextRunText(health)],
        ]}
      >
        <div>
          <dt>{m.facts.kept}</dt>
          <dd>
            {m.keptPeriods(
              days(p.inferenceResultsDays, formatInt(p.inferenceResultsDays)),
              years(p.performanceMetricsYears, formatInt(p.performanceMetricsYears)),
              years(p.abResultsYears, formatInt(p.abResultsYears)),
            )}{' '}
            (<a href={hrefFor('settings')}>{m.settingsLink}</a>)
          </dd>
        </div>
      </FactList>
      {health.autoVacuum !== 'incremental' ? (
        <p className="muted small">
          {m.noVacuum} <code>{VACUUM_COMMAND}</code> {m.noVacuumAfter}
        </p>
      ) : null}
    </section>
  );
}
