import type { CountSeriesDto } from '../../../../shared/requests-counts';
import { formatInt } from '../../format';
import { t } from '../../i18n';

/** Today's in, out and net for the camera chosen (or all), refreshed while cameras count. */
export function TodayCard({ today, live }: { today: CountSeriesDto | null; live: boolean }) {
  const common = t().common;
  return (
    <section className="card today-card" aria-labelledby="today-title">
      <h2 id="today-title">{common.today}</h2>
      <dl className="figures today-figures">
        <div>
          <dt>{common.in}</dt>
          <dd className="figure-in" data-testid="today-in">
            {formatInt(today?.totalIn)}
          </dd>
        </div>
        <div>
          <dt>{common.out}</dt>
          <dd className="figure-out" data-testid="today-out">
            {formatInt(today?.totalOut)}
          </dd>
        </div>
        <div>
          <dt>{common.net}</dt>
          <dd>{formatInt(today ? today.totalIn - today.totalOut : null)}</dd>
        </div>
      </dl>
      {live ? <p className="muted small">{t().dashboard.today.updatesLive}</p> : null}
    </section>
  );
}
